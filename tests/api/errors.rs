//! Bad requests of every kind get a clear 4xx in the one problem shape, never a 500.

use crate::helpers::spawn_app;

#[actix_web::test]
async fn an_unknown_route_is_a_404_problem() {
    let app = spawn_app().await;
    let body = app.get("/api/v1/no-such-thing").await.assert_problem(404, "not_found");
    assert_eq!(body["type"], "urn:pakn:problem:not_found");
    assert_eq!(body["title"], "Not Found");
}

#[actix_web::test]
async fn a_wrong_method_is_a_405_problem_naming_the_allowed_ones() {
    let app = spawn_app().await;
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let response = app
            .request(method, "/api/v1/holidays", Some(b"{}".to_vec()), &[("content-type", "application/json")])
            .await;
        response.assert_problem(405, "method_not_allowed");
        assert_eq!(response.header("allow"), Some("GET"));
    }
    let response = app.request("DELETE", "/api/v1/categories", None, &[]).await;
    response.assert_problem(405, "method_not_allowed");
    assert_eq!(response.header("allow"), Some("GET, POST"));
}

#[actix_web::test]
async fn a_ten_megabyte_body_sent_where_none_is_expected_changes_nothing() {
    let app = spawn_app().await;
    let huge = vec![b'x'; 10 * 1024 * 1024];
    let response = app.request("POST", "/api/v1/holidays", Some(huge), &[("content-type", "application/json")]).await;
    assert!((400..500).contains(&response.status), "{}", response.status);
    assert_eq!(app.get("/api/v1/categories").await.json()["total"], 7);
}

#[actix_web::test]
async fn every_bad_query_parameter_is_listed_at_once() {
    let app = spawn_app().await;
    let body = app
        .get("/api/v1/admin-units?level=hamlet&parent=4x&valid_on=2025-02-30&limit=0&cursor=zz")
        .await
        .assert_problem(422, "validation_failed");
    let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["level", "parent", "valid_on", "limit", "cursor"]);
    assert!(body["errors"][0]["message"].as_str().unwrap().contains("province, district, commune"));
}

#[actix_web::test]
async fn a_limit_that_is_not_a_number_is_a_validation_error() {
    let app = spawn_app().await;
    let body = app.get("/api/v1/agencies?limit=ten").await.assert_problem(422, "validation_failed");
    assert_eq!(body["errors"][0]["field"], "limit");
    assert_eq!(body["detail"], "limit: must be a whole number");
}

#[actix_web::test]
async fn hostile_strings_in_paths_and_queries_are_answered_not_executed() {
    let app = spawn_app().await;
    for path in [
        "/api/v1/admin-units/46'%3B%20DROP%20TABLE%20admin_units%3B--",
        "/api/v1/categories/%00",
        "/api/v1/categories/land%27%20OR%20%271%27=%271",
        "/api/v1/agencies/..%2F..%2Fetc%2Fpasswd",
        "/api/v1/categories/%F0%9F%92%A5",
        "/api/v1/categories/%FF%FE",
    ] {
        let response = app.get(path).await;
        response.assert_problem(404, "not_found");
    }
    let body = app
        .get("/api/v1/admin-units?level=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(body["errors"][0]["field"], "level");
    assert_eq!(app.get("/api/v1/admin-units?valid_on=any").await.json()["total"], 184, "the units are intact");
}

#[actix_web::test]
async fn a_very_long_query_string_is_refused_cleanly() {
    let app = spawn_app().await;
    let long = "9".repeat(4000);
    let body = app.get(&format!("/api/v1/admin-units?parent={long}")).await.assert_problem(422, "validation_failed");
    assert_eq!(body["errors"][0]["field"], "parent");
}

#[actix_web::test]
async fn security_headers_are_set_on_every_response() {
    let app = spawn_app().await;
    for path in ["/health/live", "/api/v1/categories", "/nowhere"] {
        assert_eq!(app.get(path).await.header("x-content-type-options"), Some("nosniff"), "{path}");
    }
}
