//! Deadline rules as data: the statutory defaults in force, replaced by administrators with the
//! history kept, and used by filing.

use serde_json::json;

use crate::helpers::spawn_app_at;
use crate::petitions::{NOW, complaint, file_as};

fn faster_complaints() -> serde_json::Value {
    json!({
        "acceptance": { "length": 5, "unit": "working_days" },
        "resolution": { "unit": "days", "normal": 30, "complex": 45, "remote": 45, "remote_complex": 60 },
        "extension": null,
        "extensions_allowed": { "normal": 0, "complex": 0, "especially_complex": 0 },
        "source": "Quyết định của UBND thành phố (thử nghiệm)"
    })
}

#[actix_web::test]
async fn the_statutory_rules_are_in_force_from_the_first_start() {
    let app = spawn_app_at(NOW).await;
    let rules = app.get("/api/v1/deadline-rules").await.json();
    assert_eq!(rules["total"], 5);
    let second =
        rules["items"].as_array().unwrap().iter().find(|r| r["kind"] == "complaint" && r["round"] == "second").unwrap();
    assert_eq!(second["resolution"]["remote_complex"], 70);
    let source = second["source"].as_str().unwrap();
    assert!(source.contains("Art. 36") && source.contains("Art. 37") && source.contains("Art. 11a"), "{source}");
    let denunciation = rules["items"].as_array().unwrap().iter().find(|r| r["kind"] == "denunciation").unwrap();
    assert_eq!(denunciation["acceptance"], json!({ "length": 7, "unit": "working_days" }));
    assert_eq!(denunciation["acceptance_extended"], json!({ "length": 10, "unit": "working_days" }));
    assert_eq!(denunciation["forwarding"], json!({ "length": 5, "unit": "working_days" }));
    for article in ["Art. 24(1)", "Art. 24(2)", "Art. 30(1)", "Art. 34"] {
        assert!(denunciation["source"].as_str().unwrap().contains(article), "the rule names {article}");
    }
    assert_eq!(denunciation["extensions_allowed"], json!({ "normal": 0, "complex": 1, "especially_complex": 2 }));
}

#[actix_web::test]
async fn an_administrator_replaces_a_rule_the_old_one_stays_in_the_history_and_filing_follows() {
    let app = spawn_app_at(NOW).await;
    let admin = app.admin().await;
    let citizen = app.citizen("rules@example.vn").await;
    let replaced = app
        .send_json_as(&admin.access_token, "PUT", "/api/v1/deadline-rules/complaint/first", &faster_complaints())
        .await;
    assert_eq!(replaced.status, 200);
    assert_eq!(replaced.json()["acceptance"]["unit"], "working_days");
    let history = app.get("/api/v1/deadline-rules?history=true").await.json();
    let versions: Vec<_> = history["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "complaint" && r["round"] == "first")
        .collect();
    assert_eq!(versions.len(), 2);
    let ended: Vec<_> = versions.iter().filter(|v| !v["valid_to"].is_null()).collect();
    assert_eq!(ended.len(), 1, "the statutory version ended; the new one is in force");
    assert!(ended[0]["source"].as_str().unwrap().contains("Art. 27"));

    // Received Thu 26 Nov 2026: five working days end Thu 3 Dec.
    let petition = file_as(&app, &citizen, &complaint()).await;
    assert_eq!(petition["deadlines"]["acceptance"]["due"], "2026-12-03");
}

#[actix_web::test]
async fn bad_or_forbidden_replacements_change_nothing() {
    let app = spawn_app_at(NOW).await;
    let admin = app.admin().await;
    let citizen = app.citizen("not-admin@example.vn").await;
    app.send_json_as(&citizen.access_token, "PUT", "/api/v1/deadline-rules/complaint/first", &faster_complaints())
        .await
        .assert_problem(403, "forbidden");
    app.send_json_as(&admin.access_token, "PUT", "/api/v1/deadline-rules/feedback/second", &faster_complaints())
        .await
        .assert_problem(422, "validation_failed");
    app.send_json_as(&admin.access_token, "PUT", "/api/v1/deadline-rules/rumour/first", &faster_complaints())
        .await
        .assert_problem(404, "not_found");
    let mut absurd = faster_complaints();
    absurd["resolution"]["normal"] = json!(0);
    absurd["extensions_allowed"]["complex"] = json!(2);
    let problem = app.send_json_as(&admin.access_token, "PUT", "/api/v1/deadline-rules/complaint/first", &absurd).await;
    let fields: Vec<String> = problem.assert_problem(422, "validation_failed")["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, ["resolution.normal", "extension"]);
    let mut bad_unit = faster_complaints();
    bad_unit["acceptance"]["unit"] = json!("weeks");
    app.send_json_as(&admin.access_token, "PUT", "/api/v1/deadline-rules/complaint/first", &bad_unit)
        .await
        .assert_problem(422, "validation_failed");
    // `extension` is required (null says there is none): left out, the client forgot it.
    let mut forgotten = faster_complaints();
    forgotten.as_object_mut().unwrap().remove("extension");
    let problem =
        app.send_json_as(&admin.access_token, "PUT", "/api/v1/deadline-rules/complaint/first", &forgotten).await;
    assert_eq!(problem.assert_problem(422, "validation_failed")["errors"][0]["field"], "extension");
    let mut fractional = faster_complaints();
    fractional["acceptance"]["length"] = json!(5.5);
    let problem =
        app.send_json_as(&admin.access_token, "PUT", "/api/v1/deadline-rules/complaint/first", &fractional).await;
    assert_eq!(problem.assert_problem(422, "validation_failed")["errors"][0]["field"], "acceptance.length");
    assert_eq!(app.get("/api/v1/deadline-rules?history=true").await.json()["total"], 5, "no new version");
}

#[actix_web::test]
async fn a_whole_number_written_with_a_zero_fraction_is_a_whole_number() {
    let app = spawn_app_at(NOW).await;
    let admin = app.admin().await;
    let mut body = faster_complaints();
    body["acceptance"]["length"] = json!(5.0);
    body["resolution"]["normal"] = json!(30.0);
    let replaced = app.send_json_as(&admin.access_token, "PUT", "/api/v1/deadline-rules/complaint/first", &body).await;
    assert_eq!(replaced.status, 200, "{}", String::from_utf8_lossy(&replaced.body));
}
