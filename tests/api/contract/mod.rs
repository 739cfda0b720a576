//! The contract: `api-spec/openapi.yaml` and the served routes must agree, and every response a
//! test receives must match the schema the spec promises for its operation and status.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::Value;

use crate::helpers::{TestResponse, spawn_app};

mod links;
mod request_rules;

pub(super) fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/api-spec/openapi.yaml"))
            .expect("api-spec/openapi.yaml is readable");
        serde_yaml::from_str(&text).expect("api-spec/openapi.yaml is valid YAML")
    })
}

pub(super) const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

pub(super) fn spec_operations() -> BTreeSet<(String, String)> {
    let paths = spec()["paths"].as_object().expect("the spec has paths");
    paths
        .iter()
        .flat_map(|(path, item)| {
            METHODS
                .iter()
                .filter(|method| item.get(**method).is_some())
                .map(move |method| (method.to_uppercase(), path.clone()))
        })
        .collect()
}

/// The spec's path template that a concrete request path fills in, if any.
fn template_for(path: &str) -> Option<String> {
    let path = path.split('?').next().unwrap_or(path);
    let segments: Vec<&str> = path.split('/').collect();
    let paths = spec()["paths"].as_object()?;
    // Literal segments win over parameters ("/agencies/dashboard" before "/agencies/{id}").
    let mut candidates: Vec<(&String, usize)> = paths
        .keys()
        .filter_map(|template| {
            let parts: Vec<&str> = template.split('/').collect();
            let fits =
                parts.len() == segments.len() && parts.iter().zip(&segments).all(|(t, s)| t.starts_with('{') || t == s);
            fits.then(|| (template, parts.iter().filter(|t| t.starts_with('{')).count()))
        })
        .collect();
    candidates.sort_by_key(|(_, parameters)| *parameters);
    candidates.first().map(|(template, _)| (*template).clone())
}

pub(super) fn escape_pointer(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// Compiles (once) a validator for the schema at a JSON pointer into the spec, with every `$ref`
/// resolved against the spec itself.
pub(super) fn validator_at(pointer: &str) -> Arc<jsonschema::Validator> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<jsonschema::Validator>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(validator) = cache.lock().expect("cache lock").get(pointer) {
        return validator.clone();
    }
    let mut root = spec().clone();
    // A fragment is a URI: the braces of path templates must be percent-encoded.
    root["$ref"] = Value::String(format!("#{}", pointer.replace('{', "%7B").replace('}', "%7D")));
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&root)
        .unwrap_or_else(|e| panic!("the schema at {pointer} does not compile: {e}"));
    let validator = Arc::new(validator);
    cache.lock().expect("cache lock").insert(pointer.to_string(), validator.clone());
    validator
}

pub(super) fn resolve(value: &Value) -> &Value {
    match value.get("$ref").and_then(Value::as_str) {
        Some(reference) => spec().pointer(reference.trim_start_matches('#')).expect("a $ref that resolves"),
        None => value,
    }
}

fn assert_valid(pointer: &str, instance: &Value, what: &str) {
    let validator = validator_at(pointer);
    let errors: Vec<String> =
        validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what} does not match the spec ({pointer}):\n{}\nbody: {instance}", errors.join("\n"));
}

