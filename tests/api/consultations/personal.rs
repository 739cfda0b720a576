//! A person's part in consultations is their personal data: their comments, supports and followed
//! units are in their export; erasing the account deletes the supports and followed units and
//! leaves the comments public under the same pseudonym with no one behind them; the retention
//! rule removes the comments some years after the synthesis.

use chrono::TimeDelta;
use serde_json::json;

use super::{cast, public_path, published, send};
use crate::helpers::{GOOD_PASSWORD, ManualClock, spawn_app_with_clock};
use crate::petitions::NOW;
use pakn::service::shutdown::Shutdown;

#[actix_web::test]
async fn comments_supports_and_followed_units_are_exported_and_an_erasure_leaves_only_the_pseudonymous_comment() {
    let app = spawn_app_with_clock(ManualClock::at(NOW)).await;
    let cast = cast(&app).await;
    let path = published(&app, &cast).await;
    let comments = format!("{path}/comments");
    let hers =
        send(&app, &cast.an, "POST", &comments, json!({ "text": "Đề nghị tăng giá bồi thường.", "section": 1 }), 201)
            .await;
    let his = send(&app, &cast.binh, "POST", &comments, json!({ "text": "Khu tái định cư còn xa chợ." }), 201).await;
    send(&app, &cast.an, "POST", &format!("{comments}/{}/support", his["id"].as_str().unwrap()), json!({}), 200).await;
    send(&app, &cast.binh, "POST", &format!("{comments}/{}/support", hers["id"].as_str().unwrap()), json!({}), 200)
        .await;
    let mine = "/api/v1/me/consultation-subscriptions";
    send(&app, &cast.an, "PUT", mine, json!({ "admin_unit_codes": ["19753"] }), 200).await;

    let export = app.get_as(&cast.an.access_token, "/api/v1/me/data-export").await.json();
    assert_eq!(export["consultation_comments"].as_array().map(Vec::len), Some(1), "{export}");
    let exported = &export["consultation_comments"][0];
    assert_eq!((&exported["id"], &exported["section"], &exported["supports"]), (&hers["id"], &json!(1), &json!(1)));
    assert_eq!(export["consultation_supports"][0]["comment_id"], his["id"]);
    assert_eq!(export["consultation_subscriptions"], json!(["19753"]));

    let before = app.get(&public_path(&path)).await.json();
    let author_of = |page: &serde_json::Value, id: &serde_json::Value| {
        page["comments"].as_array().unwrap().iter().find(|c| c["id"] == *id).unwrap()["author"].clone()
    };
    let erasure = json!({ "password": GOOD_PASSWORD });
    let erased = app.send_json_as(&cast.an.access_token, "POST", "/api/v1/me/erasure", &erasure).await;
    assert_eq!(erased.status, 200, "{}", String::from_utf8_lossy(&erased.body));

    let after = app.get(&public_path(&path)).await.json();
    assert_eq!(after["counts"]["comments"], 2, "her comment stays on the public record");
    assert_eq!(author_of(&after, &hers["id"]), author_of(&before, &hers["id"]), "under the same pseudonym");
    let his_now = after["comments"].as_array().unwrap().iter().find(|c| c["id"] == his["id"]).unwrap().clone();
    assert_eq!(his_now["supports"], 0, "her support is gone");
    let staff = app.get_as(&cast.officer.access_token, &comments).await.json();
    let kept = staff["items"].as_array().unwrap().iter().find(|c| c["id"] == hers["id"]).unwrap().clone();
    assert_eq!(kept["author_name"], "", "no one is behind it any more");
    assert!(!staff.to_string().contains("Trần Thị Ân"));
    let followers =
        app.with_connection(|c| pakn::db::consultations::subscriptions::followers_of(c, &["19753"]).unwrap());
    assert!(followers.is_empty(), "her followed units are gone");
}

#[actix_web::test]
async fn the_comments_and_their_supports_go_five_years_after_the_synthesis_which_stays() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone()).await;
    let cast = cast(&app).await;
    let path = published(&app, &cast).await;
    let comments = format!("{path}/comments");
    let made = send(&app, &cast.an, "POST", &comments, json!({ "text": "Đề nghị công khai bảng giá đất." }), 201).await;
    send(&app, &cast.binh, "POST", &format!("{comments}/{}/support", made["id"].as_str().unwrap()), json!({}), 200)
        .await;
    clock.advance(TimeDelta::days(30));
    let cast = cast.again(&app).await;
    let answer = json!({ "comment_ids": [made["id"]], "position": "accepted", "explanation": "Bảng giá được niêm yết tại phường." });
    send(&app, &cast.officer, "POST", &format!("{path}/answers"), answer, 201).await;
    let summary = json!({ "summary": "Đã nhận 1 ý kiến và tiếp thu." });
    send(&app, &cast.head, "POST", &format!("{path}/synthesis"), summary, 200).await;

    let purge = || {
        let report = app
            .with_connection(|c| pakn::service::personal_data::retention::purge(c, &app.context, &Shutdown::default()))
            .unwrap();
        report.of(pakn::domain::personal_data::rules::RuleName::ConsultationComments)
    };
    clock.advance(TimeDelta::days(365 * 5 - 2));
    assert_eq!(purge(), 0, "kept for five years after the synthesis");
    clock.advance(TimeDelta::days(4));
    assert_eq!(purge(), 1);
    let page = app.get(&public_path(&path)).await.json();
    assert_eq!((page["counts"]["comments"].as_i64(), page["counts"]["supported"].as_i64()), (Some(0), Some(0)));
    assert_eq!(page["synthesis"]["summary"], "Đã nhận 1 ý kiến và tiếp thu.", "the synthesis stays");
}
