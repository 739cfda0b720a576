//! Routing rules: feedback and proposals go to the agency of the most specific rule in force;
//! what no rule takes waits in the coordinating office's queue. Each process keeps the rules in
//! force in memory: an edit through another process routes its filings within a second.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::helpers::{GOOD_PASSWORD, spawn_app_at, spawn_app_on_pool};
use crate::petitions::{NOW, complaint, feedback, file_as};

#[actix_web::test]
async fn the_most_specific_rule_in_force_decides_and_the_rest_goes_to_triage() {
    let app = spawn_app_at(NOW).await;
    let admin = app.admin().await;
    let citizen = app.citizen("routing@example.vn").await;
    let environment = app.agency_id("hue-so-nong-nghiep-moi-truong").await;
    let thuan_an = app.agency_id("ubnd-phuong-thuan-an").await;

    let city_wide = json!({ "category": "environmental_pollution", "admin_unit_code": "46", "agency_id": environment });
    let created = app.send_json_as(&admin.access_token, "POST", "/api/v1/routing-rules", &city_wide).await;
    assert_eq!(created.status, 201);
    let ward = json!({ "kind": "feedback", "category": "environmental_pollution", "admin_unit_code": "19900", "agency_id": thuan_an });
    let ward_rule = app.send_json_as(&admin.access_token, "POST", "/api/v1/routing-rules", &ward).await.json();
    assert_eq!(app.get("/api/v1/routing-rules").await.json()["total"], 2);

    // feedback() is about pollution in Thuận An (19900): the ward's own rule wins.
    let in_ward = file_as(&app, &citizen, &feedback("Khói từ lò đốt rác")).await;
    assert_eq!(in_ward["assigned_agency"]["id"], thuan_an.as_str());
    let mut proposal = feedback("Đề nghị trồng thêm cây xanh");
    proposal["kind"] = json!("proposal");
    assert_eq!(
        file_as(&app, &citizen, &proposal).await["assigned_agency"]["id"],
        environment.as_str(),
        "the ward rule is for feedback only"
    );
    let mut other_category = feedback("Thủ tục cấp phép chậm trễ");
    other_category["category"] = json!("administrative_procedures");
    assert_eq!(
        file_as(&app, &citizen, &other_category).await["assigned_agency"]["name"],
        "Ban Tiếp công dân thành phố Huế",
        "no rule: the triage queue"
    );
    assert_eq!(
        file_as(&app, &citizen, &complaint()).await["assigned_agency"]["name"],
        "Ban Tiếp công dân thành phố Huế",
        "complaints follow the law's routes, not these rules"
    );

    // Ending the ward's rule sends the next one city-wide; the petition already routed stays.
    let bearer = format!("Bearer {}", admin.access_token);
    let path = format!("/api/v1/routing-rules/{}", ward_rule["id"].as_str().unwrap());
    assert_eq!(app.request("DELETE", &path, None, &[("authorization", &bearer)]).await.status, 204);
    app.request("DELETE", &path, None, &[("authorization", &bearer)]).await.assert_problem(404, "not_found");
    assert_eq!(
        file_as(&app, &citizen, &feedback("Nước thải xả ra sông")).await["assigned_agency"]["id"],
        environment.as_str()
    );
    let still = app
        .get_as(&citizen.access_token, &format!("/api/v1/petitions/{}", in_ward["id"].as_str().unwrap()))
        .await
        .json();
    assert_eq!(still["assigned_agency"]["id"], thuan_an.as_str());
}

#[actix_web::test]
async fn a_rule_added_through_another_process_routes_this_processs_filings_within_a_second() {
    let app = spawn_app_at(NOW).await;
    let admin = app.admin().await;
    let email = "routing-elsewhere@example.vn";
    app.citizen(email).await;
    let environment = app.agency_id("hue-so-nong-nghiep-moi-truong").await;
    // Started after the sign-ups: its outbox worker would take their verification e-mails.
    let second = spawn_app_on_pool(app.pool.clone()).await;
    let citizen = second.login(email, GOOD_PASSWORD).await;
    let routed_by_second = |title: &'static str| {
        let (second, citizen) = (&second, &citizen);
        async move { file_as(second, citizen, &feedback(title)).await["assigned_agency"]["name"].clone() }
    };
    assert_eq!(routed_by_second("Khói từ lò đốt rác").await, "Ban Tiếp công dân thành phố Huế", "no rule yet");

    let rule = json!({ "category": "environmental_pollution", "admin_unit_code": "46", "agency_id": environment });
    assert_eq!(app.send_json_as(&admin.access_token, "POST", "/api/v1/routing-rules", &rule).await.status, 201);
    let added = Instant::now();
    loop {
        let routed = routed_by_second("Nước thải xả ra sông").await;
        if routed == "Sở Nông nghiệp và Môi trường" {
            break;
        }
        assert!(added.elapsed() < Duration::from_secs(3), "the second process still routes to {routed} after 3 s");
        actix_web::rt::time::sleep(Duration::from_millis(200)).await;
    }
}

#[actix_web::test]
async fn a_rule_must_name_things_that_exist_and_are_in_force() {
    let app = spawn_app_at(NOW).await;
    let admin = app.admin().await;
    let dissolved = app.agency_id("hue-so-tai-nguyen-moi-truong").await;
    let body = json!({ "kind": "complaint", "category": "weather", "admin_unit_code": "475", "agency_id": dissolved });
    let problem = app
        .send_json_as(&admin.access_token, "POST", "/api/v1/routing-rules", &body)
        .await
        .assert_problem(422, "validation_failed");
    let fields: Vec<&str> =
        problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["kind", "category", "admin_unit_code", "agency_id"]);
    assert_eq!(app.get("/api/v1/routing-rules").await.json()["total"], 0);
}
