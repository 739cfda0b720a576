//! Discovery, the services and their definitions.

use serde_json::json;

use super::{assert_errors_xml, assert_w3c, child_text, children, json_of, xml};
use crate::helpers::spawn_app;

#[actix_web::test]
async fn discovery_says_where_the_endpoint_is_and_what_it_speaks_in_both_formats() {
    let app = spawn_app().await;
    let answer = app.get("/open311/v2/discovery.xml").await;
    assert_eq!(answer.status, 200);
    let document = xml(&answer, "discovery");
    let root = document.root_element();
    assert_eq!(children(root), ["changeset", "contact", "key_service", "endpoints"]);
    let endpoint = root.descendants().find(|n| n.has_tag_name("endpoint")).expect("an endpoint");
    assert_eq!(children(endpoint), ["specification", "url", "changeset", "type", "formats"]);
    assert_eq!(child_text(endpoint, "specification"), Some("http://wiki.open311.org/GeoReport_v2"));
    assert!(child_text(endpoint, "url").is_some_and(|url| url.ends_with("/open311/v2")));
    let formats: Vec<_> =
        endpoint.descendants().filter(|n| n.has_tag_name("format")).filter_map(|n| n.text()).collect();
    assert_eq!(formats, ["text/xml", "application/json"]);

    let json = json_of(&app.get("/open311/v2/discovery.json").await);
    assert_eq!(json["endpoints"][0]["type"], "production");
    assert_eq!(json["endpoints"][0]["formats"], json!(["text/xml", "application/json"]));
    assert_w3c(json["changeset"].as_str().unwrap());
}

#[actix_web::test]
async fn every_category_in_use_is_a_feedback_and_a_proposal_service_with_its_attributes() {
    let app = spawn_app().await;
    let answer = app.get("/open311/v2/services.xml").await;
    assert_eq!(answer.status, 200);
    let document = xml(&answer, "services");
    let services: Vec<_> = document.root_element().children().filter(roxmltree::Node::is_element).collect();
    assert!(services.iter().all(|s| s.has_tag_name("service")));
    for service in &services {
        let fields = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"];
        assert_eq!(children(*service), fields);
        assert_eq!(child_text(*service, "type"), Some("realtime"));
    }
    let codes: Vec<&str> = services.iter().filter_map(|s| child_text(*s, "service_code")).collect();
    assert!(codes.contains(&"feedback-land") && codes.contains(&"proposal-environmental_pollution"), "{codes:?}");
    assert!(!codes.iter().any(|c| c.starts_with("complaint") || c.starts_with("denunciation")));

    let json = json_of(&app.get("/open311/v2/services.json").await);
    let land = json.as_array().unwrap().iter().find(|s| s["service_code"] == "feedback-land").expect("land");
    assert_eq!((land["metadata"].clone(), land["group"].clone()), (json!(true), json!("Land")));

    let definition = app.get("/open311/v2/services/feedback-land.xml").await;
    let document = xml(&definition, "service_definition");
    assert_eq!(children(document.root_element()), ["service_code", "attributes"]);
    let language = document
        .descendants()
        .find(|n| n.has_tag_name("attribute") && child_text(*n, "code") == Some("language"))
        .expect("the language attribute");
    let fields = ["variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"];
    assert_eq!(children(language), fields);
    assert_eq!(child_text(language, "datatype"), Some("singlevaluelist"));
    let keys: Vec<_> = language.descendants().filter(|n| n.has_tag_name("key")).filter_map(|n| n.text()).collect();
    assert_eq!(keys, ["vi", "en"]);
    let json = json_of(&app.get("/open311/v2/services/proposal-land.json").await);
    assert_eq!(json["attributes"][2]["values"][1], json!({ "key": "en", "name": "English" }));

    assert_errors_xml(&app.get("/open311/v2/services/complaint-land.xml").await, 404, "complaint-land");
    assert_errors_xml(&app.get("/open311/v2/services/feedback-no_such_thing.xml").await, 404, "no_such_thing");
    assert_errors_xml(&app.get("/open311/v2/services.html").await, 404, ".xml or .json");
    let json_error = app.get("/open311/v2/services/complaint-land.json").await;
    assert_eq!(json_of(&json_error)[0]["code"], 404);
}

#[actix_web::test]
async fn discovery_lists_the_staging_endpoint_as_test_when_one_is_configured() {
    let staging = [("PAKN_OPEN311_TEST_ENDPOINT", "https://thu-nghiem.pakn.example/open311/v2/")];
    let clock = std::sync::Arc::new(pakn::clock::SystemClock);
    let app = crate::helpers::spawn_app_configured(clock, crate::mailbox::Mailbox::start(), &staging).await;
    let json = json_of(&app.get("/open311/v2/discovery.json").await);
    let endpoints: Vec<(&str, &str)> = json["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["type"].as_str().unwrap(), e["url"].as_str().unwrap()))
        .collect();
    assert_eq!(endpoints.len(), 2);
    assert_eq!(endpoints[1], ("test", "https://thu-nghiem.pakn.example/open311/v2"));
    assert_eq!(endpoints[0].0, "production");
}

#[actix_web::test]
async fn another_method_is_a_405_naming_the_allowed_ones_and_a_body_not_form_encoded_a_400() {
    let app = spawn_app().await;
    let posted = app.request("POST", "/open311/v2/discovery.xml", Some(b"a=b".to_vec()), &[]).await;
    assert_errors_xml(&posted, 405, "method");
    assert_eq!(posted.header("allow"), Some("GET"));
    let put = app.request("PUT", "/open311/v2/requests.json", None, &[]).await;
    assert_eq!((put.status, put.header("allow")), (405, Some("GET, POST")));
    assert_eq!(json_of(&put)[0]["code"], 405);
    let deleted = app.request("DELETE", "/open311/v2/services/feedback-land.xml", None, &[]).await;
    assert_eq!((deleted.status, deleted.header("allow")), (405, Some("GET")));
    let json_body = [("content-type", "application/json")];
    let filed = app
        .request("POST", "/open311/v2/requests.xml", Some(br#"{"service_code":"feedback-land"}"#.to_vec()), &json_body)
        .await;
    assert_errors_xml(&filed, 400, "form-encoded");
}
