//! The request side of the contract: each rule the server enforces on what it is sent is in the
//! schema too, so that a generated client can refuse a bad request before sending it. Each test
//! puts samples to both and wants the same verdict.

use serde_json::{Value, json};

use super::{METHODS, resolve, spec, validator_at};
use crate::helpers::spawn_app;

/// The phone pattern a client checks against says what the server checks.
#[test]
fn the_spec_and_the_server_agree_on_what_a_phone_number_is() {
    let pattern = validator_at("/components/schemas/PhoneNumber");
    for sample in [
        "+84 234 3822 000",
        "0234-382-2000",
        "0905.123.456",
        " 0905123456 ",
        "12345678",
        "1234567",
        "1234567890123456",
        "12+345678",
        "call me",
        "",
        "+",
        "0905 123 456 ext 2",
        "+-84 905 123 456",
    ] {
        let spec_says = pattern.is_valid(&Value::String(sample.into()));
        let server_says = pakn::domain::account::check_phone(sample).is_ok();
        assert_eq!(spec_says, server_says, "{sample:?}: the spec says {spec_says}, the server {server_says}");
    }
}

/// The characters the server's text check treats differently: controls, line breaks and tabs,
/// white space that trimming removes, and the invisible formatting characters.
fn probe_characters() -> Vec<char> {
    let mut probes: Vec<char> = ('\u{0}'..='\u{FF}').collect();
    probes.extend(['\u{034F}', '\u{061C}', '\u{115F}', '\u{1160}', '\u{1680}', '\u{180E}', '\u{3000}', '\u{3164}']);
    probes.extend(('\u{2000}'..='\u{206F}').chain('\u{FE00}'..='\u{FFFF}'));
    probes.extend(['á', 'Đ', 'ệ', '中', '😀']);
    probes
}

/// Free text: the one-line and several-line patterns of the spec say what `clean_text` lets
/// through, with the character at the start (trimmed when it is white space), inside and at
/// the end of a text.
#[test]
fn the_spec_and_the_server_agree_on_which_characters_free_text_may_hold() {
    for (name, several_lines) in [("one_line", false), ("several_lines", true)] {
        let pattern = spec()["x-text-patterns"][name].clone();
        let schema = json!({ "type": "string", "pattern": pattern });
        let validator = jsonschema::validator_for(&schema).expect("the pattern compiles");
        for c in probe_characters() {
            for sample in [format!("{c}chữ"), format!("ch{c}ữ"), format!("chữ{c}"), format!("{c}{c}"), c.to_string()]
            {
                let spec_says = validator.is_valid(&Value::String(sample.clone()));
                let mut errors = Vec::new();
                pakn::domain::text::clean_text(&mut errors, "text", &sample, 0..=100, several_lines);
                let server_says = errors.is_empty();
                assert_eq!(spec_says, server_says, "{name}: {sample:?} (U+{:04X})", c as u32);
            }
        }
    }
}

/// Every request body shows a client an example, and the example is one the schema accepts.
#[test]
fn every_request_body_has_an_example_its_schema_accepts() {
    let mut missing = Vec::new();
    for (path, item) in spec()["paths"].as_object().expect("paths") {
        for method in METHODS.iter().filter(|m| item.get(**m).is_some()) {
            let Some(body) = item[*method].get("requestBody").map(resolve) else { continue };
            for (media_type, content) in body["content"].as_object().expect("content") {
                let Some(example) = content.get("example") else {
                    missing.push(format!("{method} {path} {media_type}"));
                    continue;
                };
                let pointer = format!(
                    "/paths/{}/{method}/requestBody/content/{}/schema",
                    super::escape_pointer(path),
                    super::escape_pointer(media_type)
                );
                let errors: Vec<String> = validator_at(&pointer).iter_errors(example).map(|e| e.to_string()).collect();
                assert!(errors.is_empty(), "the example of {method} {path} breaks its schema: {errors:?}");
            }
        }
    }
    assert!(missing.is_empty(), "request bodies without an example: {missing:?}");
}

fn filing_is_valid(body: &Value) -> bool {
    validator_at("/components/schemas/FilingRequest").is_valid(body)
}

/// The rules between a filing's fields: the schema refuses exactly the combinations the server
/// refuses with 422, and accepts the ones it files.
#[actix_web::test]
async fn the_spec_and_the_server_agree_on_which_fields_go_with_which_kind_of_petition() {
    let app = spawn_app().await;
    let citizen = app.citizen("cross-field@example.vn").await;
    let agency = app.agency_id("ubnd-phuong-phu-xuan").await;
    let base = json!({
        "category": "land", "title": "Thu hồi đất không đúng quy định",
        "description": "Gia đình tôi bị thu hồi đất mà không được thông báo trước.",
        "location": { "admin_unit_code": "19753" },
    });
    let decision = json!({ "number": "15/QĐ-UBND", "date": "2026-10-01" });
    let cases = [
        ("a feedback", json!({ "kind": "feedback" })),
        ("a complaint with its decision", json!({ "kind": "complaint", "decision_reference": decision })),
        ("a complaint without the decision", json!({ "kind": "complaint" })),
        (
            "a complaint about an agency",
            json!({ "kind": "complaint", "decision_reference": decision, "respondent_agency_id": agency }),
        ),
        ("a feedback about an agency", json!({ "kind": "feedback", "respondent_agency_id": agency })),
        (
            "a denunciation of staff of an agency",
            json!({ "kind": "denunciation", "denounced_agency_id": agency, "denounced_position": "staff" }),
        ),
        ("a denunciation naming the agency only", json!({ "kind": "denunciation", "denounced_agency_id": agency })),
        ("a denunciation naming a position only", json!({ "kind": "denunciation", "denounced_position": "staff" })),
        (
            "a proposal naming a denounced agency",
            json!({ "kind": "proposal", "denounced_agency_id": agency, "denounced_position": "staff" }),
        ),
    ];
    for (what, fields) in cases {
        let mut body = base.clone();
        body.as_object_mut().expect("an object").extend(fields.as_object().expect("an object").clone());
        let filed = app.send_json_as(&citizen.access_token, "POST", "/api/v1/petitions", &body).await;
        assert!(matches!(filed.status, 201 | 422), "{what}: {}", filed.status);
        assert_eq!(filing_is_valid(&body), filed.status == 201, "{what}: the server answered {}", filed.status);
    }
}

