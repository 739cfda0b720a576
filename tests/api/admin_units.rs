//! Administrative units, effective-dated across the reorganisation of 1 July 2025.

use std::collections::HashSet;

use crate::helpers::{spawn_app, spawn_app_at};

const TODAY: &str = "2026-11-26 03:00:00";

#[actix_web::test]
async fn today_hue_has_the_city_and_forty_wards_and_communes_and_no_districts() {
    let app = spawn_app_at(TODAY).await;
    let body = app.get("/api/v1/admin-units?limit=100").await.json();
    assert_eq!(body["total"], 41);
    let levels: HashSet<&str> =
        body["items"].as_array().unwrap().iter().map(|u| u["level"].as_str().unwrap()).collect();
    assert_eq!(levels, HashSet::from(["province", "commune"]));
    assert_eq!(app.get("/api/v1/admin-units?level=district").await.json()["total"], 0);
}

#[actix_web::test]
async fn before_the_reorganisation_the_districts_were_there() {
    let app = spawn_app_at(TODAY).await;
    let body = app.get("/api/v1/admin-units?level=district&valid_on=2025-06-30").await.json();
    let names: Vec<&str> = body["items"].as_array().unwrap().iter().map(|u| u["name"].as_str().unwrap()).collect();
    assert_eq!(body["total"], 9);
    assert!(names.contains(&"Quận Phú Xuân"), "{names:?}");
    assert!(names.contains(&"Huyện A Lưới"), "{names:?}");
}

#[actix_web::test]
async fn the_units_under_a_parent_are_listed() {
    let app = spawn_app_at(TODAY).await;
    let body = app.get("/api/v1/admin-units?parent=46&level=commune").await.json();
    assert_eq!(body["total"], 40);
    assert!(body["items"].as_array().unwrap().iter().all(|u| u["parent_code"] == "46"));
}

#[actix_web::test]
async fn paging_through_every_version_visits_each_unit_once_in_a_stable_order() {
    let app = spawn_app_at(TODAY).await;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(cursor) => format!("/api/v1/admin-units?valid_on=any&limit=37&cursor={cursor}"),
            None => "/api/v1/admin-units?valid_on=any&limit=37".to_string(),
        };
        let body = app.get(&path).await.json();
        assert_eq!(body["total"], 184);
        for unit in body["items"].as_array().unwrap() {
            seen.push((unit["code"].as_str().unwrap().to_string(), unit["valid_from"].to_string()));
        }
        match body["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => break,
        }
        assert!(seen.len() <= 184, "paging does not end");
    }
    assert_eq!(seen.len(), 184);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 184, "no unit twice");
    let codes: Vec<&String> = seen.iter().map(|(code, _)| code).collect();
    assert!(codes.windows(2).all(|pair| pair[0] <= pair[1]), "in code order");
}

#[actix_web::test]
async fn a_ward_formed_in_2025_names_the_wards_merged_into_it() {
    let app = spawn_app_at(TODAY).await;
    let body = app.get("/api/v1/admin-units/19753").await.json();
    assert_eq!(body["name"], "Phường Phú Xuân");
    assert_eq!(body["valid_from"], "2025-07-01");
    let predecessors: Vec<&str> =
        body["predecessors"].as_array().unwrap().iter().map(|u| u["name"].as_str().unwrap()).collect();
    assert!(predecessors.contains(&"Phường Thuận Lộc"), "{predecessors:?}");
    assert!(predecessors.contains(&"Phường Đông Ba"), "{predecessors:?}");
    assert!(body["successor_codes"].as_array().unwrap().is_empty());
}

#[actix_web::test]
async fn a_reused_code_names_the_former_ward_on_a_date_before_the_merger() {
    let app = spawn_app_at(TODAY).await;
    let body = app.get("/api/v1/admin-units/19753?valid_on=2025-06-30").await.json();
    assert_eq!(body["name"], "Phường Thuận Lộc");
    assert_eq!(body["valid_to"], "2025-06-30");
    assert_eq!(body["successor_codes"], serde_json::json!(["19753"]));
    assert!(body["predecessors"].as_array().unwrap().is_empty(), "its merger partners are not its origin");
}

#[actix_web::test]
async fn an_unknown_or_malformed_code_is_not_found() {
    let app = spawn_app_at(TODAY).await;
    app.get("/api/v1/admin-units/99999").await.assert_problem(404, "not_found");
    app.get("/api/v1/admin-units/abc").await.assert_problem(404, "not_found");
    // Quận Phú Xuân existed only from 1 January to 30 June 2025.
    app.get("/api/v1/admin-units/475?valid_on=2024-06-01").await.assert_problem(404, "not_found");
}

#[actix_web::test]
async fn a_forged_cursor_is_refused() {
    let app = spawn_app().await;
    let body = app.get("/api/v1/admin-units?cursor=6e6f7468696e67").await.assert_problem(422, "validation_failed");
    assert_eq!(body["errors"][0]["field"], "cursor");
}
