//! Agencies: the shipped sample of Huế's, effective-dated, with parents and successors.

use crate::helpers::{TestApp, spawn_app_at};

const TODAY: &str = "2026-11-26 03:00:00";

async fn app_with_sample_agencies() -> TestApp {
    spawn_app_at(TODAY).await
}

fn codes(body: &serde_json::Value) -> Vec<String> {
    body["items"].as_array().unwrap().iter().map(|a| a["code"].as_str().unwrap().to_string()).collect()
}

#[actix_web::test]
async fn agencies_in_force_today_exclude_those_dissolved() {
    let app = app_with_sample_agencies().await;
    let body = app.get("/api/v1/agencies?limit=100").await.json();
    let codes = codes(&body);
    assert!(codes.contains(&"hue-so-nong-nghiep-moi-truong".to_string()));
    assert!(!codes.contains(&"hue-so-tai-nguyen-moi-truong".to_string()), "merged on 1 March 2025");
    assert!(!codes.contains(&"ubnd-huyen-phu-vang".to_string()), "district level abolished");
    assert_eq!(body["total"], 12);
}

#[actix_web::test]
async fn on_a_date_in_early_2025_the_former_department_was_in_force() {
    let app = app_with_sample_agencies().await;
    let codes = codes(&app.get("/api/v1/agencies?valid_on=2025-01-15&kind=department").await.json());
    assert_eq!(codes, ["hue-so-tai-nguyen-moi-truong", "hue-so-xay-dung"]);
}

#[actix_web::test]
async fn an_agency_shows_its_parent_its_successor_and_its_heads_title() {
    let app = app_with_sample_agencies().await;
    let listed = app.get("/api/v1/agencies?valid_on=any&kind=department").await.json();
    let former =
        listed["items"].as_array().unwrap().iter().find(|a| a["code"] == "hue-so-tai-nguyen-moi-truong").unwrap();
    let body = app.get(&format!("/api/v1/agencies/{}", former["id"].as_str().unwrap())).await.json();
    assert_eq!(body["parent"]["code"], "hue-ubnd");
    assert_eq!(body["successor"]["code"], "hue-so-nong-nghiep-moi-truong");
    assert_eq!(body["head_title"], "Giám đốc Sở Tài nguyên và Môi trường");
}

#[actix_web::test]
async fn agencies_can_be_filtered_by_unit_and_parent() {
    let app = app_with_sample_agencies().await;
    assert_eq!(codes(&app.get("/api/v1/agencies?admin_unit=19753").await.json()), ["ubnd-phuong-phu-xuan"]);
    let city = app.get("/api/v1/agencies?kind=provincial_peoples_committee").await.json();
    let city_id = city["items"][0]["id"].as_str().unwrap().to_string();
    let children = app.get(&format!("/api/v1/agencies?parent_id={city_id}&limit=100")).await.json();
    assert_eq!(children["total"], 10);
}

#[actix_web::test]
async fn pages_of_agencies_chain_by_cursor() {
    let app = app_with_sample_agencies().await;
    let first = app.get("/api/v1/agencies?limit=5").await.json();
    assert_eq!(first["items"].as_array().unwrap().len(), 5);
    let cursor = first["next_cursor"].as_str().expect("a second page");
    let second = app.get(&format!("/api/v1/agencies?limit=5&cursor={cursor}")).await.json();
    assert!(codes(&first).last() < codes(&second).first());
    assert_eq!(second["total"], 12);
}

#[actix_web::test]
async fn an_unknown_or_malformed_agency_id_is_not_found() {
    let app = app_with_sample_agencies().await;
    app.get("/api/v1/agencies/2b1f0a52-0000-4000-8000-000000000000").await.assert_problem(404, "not_found");
    app.get("/api/v1/agencies/not-a-uuid").await.assert_problem(404, "not_found");
    let body = app.get("/api/v1/agencies?parent_id=nope&kind=ministry").await.assert_problem(422, "validation_failed");
    assert_eq!(body["errors"].as_array().unwrap().len(), 2);
}

#[actix_web::test]
async fn the_sample_agencies_are_installed_once_with_the_reference_data() {
    let app = app_with_sample_agencies().await;
    assert_eq!(app.get("/api/v1/agencies?valid_on=any").await.json()["total"], 14);
    let now = app.context.now();
    assert_eq!(app.with_connection(|c| pakn::service::reference::shipped::install_agencies(c, now)).expect("again"), 0);
    pakn::startup::prepare_database(&app.config, &pakn::clock::SystemClock).expect("a second start");
    assert_eq!(app.get("/api/v1/agencies?valid_on=any").await.json()["total"], 14);
}

#[actix_web::test]
async fn a_forged_cursor_holding_a_nul_byte_is_refused_not_a_server_error() {
    // Found by fuzzing: PostgreSQL refuses a NUL in text, and the forged cursor "00" decoded to one.
    let app = app_with_sample_agencies().await;
    for forged in ["00", "0a41"] {
        let refused = app.get(&format!("/api/v1/agencies?cursor={forged}")).await;
        assert_eq!(refused.assert_problem(422, "validation_failed")["errors"][0]["field"], "cursor");
    }
}
