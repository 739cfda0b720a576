//! The legal minimum of reception days: each head's month judged under the rule in force that
//! month (a day a week for commune-level chairs until June 2026, two days a month from July under
//! Law 136/2025/QH15), the shortfalls monitors see, new versions of the rule, and the sessions in
//! the periodic report.

use serde_json::{Value, json};

use super::schedule_on;
use crate::helpers::{GOOD_PASSWORD, ManualClock, SignedInUser, TestApp, spawn_app_with_clock};

/// Monday 1 June 2026, 08:00 in Vietnam.
const JUNE_1: &str = "2026-06-01 01:00:00";

async fn month(app: &TestApp, reader: &SignedInUser, agency: &str, month: &str) -> Value {
    let path = format!("/api/v1/agencies/{agency}/reception-months/{month}");
    let response = app.get_as(&reader.access_token, &path).await;
    assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
    response.json()
}

async fn short_in(app: &TestApp, monitor: &SignedInUser, month: &str) -> Vec<String> {
    let path = format!("/api/v1/oversight/reception-shortfalls?month={month}");
    let listed = app.get_as(&monitor.access_token, &path).await.json();
    listed["items"].as_array().unwrap().iter().map(|m| m["agency_id"].as_str().unwrap().to_string()).collect()
}

#[actix_web::test]
async fn a_commune_chairs_month_is_judged_by_the_rule_in_force_that_month() {
    let app = spawn_app_with_clock(ManualClock::at(JUNE_1)).await;
    let admin = app.admin().await;
    let ward = app.agency_id("ubnd-phuong-phu-xuan").await;
    let head = app.staff(&admin, "head", json!({ "agency_id": ward })).await;
    let monitor = app.staff(&admin, "monitor", json!({ "scope_admin_unit": "46" })).await;
    for day in ["2026-06-03", "2026-06-04", "2026-06-10", "2026-06-24"] {
        schedule_on(&app, &head, &ward, day, "head").await;
    }

    // June: one day a week (Law on Citizen Reception 2013, Art. 15) — the weeks of the 15th and
    // the 29th have none; two days in one week make up for nothing.
    let june = month(&app, &monitor, &ward, "2026-06").await;
    assert_eq!(june["rule"]["per"], "week");
    assert!(june["rule"]["basis"].as_str().unwrap().contains("42/2013/QH13"));
    assert_eq!(
        (june["required"].as_i64(), june["counted"].as_i64(), june["short_by"].as_i64()),
        (Some(5), Some(3), Some(2))
    );
    assert_eq!(june["short_weeks"], json!(["2026-06-15", "2026-06-29"]));
    assert!(short_in(&app, &monitor, "2026-06").await.contains(&ward));

    // July: two days a month (Law 136/2025/QH15). A deputy's session does not count; the head's second does.
    schedule_on(&app, &head, &ward, "2026-07-08", "head").await;
    schedule_on(&app, &head, &ward, "2026-07-15", "deputy").await;
    let july = month(&app, &head, &ward, "2026-07").await;
    assert_eq!((july["rule"]["per"].as_str(), july["rule"]["days"].as_i64()), (Some("month"), Some(2)));
    assert!(july["rule"]["basis"].as_str().unwrap().contains("136/2025/QH15"));
    assert_eq!((july["counted"].as_i64(), july["short"].as_bool()), (Some(1), Some(true)));
    assert!(short_in(&app, &monitor, "2026-07").await.contains(&ward));
    schedule_on(&app, &head, &ward, "2026-07-22", "head").await;
    assert_eq!(month(&app, &head, &ward, "2026-07").await["short"], false);
    assert!(!short_in(&app, &monitor, "2026-07").await.contains(&ward));

    // Only those who oversee the unit, and a month written as one.
    let elsewhere = app.staff(&admin, "monitor", json!({ "scope_admin_unit": "19942" })).await;
    app.get_as(&elsewhere.access_token, &format!("/api/v1/agencies/{ward}/reception-months/2026-07"))
        .await
        .assert_problem(403, "forbidden");
    app.get_as(&elsewhere.access_token, "/api/v1/oversight/reception-shortfalls?admin_unit=19753")
        .await
        .assert_problem(403, "forbidden");
    app.get_as(&monitor.access_token, &format!("/api/v1/agencies/{ward}/reception-months/2026-13"))
        .await
        .assert_problem(422, "validation_failed");
}

