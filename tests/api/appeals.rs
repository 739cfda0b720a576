//! Second-time complaints (Law on Complaints 2011, Arts. 7 and 33): the 30-day window counted the
//! Civil Code's way, its last day moving past a holiday; and a first-time decision of the
//! provincial chair, whose second round is the minister's, outside pakn.

use std::sync::Arc;

use chrono::TimeDelta;
use serde_json::{Value, json};

use crate::helpers::{ManualClock, TestApp, spawn_app_at, spawn_app_with_clock};
use crate::petitions::{NOW, file_as};
use crate::workflow::{People, act, complaint_against, done, people};

const REASON: &str = "Tôi không đồng ý với quyết định giải quyết lần đầu vì giá bồi thường vẫn thấp.";

/// A complaint against `agency` accepted and rejected by `head` today.
async fn decided(app: &TestApp, p: &People, agency: &str, head: &crate::helpers::SignedInUser) -> Value {
    let mut complaint = complaint_against(agency);
    complaint["decision_reference"]["date"] = json!("2026-01-05");
    let filed = file_as(app, &p.citizen, &complaint).await;
    done(app, head, &filed, "accept", json!({ "complexity": "normal" })).await;
    let answer = json!({ "outcome": "rejected", "answer": "Quyết định bồi thường đúng bảng giá đất năm 2026." });
    done(app, head, &filed, "resolve", answer).await
}

#[actix_web::test]
async fn a_window_whose_thirtieth_day_falls_in_tet_runs_to_the_monday_after() {
    // Mon 19 Jan 2026, 9:00 in Huế: both complaints are decided today.
    let clock = ManualClock::at("2026-01-19 02:00:00");
    let app = spawn_app_with_clock(clock.clone() as Arc<_>).await;
    let p = people(&app).await;
    let first = decided(&app, &p, &p.ward, &p.ward_head).await;
    let second = decided(&app, &p, &p.ward, &p.ward_head).await;

    // The 30th day is Wed 18 Feb, inside Tết (14–22 Feb): the window runs to Mon 23 Feb.
    clock.advance(TimeDelta::days(35));
    let p = p.signed_in_again(&app).await;
    let appealed = done(&app, &p.citizen, &first, "appeal", json!({ "reason": REASON })).await;
    assert_eq!(appealed["status"], "closed");

    clock.advance(TimeDelta::days(1)); // Tue 24 Feb: too late.
    let p = p.signed_in_again(&app).await;
    act(&app, &p.citizen, &second, "appeal", json!({ "reason": REASON })).await.assert_problem(409, "conflict");
}

#[actix_web::test]
async fn a_second_complaint_against_the_provincial_chair_is_the_ministers_and_pakn_says_so() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let first = decided(&app, &p, &p.city, &p.city_head).await;
    let refused = act(&app, &p.citizen, &first, "appeal", json!({ "reason": REASON })).await;
    let detail = refused.assert_problem(409, "conflict")["detail"].as_str().unwrap().to_string();
    assert!(detail.contains("minister") && detail.contains("Arts. 7(3) and 23(3)"), "{detail}");
    assert_eq!(crate::workflow::read(&app, &p.citizen, &first).await["status"], "resolved", "nothing changed");
}
