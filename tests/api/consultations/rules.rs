//! The minimum window per kind: data with its basis, applied when publishing; an administrator's
//! change applies to what is published afterwards; a published window is only ever extended.

use serde_json::json;

use super::{cast, drafted, land_plan, public_path, published, send};
use crate::helpers::spawn_app_at;
use crate::petitions::NOW;

#[actix_web::test]
async fn a_window_shorter_than_the_rule_for_its_kind_is_refused_naming_the_rule_and_its_basis() {
    let app = spawn_app_at(NOW).await;
    let cast = cast(&app).await;
    let rules = app.get_as(&cast.admin.access_token, "/api/v1/admin/consultation-rules").await.json();
    let land = rules["items"].as_array().unwrap().iter().find(|r| r["rule"] == "land_compensation_plan").unwrap();
    assert_eq!(land["days"], 30);
    assert!(land["basis"].as_str().unwrap().contains("Điều 87"));
    assert_eq!(rules["total"], 5);

    let mut short = land_plan();
    short["closes_on"] = json!("2026-12-24");
    let path = drafted(&app, &cast.officer, short).await;
    let refused = send(&app, &cast.officer, "POST", &format!("{path}/publish"), json!({}), 422).await;
    assert_eq!(refused["errors"][0]["field"], "closes_on");
    let message = refused["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("29 days") && message.contains("land_compensation_plan") && message.contains("Điều 87"),
        "{message}"
    );
    app.get(&public_path(&path)).await.assert_problem(404, "not_found");

    let lowered = json!({ "days": 20, "basis": "Quyết định của UBND tỉnh (thử nghiệm)" });
    send(&app, &cast.officer, "PUT", "/api/v1/admin/consultation-rules/land_compensation_plan", lowered.clone(), 403)
        .await;
    send(&app, &cast.admin, "PUT", "/api/v1/admin/consultation-rules/no_such_rule", lowered.clone(), 404).await;
    let changed =
        send(&app, &cast.admin, "PUT", "/api/v1/admin/consultation-rules/land_compensation_plan", lowered, 200).await;
    assert_eq!((changed["days"].as_i64(), changed["changed_by"].as_str()), (Some(20), Some(cast.admin.id.as_str())));
    send(&app, &cast.officer, "POST", &format!("{path}/publish"), json!({}), 200).await;
    let recorded = app.with_connection(|c| {
        use diesel::prelude::*;
        use pakn::db::schema::events;
        events::table.filter(events::kind.eq("consultation_rule.changed")).count().get_result::<i64>(c).unwrap()
    });
    assert_eq!(recorded, 1);
}

#[actix_web::test]
async fn a_published_window_is_extended_with_a_notice_and_never_shortened() {
    let app = spawn_app_at(NOW).await;
    let cast = cast(&app).await;
    let path = published(&app, &cast).await;
    let extend = format!("{path}/extend");
    let shorter = json!({ "closes_on": "2026-12-20", "notice": "Rút ngắn thời hạn." });
    let refused = send(&app, &cast.officer, "POST", &extend, shorter, 422).await;
    assert_eq!(refused["errors"][0]["field"], "closes_on");
    let same = json!({ "closes_on": "2026-12-25", "notice": "Giữ nguyên thời hạn." });
    send(&app, &cast.officer, "POST", &extend, same, 422).await;
    send(&app, &cast.an, "POST", &extend, json!({ "closes_on": "2027-01-10", "notice": "Gia hạn." }), 403).await;
    let notice = "Gia hạn đến 10/01/2027 theo đề nghị của Mặt trận Tổ quốc phường.";
    let extended =
        send(&app, &cast.officer, "POST", &extend, json!({ "closes_on": "2027-01-10", "notice": notice }), 200).await;
    assert_eq!(extended["closes_on"], "2027-01-10");
    let page = app.get(&public_path(&path)).await.json();
    assert_eq!(page["extensions"][0]["notice"], notice);
    assert_eq!(page["extensions"][0]["previous_closes_on"], "2026-12-25");
    assert_eq!(page["closes_on"], "2027-01-10");
}
