//! Findings listed: an agency's (about it, a period of it, its petitions) newest first, a page at
//! a time, for monitors in scope, administrators and the agency's staff.

use serde_json::{Value, json};

use super::evidence::posted;
use crate::helpers::{ManualClock, spawn_app_with_clock};
use crate::petitions::NOW;
use crate::workflow::people;

#[actix_web::test]
async fn an_agencys_findings_are_listed_newest_first_a_page_at_a_time_for_those_who_may_read_them() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone()).await;
    let p = people(&app).await;
    let monitor = app.staff(&p.admin, "monitor", json!({ "scope_admin_unit": "46" })).await;
    for n in 1..=3 {
        clock.advance(chrono::TimeDelta::minutes(1));
        let text = format!("Lần giám sát thứ {n}: hồ sơ đơn thư chưa được lưu đầy đủ.");
        posted(
            &app,
            &monitor,
            "/api/v1/oversight/findings",
            json!({ "agency_id": p.ward, "severity": "low", "text": text }),
        )
        .await;
    }
    let path = format!("/api/v1/oversight/findings?agency_id={}&limit=2", p.ward);
    let first = app.get_as(&p.ward_head.access_token, &path).await.json();
    assert_eq!((first["total"].as_i64(), first["items"].as_array().map(Vec::len)), (Some(3), Some(2)));
    assert!(first["items"][0]["text"].as_str().unwrap().contains("thứ 3"), "newest first: {first}");
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = app.get_as(&monitor.access_token, &format!("{path}&cursor={cursor}")).await.json();
    assert_eq!((second["items"].as_array().map(Vec::len), &second["next_cursor"]), (Some(1), &Value::Null));
    assert!(second["items"][0]["text"].as_str().unwrap().contains("thứ 1"));

    let outside = app.staff(&p.admin, "monitor", json!({ "scope_admin_unit": "19900" })).await;
    app.get_as(&outside.access_token, &path).await.assert_problem(403, "forbidden");
    app.get_as(&p.citizen.access_token, &path).await.assert_problem(403, "forbidden");
    let neither = app.get_as(&monitor.access_token, "/api/v1/oversight/findings").await;
    assert_eq!(neither.assert_problem(422, "validation_failed")["errors"][0]["field"], "agency_id");
    let bad_cursor = app.get_as(&monitor.access_token, &format!("{path}&cursor=bm90LWEtY3Vyc29y")).await;
    assert_eq!(bad_cursor.assert_problem(422, "validation_failed")["errors"][0]["field"], "cursor");
}