#[actix_web::test]
async fn a_new_version_of_the_minimum_ends_the_one_in_force_and_never_rewrites_a_judged_month() {
    let app = spawn_app_with_clock(ManualClock::at(JUNE_1)).await;
    let admin = app.admin().await;
    let rules = "/api/v1/admin/reception-rules";
    let version = |from: &str| {
        json!({ "agency_kind": "commune_peoples_committee", "days": 3, "per": "month",
                "basis": "Nghị quyết giả định của tỉnh về tiếp công dân", "effective_from": from })
    };
    let too_early = app.send_json_as(&admin.access_token, "POST", rules, &version("2026-07-01")).await;
    assert_eq!(too_early.assert_problem(422, "validation_failed")["errors"][0]["field"], "effective_from");
    let added = app.send_json_as(&admin.access_token, "POST", rules, &version("2027-01-01")).await;
    assert_eq!(added.status, 201, "{}", String::from_utf8_lossy(&added.body));
    let listed = app.get_as(&admin.access_token, rules).await.json();
    let commune: Vec<&Value> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["agency_kind"] == "commune_peoples_committee")
        .collect();
    assert_eq!(commune.len(), 3);
    assert_eq!(commune[1]["effective_to"], "2026-12-31");
    assert_eq!((commune[2]["days"].as_i64(), commune[2]["effective_to"].is_null()), (Some(3), true));

    let ward = app.agency_id("ubnd-phuong-phu-xuan").await;
    assert_eq!(month(&app, &admin, &ward, "2026-07").await["required"], 2);
    assert_eq!(month(&app, &admin, &ward, "2027-01").await["required"], 3);
}

#[actix_web::test]
async fn the_sessions_held_feed_the_periodic_report_by_head_and_month() {
    let clock = ManualClock::at(JUNE_1);
    let app = spawn_app_with_clock(clock.clone()).await;
    let admin = app.admin().await;
    let ward = app.agency_id("ubnd-phuong-phu-xuan").await;
    let head = app.staff(&admin, "head", json!({ "agency_id": ward })).await;
    let held = schedule_on(&app, &head, &ward, "2026-06-03", "head").await;
    let missed = schedule_on(&app, &head, &ward, "2026-06-04", "deputy").await;
    clock.advance(chrono::TimeDelta::days(5));
    let (head, admin) = (app.login(&head.email, GOOD_PASSWORD).await, app.login(&admin.email, GOOD_PASSWORD).await);
    let record = |id: &Value, step: &str| format!("/api/v1/reception-sessions/{}/{step}", id["id"].as_str().unwrap());
    let body = json!({ "attended": 4, "summary": "Tiếp 4 lượt công dân." });
    assert_eq!(app.send_json_as(&head.access_token, "POST", &record(&held, "held"), &body).await.status, 200);
    let reason = json!({ "reason": "Mưa lũ, trụ sở đóng cửa." });
    assert_eq!(app.send_json_as(&head.access_token, "POST", &record(&missed, "not-held"), &reason).await.status, 200);

    let report = app.get_as(&admin.access_token, "/api/v1/reports/periodic?period=2026").await.json();
    let table = report["tables"].as_array().unwrap().iter().find(|t| t["key"] == "citizen_reception").unwrap();
    let row = &table["rows"][0];
    assert_eq!(row["key"], format!("{ward}/2026-06"));
    assert_eq!(
        row["values"],
        json!({ "held_by_head": 1, "held_by_deputy": 0, "not_held": 1, "citizens_received": 4, "petitions_received": 0 })
    );
}

#[actix_web::test]
async fn the_first_sweep_of_a_month_tells_each_head_who_fell_short_the_month_before_once() {
    let app = spawn_app_with_clock(ManualClock::at(JUNE_1)).await;
    let admin = app.admin().await;
    let ward = app.agency_id("ubnd-phuong-phu-xuan").await;
    let head = app.staff(&admin, "head", json!({ "agency_id": ward })).await;
    let sweep = || app.with_connection(|c| pakn::service::reception::sweep::sweep(c, &app.context)).expect("a sweep");
    let short = sweep();
    assert!(short >= 1, "May 2026 had no session at the ward");
    let told = app.mailbox.next_for(&head.email, 1).await;
    assert!(told.subject().contains("2026-05"), "{}", told.subject());
    assert!(told.text().contains("42/2013/QH13"), "the rule in force in May names its basis: {}", told.text());
    assert_eq!(sweep(), 0, "the month is judged once");
    let agency = pakn::domain::ids::AgencyId::parse(&ward).unwrap();
    let subject = pakn::domain::events::Subject::Agency(&agency);
    let events = app.with_connection(|c| pakn::db::events::of_subject(c, subject)).expect("events");
    assert_eq!(events.iter().filter(|e| e.kind.as_str() == "agency.reception_short").count(), 1);
}
