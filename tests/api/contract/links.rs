//! The spec's links: from a petition to its reads and to every step, so that tools (and the
//! fuzzer's stateful phase) can follow the workflow. A link that names an operation or a value
//! that does not exist would be silently skipped by them; these tests catch it.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{METHODS, resolve, spec};

/// Every operation by its operationId, with its resolved parameters.
fn operation(operation_id: &str) -> Option<&'static Value> {
    spec()["paths"]
        .as_object()?
        .values()
        .find_map(|item| METHODS.iter().filter_map(|m| item.get(*m)).find(|op| op["operationId"] == operation_id))
}

fn parameter_names(operation: &Value) -> BTreeSet<(String, String)> {
    operation["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .map(resolve)
        .filter_map(|p| Some((p["in"].as_str()?.to_string(), p["name"].as_str()?.to_string())))
        .collect()
}

/// The responses that carry links, with where they are.
fn responses_with_links() -> Vec<(String, &'static Value)> {
    let mut found = Vec::new();
    for (path, item) in spec()["paths"].as_object().expect("paths") {
        for method in METHODS.iter().filter(|m| item.get(**m).is_some()) {
            for (status, response) in item[*method]["responses"].as_object().expect("responses") {
                let response = resolve(response);
                if response.get("links").is_some() {
                    found.push((format!("{method} {path} {status}"), response));
                }
            }
        }
    }
    found
}

/// Whether a response's JSON schema (any branch of a oneOf) has the top-level property.
fn declares_property(schema: &Value, property: &str) -> bool {
    let schema = resolve(schema);
    if let Some(branches) = schema.get("oneOf").and_then(Value::as_array) {
        return branches.iter().any(|branch| declares_property(branch, property));
    }
    schema["properties"].get(property).is_some()
}

#[test]
fn every_link_leads_to_an_operation_with_the_parameters_it_fills_from_values_the_response_has() {
    let found = responses_with_links();
    assert!(!found.is_empty(), "the spec has no links");
    for (source, response) in found {
        for (name, link) in response["links"].as_object().expect("links") {
            let target_id = link["operationId"].as_str().unwrap_or_default();
            let target = operation(target_id).unwrap_or_else(|| panic!("{source} → {name}: no operation {target_id}"));
            let declared = parameter_names(target);
            for (parameter, expression) in link["parameters"].as_object().expect("parameters") {
                let (location, parameter_name) = parameter.split_once('.').unwrap_or(("path", parameter));
                assert!(
                    declared.contains(&(location.to_string(), parameter_name.to_string())),
                    "{source} → {name}: {target_id} has no {location} parameter {parameter_name}"
                );
                let expression = expression.as_str().unwrap_or_default();
                if let Some(pointer) = expression.strip_prefix("$response.body#/") {
                    let schema = &response["content"]["application/json"]["schema"];
                    assert!(declares_property(schema, pointer), "{source} → {name}: the response has no {pointer}");
                } else if let Some(header) = expression.strip_prefix("$response.header.") {
                    assert!(response["headers"].get(header).is_some(), "{source} → {name}: no {header} header");
                } else {
                    panic!("{source} → {name}: an expression links cannot follow: {expression}");
                }
            }
        }
    }
}

/// From a petition read, a client can reach every step of the workflow, with the ETag.
#[test]
fn a_petition_links_to_every_step_of_the_workflow_with_its_etag() {
    let read = &spec()["paths"]["/api/v1/petitions/{id}"]["get"]["responses"]["200"];
    let linked: BTreeSet<&str> = read["links"]
        .as_object()
        .expect("getPetition links")
        .values()
        .filter(|link| link["parameters"].get("header.If-Match").is_some())
        .filter_map(|link| link["operationId"].as_str())
        .collect();
    let steps: BTreeSet<&str> = spec()["paths"]
        .as_object()
        .expect("paths")
        .values()
        .filter_map(|item| item.get("post"))
        .filter(|op| {
            op["parameters"].as_array().into_iter().flatten().any(|p| p["$ref"] == "#/components/parameters/IfMatch")
        })
        .filter_map(|op| op["operationId"].as_str())
        .collect();
    assert!(steps.len() >= 17, "the workflow's steps: {steps:?}");
    assert_eq!(linked, steps, "steps not linked from a petition (or linked but not steps)");
}
