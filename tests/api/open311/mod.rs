//! Open311 GeoReport v2 through HTTP, read as a strict Open311 client reads it: the XML parsed
//! (its declaration, the spec's element names and order, no namespace), the JSON's top-level
//! arrays, the content types, W3C dates with the +07:00 offset, and the error documents. Here the
//! reading helpers; the tests by resource beside them.

mod catalogue;
mod contract;
mod requests;
mod updates;

use serde_json::{Value, json};

use crate::helpers::{SignedInUser, TestApp, TestResponse};

pub const DESCRIPTION: &str = "Rác thải đổ trộm ven sông Hương gây mùi hôi nhiều tuần nay.";

/// The XML of an answer, checked as the standard requires: the declaration with its encoding,
/// `text/xml`, no namespace, and the root element named.
pub fn xml<'a>(response: &'a TestResponse, root: &str) -> roxmltree::Document<'a> {
    assert_eq!(response.content_type(), "text/xml; charset=utf-8");
    let text = std::str::from_utf8(&response.body).expect("UTF-8");
    assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"), "{text}");
    let document = roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("not XML ({e}): {text}"));
    let found = document.root_element();
    assert_eq!((found.tag_name().name(), found.tag_name().namespace()), (root, None), "{text}");
    document
}

/// The names of an element's child elements, in order.
pub fn children(node: roxmltree::Node) -> Vec<String> {
    node.children().filter(roxmltree::Node::is_element).map(|c| c.tag_name().name().to_string()).collect()
}

pub fn child_text<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.children().find(|c| c.has_tag_name(name)).and_then(|c| c.text())
}

pub fn json_of(response: &TestResponse) -> Value {
    assert_eq!(response.content_type(), "application/json; charset=utf-8");
    response.json()
}

/// A W3C date-time in Vietnam's offset, as GeoReport v2 asks.
pub fn assert_w3c(text: &str) {
    let parsed = chrono::DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    assert!(!text.contains('.'), "to the second, as strict clients parse it: {text}");
    assert_eq!(parsed.offset().local_minus_utc(), 7 * 3600, "{text}");
}

/// An error document: the status, and one error per problem with that code.
pub fn assert_errors_xml(response: &TestResponse, status: u16, mentioning: &str) {
    assert_eq!(response.status, status, "{}", String::from_utf8_lossy(&response.body));
    let document = xml(response, "errors");
    let errors: Vec<_> = document.root_element().children().filter(|c| c.has_tag_name("error")).collect();
    assert!(!errors.is_empty());
    for error in &errors {
        assert_eq!(children(*error), ["code", "description"]);
        assert_eq!(child_text(*error, "code"), Some(status.to_string().as_str()));
    }
    let descriptions: Vec<&str> = errors.iter().filter_map(|e| child_text(*e, "description")).collect();
    assert!(descriptions.iter().any(|d| d.contains(mentioning)), "{descriptions:?} should mention {mentioning}");
}

pub async fn issue_key(app: &TestApp, admin: &SignedInUser, client: &str) -> (String, String) {
    let issued = app
        .send_json_as(&admin.access_token, "POST", "/api/v1/admin/open311-keys", &json!({ "client_name": client }))
        .await;
    assert_eq!(issued.status, 201, "{}", String::from_utf8_lossy(&issued.body));
    let body = issued.json();
    (body["id"].as_str().unwrap().to_string(), body["api_key"].as_str().unwrap().to_string())
}

pub fn form(pairs: &[(&str, &str)]) -> Vec<u8> {
    let encode = |text: &str| -> String {
        text.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-_.".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect()
    };
    pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&").into_bytes()
}

pub async fn post_request(app: &TestApp, format: &str, pairs: &[(&str, &str)]) -> TestResponse {
    let headers = [("content-type", "application/x-www-form-urlencoded; charset=utf-8")];
    app.request("POST", &format!("/open311/v2/requests.{format}"), Some(form(pairs)), &headers).await
}
