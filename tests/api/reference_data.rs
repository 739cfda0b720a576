//! Categories and the holiday calendar: shipped, installed once, served to everyone.

use diesel::prelude::*;
use pakn::db::schema::categories;

use crate::helpers::spawn_app;

#[actix_web::test]
async fn the_categories_are_listed_in_vietnamese_and_english_in_display_order() {
    let app = spawn_app().await;
    let body = app.get("/api/v1/categories").await.json();
    let codes: Vec<&str> = body["items"].as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        [
            "land",
            "site_clearance",
            "compensation_resettlement",
            "environmental_pollution",
            "administrative_procedures",
            "infrastructure_urban_order",
            "other"
        ]
    );
    assert_eq!(body["items"][0]["name_vi"], "Đất đai");
    assert_eq!(body["items"][0]["name_en"], "Land");
    assert_eq!(body["items"][2]["name_vi"], "Bồi thường, hỗ trợ, tái định cư");
    let priority: Vec<bool> =
        body["items"].as_array().unwrap().iter().map(|c| c["priority"].as_bool().unwrap()).collect();
    assert_eq!(priority, [true, true, true, true, false, false, false]);
    assert_eq!(body["total"], 7);
    assert!(body["next_cursor"].is_null());
}

#[actix_web::test]
async fn one_category_is_found_by_its_code_and_an_unknown_code_is_404() {
    let app = spawn_app().await;
    assert_eq!(app.get("/api/v1/categories/environmental_pollution").await.json()["name_vi"], "Ô nhiễm môi trường");
    app.get("/api/v1/categories/weather").await.assert_problem(404, "not_found");
}

#[actix_web::test]
async fn the_2026_calendar_lists_tet_and_the_day_off_in_lieu_of_hung_kings_day() {
    let app = spawn_app().await;
    let body = app.get("/api/v1/holidays?year=2026").await.json();
    let days: Vec<(&str, &str)> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["date"].as_str().unwrap(), d["kind"].as_str().unwrap()))
        .collect();
    assert!(days.contains(&("2026-02-17", "public_holiday")), "Tết Bính Ngọ");
    assert!(days.contains(&("2026-04-27", "compensatory_day_off")), "Hùng Kings' day fell on a Sunday");
    assert!(days.windows(2).all(|pair| pair[0].0 < pair[1].0), "in date order");
    assert!(days.iter().all(|(date, _)| date.starts_with("2026-")));
}

#[actix_web::test]
async fn a_make_up_saturday_is_listed_as_a_working_day() {
    let app = spawn_app().await;
    let body = app.get("/api/v1/holidays?year=2025").await.json();
    let saturday = body["items"].as_array().unwrap().iter().find(|d| d["date"] == "2025-04-26").expect("26 April 2025");
    assert_eq!(saturday["kind"], "make_up_working_day");
    assert_eq!(saturday["working_day"], true);
}

#[actix_web::test]
async fn the_calendar_defaults_to_the_current_year_in_vietnam() {
    let app = crate::helpers::spawn_app_at("2026-12-31 17:30:00").await; // already 1 January 2027 in Huế
    let body = app.get("/api/v1/holidays").await.json();
    assert_eq!(body["items"][0]["date"], "2027-01-01");
}

#[actix_web::test]
async fn a_year_outside_the_calendar_or_not_a_number_is_refused() {
    let app = spawn_app().await;
    for year in ["1999", "2101", "twenty", "2026.5"] {
        let body = app.get(&format!("/api/v1/holidays?year={year}")).await.assert_problem(422, "validation_failed");
        assert_eq!(body["errors"][0]["field"], "year");
    }
    assert_eq!(app.get("/api/v1/holidays?year=2030").await.json()["total"], 0, "a valid year with no data is empty");
}

#[actix_web::test]
async fn shipped_data_is_installed_once_and_an_administrators_removal_is_not_undone_at_restart() {
    let app = spawn_app().await;
    app.with_connection(|c| diesel::delete(categories::table.find("other")).execute(c)).expect("delete");
    pakn::startup::prepare_database(&app.config, &pakn::clock::SystemClock).expect("a second start");
    let body = app.get("/api/v1/categories").await.json();
    assert_eq!(body["total"], 6);
    assert_eq!(app.get("/api/v1/admin-units?valid_on=any").await.json()["total"], 184, "no unit installed twice");
}
