//! `api-spec/open311.yaml` and the Open311 endpoint agree: every documented operation is served,
//! in both formats, answers one of its documented statuses, and its JSON matches the documented
//! schema; the XML carries the same fields (checked by the tests beside this one).

use std::sync::OnceLock;

use serde_json::Value;

use super::{DESCRIPTION, issue_key, json_of, post_request};
use crate::helpers::{TestApp, TestResponse, spawn_app};

fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/api-spec/open311.yaml"))
            .expect("api-spec/open311.yaml is readable");
        serde_yaml::from_str(&text).expect("api-spec/open311.yaml is valid YAML")
    })
}

fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1").replace('{', "%7B").replace('}', "%7D")
}

/// The JSON of an answer against the schema the spec gives its status (following `$ref`s).
fn assert_documented(method: &str, template: &str, response: &TestResponse) {
    let what = format!("{method} {template} → {}", response.status);
    let status = response.status.to_string();
    let declared = &spec()["paths"][template][method.to_lowercase()]["responses"][&status];
    assert!(!declared.is_null(), "{what}: the status is not documented: {}", String::from_utf8_lossy(&response.body));
    let pointer = match declared.get("$ref").and_then(Value::as_str) {
        Some(reference) => format!("{}/content/application~1json/schema", reference.trim_start_matches('#')),
        None => format!(
            "/paths/{}/{}/responses/{status}/content/application~1json/schema",
            escape(template),
            method.to_lowercase()
        ),
    };
    let mut root = spec().clone();
    root["$ref"] = Value::String(format!("#{pointer}"));
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&root)
        .unwrap_or_else(|e| panic!("{what}: the schema does not compile: {e}"));
    let body = json_of(response);
    let errors: Vec<String> = validator.iter_errors(&body).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{what}: {errors:?}\n{body}");
}

/// A concrete path for a template, with values this app has.
fn concrete(template: &str, values: &[(&str, &str)], format: &str) -> String {
    let mut path = format!("/open311/v2{template}");
    for (name, value) in values {
        path = path.replace(&format!("{{{name}}}"), value);
    }
    path.replace("{format}", format)
}

async fn call(app: &TestApp, method: &str, path: &str, form: Option<Vec<u8>>) -> TestResponse {
    let headers = [("content-type", "application/x-www-form-urlencoded")];
    app.request(method, path, form, if method == "POST" { &headers } else { &[] }).await
}

#[actix_web::test]
async fn every_documented_operation_is_served_in_both_formats_as_the_spec_describes_it() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let (_, key) = issue_key(&app, &admin, "Kiểm tra hợp đồng").await;
    let filing = [
        ("api_key", key.as_str()),
        ("service_code", "feedback-land"),
        ("address_id", "19753"),
        ("description", DESCRIPTION),
    ];
    let filed = post_request(&app, "json", &filing).await;
    let code = json_of(&filed)[0]["service_request_id"].as_str().unwrap().to_string();
    let values = [("service_code", "feedback-land"), ("service_request_id", code.as_str()), ("token", "t-1")];
    let comment = [("api_key", key.as_str()), ("service_request_id", code.as_str()), ("description", "Vẫn chưa dọn.")];

    let mut operations = 0;
    for (template, item) in spec()["paths"].as_object().expect("paths") {
        for method in ["get", "post"].into_iter().filter(|m| item.get(*m).is_some()) {
            operations += 1;
            for format in ["json", "xml"] {
                let path = concrete(template, &values, format);
                let body = match (method, template.as_str()) {
                    ("post", "/requests.{format}") => Some(super::form(&filing)),
                    ("post", _) => Some(super::form(&comment)),
                    _ => None,
                };
                let answer = call(&app, &method.to_uppercase(), &path, body).await;
                let expected_type = if format == "json" { "application/json" } else { "text/xml" };
                assert!(answer.content_type().starts_with(expected_type), "{method} {path}: {}", answer.content_type());
                if format == "json" {
                    assert_documented(&method.to_uppercase(), template, &answer);
                } else {
                    let status = answer.status.to_string();
                    assert!(!item[method]["responses"][&status].is_null(), "{method} {path} → {status} undocumented");
                }
            }
        }
    }
    assert_eq!(
        operations, 9,
        "discovery, services, a service, requests (GET and POST), a request, a token, updates (GET and POST)"
    );
}
