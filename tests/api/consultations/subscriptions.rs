//! Following units: a consultation published about a unit is e-mailed to those who follow it or
//! a unit above it, once each, and to no one else; and overseers see overdue syntheses.

use chrono::TimeDelta;
use serde_json::json;

use super::{cast, published, send};
use crate::helpers::{ManualClock, spawn_app_with_clock};
use crate::petitions::NOW;

#[actix_web::test]
async fn publishing_mails_those_who_follow_an_affected_unit_or_a_unit_above_it_and_no_one_else() {
    let app = spawn_app_with_clock(ManualClock::at(NOW)).await;
    let cast = cast(&app).await;
    let chi = app.citizen_named("chi@example.vn", "Phạm Chi").await;
    let mine = "/api/v1/me/consultation-subscriptions";
    let refused = send(&app, &cast.an, "PUT", mine, json!({ "admin_unit_codes": ["99999"] }), 422).await;
    assert_eq!(refused["errors"][0]["field"], "admin_unit_codes");
    let followed = send(&app, &cast.an, "PUT", mine, json!({ "admin_unit_codes": ["19753", "19753"] }), 200).await;
    assert_eq!(followed["admin_unit_codes"], json!(["19753"]));
    send(&app, &cast.binh, "PUT", mine, json!({ "admin_unit_codes": ["19900"] }), 200).await;
    send(&app, &chi, "PUT", mine, json!({ "admin_unit_codes": ["46", "19753"] }), 200).await;
    assert_eq!(app.get_as(&chi.access_token, mine).await.json()["admin_unit_codes"], json!(["19753", "46"]));

    published(&app, &cast).await;
    let to_an = app.mailbox.wait_for_text(&cast.an.email, "Phương án bồi thường", 1).await;
    assert!(to_an[0].subject().contains("Lấy ý kiến"));
    app.mailbox.wait_for_text(&chi.email, "Phương án bồi thường", 1).await;
    actix_web::rt::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(app.mailbox.messages_to(&chi.email).iter().filter(|m| m.text().contains("Phương án")).count(), 1);
    assert!(app.mailbox.messages_to(&cast.binh.email).iter().all(|m| !m.text().contains("Phương án")));
}

#[actix_web::test]
async fn a_synthesis_overdue_after_closing_is_listed_for_the_monitors_in_scope() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone()).await;
    let cast = cast(&app).await;
    let path = published(&app, &cast).await;
    let overdue = "/api/v1/oversight/consultations?overdue=true";
    assert_eq!(app.get_as(&cast.monitor.access_token, overdue).await.json()["total"], 0);

    // Closed on 25 December; the synthesis is due 30 days later, on 24 January.
    clock.advance(TimeDelta::days(30 + 31));
    let cast = cast.again(&app).await;
    let listed = app.get_as(&cast.monitor.access_token, overdue).await.json();
    assert_eq!(listed["total"], 1);
    assert_eq!(listed["items"][0]["synthesis_overdue_days"], 2);
    assert!(path.ends_with(listed["items"][0]["id"].as_str().unwrap()));
    assert_eq!(app.get_as(&cast.monitor_elsewhere.access_token, overdue).await.json()["total"], 0);
    assert_eq!(app.get_as(&cast.admin.access_token, overdue).await.json()["total"], 1);
    app.get_as(&cast.officer.access_token, overdue).await.assert_problem(403, "forbidden");
    let refused = app.get_as(&cast.monitor.access_token, "/api/v1/oversight/consultations?overdue=yes").await;
    refused.assert_problem(422, "validation_failed");

    send(
        &app,
        &cast.officer,
        "POST",
        &format!("{path}/synthesis"),
        json!({ "summary": "Không có ý kiến nào được gửi." }),
        200,
    )
    .await;
    assert_eq!(app.get_as(&cast.monitor.access_token, overdue).await.json()["total"], 0);
}