/// Called by the test client on every response.
pub fn assert_response_matches_spec(method: &str, path: &str, response: &TestResponse) {
    let request_id = response.header("x-request-id").unwrap_or("");
    assert!(uuid::Uuid::parse_str(request_id).is_ok(), "{method} {path}: no X-Request-Id header");
    if path.starts_with("/open311/") {
        // Open311 speaks its own standard: open311.rs reads every answer as a strict client would.
        return;
    }
    let what = format!("{method} {path} → {}", response.status);
    let operation = template_for(path).and_then(|template| {
        let method_key = method.to_lowercase();
        spec()["paths"][&template].get(&method_key).map(|_| (template, method_key))
    });
    let Some((template, method_key)) = operation else {
        // Not an operation of the API (unknown path, wrong method): it must still be a problem.
        assert!(response.status >= 400, "{what} is served but not in the spec");
        assert_eq!(response.content_type(), "application/problem+json", "{what}");
        assert_valid("/components/schemas/Problem", &response.json(), &what);
        return;
    };
    let responses = &spec()["paths"][&template][&method_key]["responses"];
    let status = response.status.to_string();
    let declared = responses.get(&status).unwrap_or_else(|| panic!("{what}: status {status} is not in the spec"));
    let content_type = response.content_type().split(';').next().unwrap_or("").trim().to_string();
    let Some(content) = resolve(declared).get("content") else {
        assert!(response.body.is_empty(), "{what}: the spec declares no body, but one came");
        return;
    };
    // A download declares "*/*": its type is the file's own.
    let content_type = if content.get(&content_type).is_none() && content.get("*/*").is_some() {
        "*/*".to_string()
    } else {
        content_type
    };
    assert!(content.get(&content_type).is_some(), "{what}: content type {content_type:?} is not declared for {status}");
    if content_type.ends_with("json") {
        let response_pointer = match declared.get("$ref").and_then(Value::as_str) {
            Some(reference) => reference.trim_start_matches('#').to_string(),
            None => format!("/paths/{}/{method_key}/responses/{status}", escape_pointer(&template)),
        };
        let pointer = format!("{response_pointer}/content/{}/schema", escape_pointer(&content_type));
        assert_valid(&pointer, &response.json(), &what);
    }
}

/// Operations the spec marks as needing an access token.
/// The operations that require a token: their `security` lists requirements, none of them empty
/// (`security: []` is public; `[{}, { bearer: [] }]` takes a token but does not need one).
pub fn protected_operations() -> BTreeSet<(String, String)> {
    let requires_a_token = |security: &Value| {
        security.as_array().is_some_and(|alternatives| {
            !alternatives.is_empty()
                && alternatives.iter().all(|requirement| requirement.as_object().is_some_and(|r| !r.is_empty()))
        })
    };
    spec_operations()
        .into_iter()
        .filter(|(method, path)| {
            spec()["paths"][path][method.to_lowercase()].get("security").is_some_and(requires_a_token)
        })
        .collect()
}

#[test]
fn every_operation_says_whether_it_needs_a_token() {
    let silent: Vec<_> = spec_operations()
        .into_iter()
        .filter(|(method, path)| spec()["paths"][path][method.to_lowercase()].get("security").is_none())
        .collect();
    assert!(silent.is_empty(), "a generated client sends no token where security is not declared: {silent:?}");
}

#[test]
fn the_spec_and_the_route_table_agree() {
    let served: BTreeSet<(String, String)> =
        pakn::http::ROUTES.iter().map(|(method, path)| (method.to_string(), path.to_string())).collect();
    let documented = spec_operations();
    let undocumented: Vec<_> = served.difference(&documented).collect();
    let unserved: Vec<_> = documented.difference(&served).collect();
    assert!(undocumented.is_empty(), "served but not in api-spec/openapi.yaml: {undocumented:?}");
    assert!(unserved.is_empty(), "in api-spec/openapi.yaml but not served: {unserved:?}");
}

#[test]
fn every_operation_declares_its_path_parameters_and_a_success_response() {
    for (method, path) in spec_operations() {
        let operation = &spec()["paths"][&path][method.to_lowercase()];
        let declared: BTreeSet<String> = operation["parameters"]
            .as_array()
            .into_iter()
            .flatten()
            .map(resolve)
            .filter(|p| p["in"] == "path")
            .filter_map(|p| p["name"].as_str().map(String::from))
            .collect();
        let in_template: BTreeSet<String> = path
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')).map(String::from))
            .collect();
        assert_eq!(declared, in_template, "{method} {path}: path parameters");
        let responses = operation["responses"].as_object().expect("responses");
        assert!(responses.keys().any(|s| s.starts_with('2')), "{method} {path}: no success response");
        assert!(operation["operationId"].is_string(), "{method} {path}: no operationId");
    }
}

