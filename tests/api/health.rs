//! Liveness and readiness.

use crate::helpers::{spawn_app, spawn_app_on_pool, unreachable_pool};

#[actix_web::test]
async fn live_and_ready_answer_200_when_the_database_is_up() {
    let app = spawn_app().await;
    assert_eq!(app.get("/health/live").await.json()["status"], "ok");
    let ready = app.get("/health/ready").await;
    assert_eq!(ready.status, 200);
    assert_eq!(ready.json()["database"], "ok");
}

#[actix_web::test]
async fn ready_answers_503_when_the_database_is_down_while_live_stays_200() {
    let app = spawn_app_on_pool(unreachable_pool()).await;
    let ready = app.get("/health/ready").await;
    ready.assert_problem(503, "service_unavailable");
    assert!(ready.header("retry-after").is_some());
    assert_eq!(app.get("/health/live").await.status, 200);
}

#[actix_web::test]
async fn a_reference_listing_answers_503_not_500_when_the_database_is_down() {
    let app = spawn_app_on_pool(unreachable_pool()).await;
    app.get("/api/v1/categories").await.assert_problem(503, "service_unavailable");
}

#[actix_web::test]
async fn every_response_carries_a_distinct_request_id() {
    let app = spawn_app().await;
    let first = app.get("/health/live").await;
    let second = app.get("/health/live").await;
    assert_ne!(first.header("x-request-id"), second.header("x-request-id"));
}

#[actix_web::test]
async fn ready_warns_while_next_years_holidays_are_not_announced_and_stops_once_they_are() {
    let app = crate::helpers::spawn_app_at("2026-11-30 02:00:00").await;
    let warnings = app.get("/health/ready").await.json()["warnings"].clone();
    assert_eq!(warnings.as_array().map(Vec::len), Some(1));
    assert!(warnings[0].as_str().unwrap().contains("2027"), "{warnings}");

    let admin = app.admin().await;
    let announced = serde_json::json!({ "status": "announced", "source": "Thông báo (test)" });
    app.send_json_as(&admin.access_token, "PUT", "/api/v1/holiday-years/2027", &announced).await;
    let ready = app.get("/health/ready").await;
    assert_eq!((ready.status, ready.json()["warnings"].as_array().map(Vec::len)), (200, Some(0)));
}
