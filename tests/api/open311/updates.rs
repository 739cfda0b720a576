//! mySociety's `servicerequestupdates`: every step of a public request is an update, and the
//! client that filed a request posts its petitioner's comments, which reach the agency.

use serde_json::json;

use super::{DESCRIPTION, assert_errors_xml, child_text, children, issue_key, json_of, post_request, xml};
use crate::helpers::{TestApp, TestResponse, spawn_app};
use crate::workflow::{People, done, people};

async fn post_update(app: &TestApp, format: &str, pairs: &[(&str, &str)]) -> TestResponse {
    let headers = [("content-type", "application/x-www-form-urlencoded")];
    app.request("POST", &format!("/open311/v2/servicerequestupdates.{format}"), Some(super::form(pairs)), &headers)
        .await
}

#[actix_web::test]
async fn every_step_is_an_update_and_the_petitioners_comment_reaches_the_agency() {
    let app = spawn_app().await;
    let People { admin, triage_officer, .. } = people(&app).await;
    let (_, key) = issue_key(&app, &admin, "FixMyStreet Huế").await;
    let (_, other_key) = issue_key(&app, &admin, "Another app").await;
    let filed = post_request(
        &app,
        "json",
        &[("api_key", &key), ("service_code", "feedback-land"), ("address_id", "19753"), ("description", DESCRIPTION)],
    )
    .await;
    let code = json_of(&filed)[0]["service_request_id"].as_str().unwrap().to_string();
    let tracking = pakn::domain::tracking_code::TrackingCode::parse(&code).unwrap();
    let petition = app.with_connection(|c| pakn::db::petitions::find_by_tracking_code(c, &tracking)).unwrap().unwrap();
    done(&app, &triage_officer, &json!({ "id": petition.id.to_string() }), "accept", json!({ "complexity": "normal" }))
        .await;

    let listed = app.get("/open311/v2/servicerequestupdates.xml").await;
    assert_eq!(listed.status, 200);
    let document = xml(&listed, "service_request_updates");
    let ours: Vec<_> = document
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("request_update") && child_text(*n, "service_request_id") == Some(code.as_str()))
        .collect();
    let fields = ["update_id", "service_request_id", "status", "updated_datetime", "description", "media_url"];
    assert!(ours.iter().all(|u| children(*u) == fields));
    let statuses: Vec<_> = ours.iter().filter_map(|u| child_text(*u, "status")).collect();
    assert_eq!(statuses, ["open", "investigating"]);

    let comment = "Rác vẫn còn, nay lan ra cả lối đi bộ.";
    let posted = post_update(
        &app,
        "json",
        &[
            ("api_key", &key),
            ("service_request_id", &code),
            ("status", "OPEN"),
            ("description", comment),
            ("update_id", "fms-77"),
        ],
    )
    .await;
    assert_eq!(posted.status, 200, "{}", String::from_utf8_lossy(&posted.body));
    assert!(json_of(&posted)[0]["update_id"].is_string());
    let messages =
        app.get_as(&triage_officer.access_token, &format!("/api/v1/petitions/{}/messages", petition.id)).await.json();
    let last = messages["items"].as_array().unwrap().last().expect("a message").clone();
    assert_eq!((last["sender"].clone(), last["body"].clone()), (json!("petitioner"), json!(comment)));

    // Only the client that filed the request speaks for its petitioner.
    let stranger =
        post_update(&app, "xml", &[("api_key", &other_key), ("service_request_id", &code), ("description", comment)])
            .await;
    assert_errors_xml(&stranger, 404, "this api_key");
    let bad_status = post_update(
        &app,
        "xml",
        &[("api_key", &key), ("service_request_id", &code), ("status", "DONE"), ("description", comment)],
    )
    .await;
    assert_errors_xml(&bad_status, 400, "status");
    let empty = post_update(&app, "xml", &[("api_key", &key), ("service_request_id", &code)]).await;
    assert_errors_xml(&empty, 400, "description");
    assert_errors_xml(
        &post_update(&app, "xml", &[("service_request_id", &code), ("description", comment)]).await,
        403,
        "api_key",
    );
    let old = app
        .get("/open311/v2/servicerequestupdates.xml?start_date=2020-01-01T00:00:00Z&end_date=2020-03-01T00:00:00Z")
        .await;
    assert_eq!(
        xml(&old, "service_request_updates").root_element().children().filter(roxmltree::Node::is_element).count(),
        0
    );
    assert_errors_xml(&app.get("/open311/v2/servicerequestupdates.xml?start_date=soon").await, 400, "start_date");
}