/// Inviting staff: an agency exactly for officers and heads, a scope exactly for monitors and
/// inspectors.
#[actix_web::test]
async fn the_spec_and_the_server_agree_on_who_is_invited_with_an_agency_or_a_scope() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let agency = app.agency_id("ubnd-phuong-phu-xuan").await;
    let invite = validator_at("/components/schemas/InviteRequest");
    for role in ["officer", "head", "monitor", "inspector", "admin"] {
        for placement in [json!({}), json!({ "agency_id": agency }), json!({ "scope_admin_unit": "46" })] {
            let email = format!("{role}-{}@hue.gov.vn", uuid::Uuid::new_v4().simple());
            let mut body = json!({ "email": email, "full_name": "Cán bộ mới", "role": role });
            body.as_object_mut().expect("an object").extend(placement.as_object().expect("an object").clone());
            let invited = app.send_json_as(&admin.access_token, "POST", "/api/v1/admin/users", &body).await;
            assert!(matches!(invited.status, 201 | 422), "{body}: {}", invited.status);
            assert_eq!(invite.is_valid(&body), invited.status == 201, "{body}: the server answered {}", invited.status);
        }
    }
}

/// The filing's headers: `X-Client-Channel` is web or mobile (found by fuzzing: an empty one was
/// filed as web), and an `Idempotency-Key` is 1 to 200 visible ASCII characters.
#[actix_web::test]
async fn the_spec_and_the_server_agree_on_the_filing_headers() {
    let app = spawn_app().await;
    let citizen = app.citizen("headers@example.vn").await;
    let bearer = format!("Bearer {}", citizen.access_token);
    let parameters = &spec()["paths"]["/api/v1/petitions"]["post"]["parameters"];
    let schema_of = |name: &str| {
        let parameter = parameters.as_array().and_then(|all| all.iter().find(|p| p["name"] == name));
        jsonschema::validator_for(&parameter.expect("the header is declared")["schema"]).expect("a schema")
    };
    let long_key = "k".repeat(201);
    for (name, value) in [
        ("X-Client-Channel", ""),
        ("X-Client-Channel", "tablet"),
        ("X-Client-Channel", "mobile"),
        ("Idempotency-Key", "two words"),
        ("Idempotency-Key", long_key.as_str()),
        ("Idempotency-Key", "retry-2026-11-29#1"),
    ] {
        let body = json!({
            "kind": "feedback", "category": "land", "title": "Đường ngập nước",
            "description": "Đường Lê Lợi ngập nước mỗi khi mưa lớn.", "location": { "admin_unit_code": "19753" },
        });
        let headers = [("content-type", "application/json"), ("authorization", bearer.as_str()), (name, value)];
        let filed = app.request("POST", "/api/v1/petitions", Some(body.to_string().into_bytes()), &headers).await;
        let spec_says = schema_of(name).is_valid(&Value::String(value.into()));
        assert_eq!(spec_says, filed.status == 201, "{name}: {value:?} answered {}", filed.status);
        if !spec_says {
            assert_eq!(filed.json()["errors"][0]["field"], name, "{name}: {value:?}");
        }
    }
}

/// Every byte but letters and digits percent-encoded, as a query value.
fn query_value(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// The query filters with a format: the category code, the assignee, the words to search for,
/// the start of an e-mail address. A value the spec's pattern refuses is a 422 from the server.
#[actix_web::test]
async fn the_spec_and_the_server_agree_on_the_query_filters() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let some_user = uuid::Uuid::new_v4().to_string();
    let cases: [(&str, &str, &[&str]); 4] = [
        ("/api/v1/petitions", "category", &["land", "Land", "l", "land-use", "đất", "environmental_pollution"]),
        ("/api/v1/petitions", "assignee", &["me", "ME", some_user.as_str(), "not-a-user", "{}"]),
        ("/api/v1/petitions", "q", &["dat dai", " đất đai ", "tab\there", "zero\u{200B}width", "line\nbreak"]),
        ("/api/v1/admin/users", "email", &["dan@", " canbo ", "a%", "a_b", "back\\slash", " ", "x\u{0}"]),
    ];
    for (path, name, samples) in cases {
        let parameters = spec()["paths"][path]["get"]["parameters"].as_array().expect("parameters");
        let declared = parameters.iter().map(resolve).find(|p| p["name"] == name).expect("the filter is declared");
        let schema = jsonschema::validator_for(&declared["schema"]).expect("a schema");
        for sample in samples {
            let listed = app.get_as(&admin.access_token, &format!("{path}?{name}={}", query_value(sample))).await;
            let spec_says = schema.is_valid(&Value::String((*sample).into()));
            assert_eq!(spec_says, listed.status == 200, "{name}={sample:?} answered {}", listed.status);
        }
    }
}