/// The JSON types a schema admits (`object`, `array`, `string`, `number`, `boolean`, `null`),
/// following `$ref`s and unions; None when it says nothing of its type (it admits anything).
fn admitted_types(schema: &Value) -> Option<BTreeSet<&'static str>> {
    let schema = resolve(schema);
    let named = |name: &str| match name {
        "integer" | "number" => "number",
        "object" => "object",
        "array" => "array",
        "string" => "string",
        "boolean" => "boolean",
        _ => "null",
    };
    if let Some(kind) = schema.get("type") {
        return Some(match kind {
            Value::String(name) => BTreeSet::from([named(name)]),
            Value::Array(names) => names.iter().filter_map(Value::as_str).map(named).collect(),
            _ => BTreeSet::new(),
        });
    }
    if let Some(constant) = schema.get("const") {
        return Some(BTreeSet::from([if constant.is_null() { "null" } else { "string" }]));
    }
    let branches = schema.get("oneOf").or_else(|| schema.get("anyOf"))?.as_array()?;
    branches.iter().map(admitted_types).try_fold(BTreeSet::new(), |mut all, types| {
        all.extend(types?);
        Some(all)
    })
}

/// Every `oneOf` in the spec with the pointer to it.
fn one_ofs<'a>(node: &'a Value, pointer: String, found: &mut Vec<(String, &'a Vec<Value>)>) {
    match node {
        Value::Object(fields) => {
            if let Some(Value::Array(branches)) = fields.get("oneOf") {
                found.push((pointer.clone(), branches));
            }
            for (key, value) in fields {
                one_ofs(value, format!("{pointer}/{}", escape_pointer(key)), found);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                one_ofs(item, format!("{pointer}/{index}"), found);
            }
        }
        _ => {}
    }
}

/// `oneOf` fails when a value matches two branches: `null` against `[AgencyName, null]` when
/// `AgencyName` itself admits null broke every strict decoder on a refused petition. Two branches
/// may not admit the same scalar type (objects are told apart by their required fields).
#[test]
fn no_one_of_has_two_branches_that_admit_the_same_scalar_type() {
    let mut found = Vec::new();
    one_ofs(spec(), String::new(), &mut found);
    let mut overlaps = Vec::new();
    for (pointer, branches) in found {
        let mut seen = BTreeSet::new();
        for types in branches.iter().filter_map(admitted_types) {
            for kind in types.into_iter().filter(|kind| !matches!(*kind, "object")) {
                if !seen.insert(kind) {
                    overlaps.push(format!("{pointer}: two branches admit {kind}"));
                }
            }
        }
    }
    assert_eq!(overlaps, Vec::<String>::new());
}

#[actix_web::test]
async fn the_reference_page_renders_the_served_spec_with_the_script_pakn_serves_itself() {
    let app = spawn_app().await;
    let page = app.get("/api/v1/docs").await;
    assert_eq!(page.status, 200);
    assert!(page.content_type().starts_with("text/html"));
    let html = String::from_utf8_lossy(&page.body);
    assert!(
        html.contains(r#"spec-url="/api/v1/openapi.yaml""#)
            && html.contains(r#"src="/api/v1/docs/redoc.standalone.js""#)
    );
    assert!(!html.contains("http://") && !html.contains("https://"), "nothing is fetched from elsewhere: {html}");
    let policy = page.header("content-security-policy").unwrap_or_default();
    assert!(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'"), "{policy}");
    let script = app.get("/api/v1/docs/redoc.standalone.js").await;
    assert_eq!((script.status, script.content_type()), (200, "text/javascript; charset=utf-8"));
    assert!(String::from_utf8_lossy(&script.body[..300]).contains("exports.Redoc"));
}

#[test]
fn every_schema_in_the_spec_compiles() {
    for name in spec()["components"]["schemas"].as_object().expect("schemas").keys() {
        validator_at(&format!("/components/schemas/{name}"));
    }
}

#[actix_web::test]
async fn the_running_service_serves_the_spec_it_was_built_with() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/openapi.yaml").await;
    assert_eq!(response.status, 200);
    let served: Value = serde_yaml::from_slice(&response.body).expect("YAML");
    // Not assert_eq!: the whole spec in a failure message hides the message.
    assert!(&served == spec(), "the served spec is not api-spec/openapi.yaml: rebuild after editing it");
}

#[test]
fn the_contract_checker_itself_rejects_a_response_that_breaks_the_schema() {
    let outcome = std::panic::catch_unwind(|| {
        assert_valid("/components/schemas/Category", &serde_json::json!({"code": "land"}), "a bare category");
    });
    assert!(outcome.is_err(), "a category without its names must not pass");
}
