//! Closure checks: pakn draws a random sample of an agency's answered petitions for a monitor in
//! scope, the monitor records a verdict on each once, and the share of contested closures is
//! published.

use serde_json::{Value, json};

use crate::helpers::{ManualClock, SignedInUser, TestApp, spawn_app_with_clock};
use crate::petitions::{NOW, feedback, file_as};
use crate::workflow::{People, done, people};

/// A feedback the triage desk accepted and answered today.
async fn answered(app: &TestApp, p: &People, title: &str) -> Value {
    let petition = file_as(app, &p.citizen, &feedback(title)).await;
    done(app, &p.triage_officer, &petition, "accept", json!({ "complexity": "normal" })).await;
    let answer = json!({ "outcome": "answered", "answer": "Đã xử lý xong và kiểm tra lại tại hiện trường." });
    done(app, &p.triage_head, &petition, "resolve", answer).await
}

/// A monitor of the province, and one of a unit elsewhere.
async fn monitors(app: &TestApp, p: &People) -> (SignedInUser, SignedInUser) {
    let monitor = app.staff(&p.admin, "monitor", json!({ "scope_admin_unit": "46" })).await;
    let elsewhere = app.staff(&p.admin, "monitor", json!({ "scope_admin_unit": "19900" })).await;
    (monitor, elsewhere)
}

async fn draw(app: &TestApp, user: &SignedInUser, body: &Value) -> crate::helpers::TestResponse {
    app.send_json_as(&user.access_token, "POST", "/api/v1/oversight/closure-checks", body).await
}

/// Records a verdict on the `index`-th sampled petition; gives the check as it then stands.
async fn verdict(app: &TestApp, monitor: &SignedInUser, check: &Value, index: usize, verdict: &str) -> Value {
    let path = format!("/api/v1/oversight/closure-checks/{}/verdicts", check["id"].as_str().unwrap());
    let body = json!({
        "petition_id": check["sample"][index]["petition_id"],
        "verdict": verdict,
        "note": "Kiểm tra thực địa và hỏi người gửi đơn ngày 26/11.",
    });
    let response = app.send_json_as(&monitor.access_token, "POST", &path, &body).await;
    assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
    response.json()
}

#[actix_web::test]
async fn a_monitor_checks_a_random_sample_of_answers_and_the_contested_share_is_published() {
    let app = spawn_app_with_clock(ManualClock::at(NOW)).await;
    let p = people(&app).await;
    let (monitor, elsewhere) = monitors(&app, &p).await;
    let mut codes = Vec::new();
    for title in ["Đèn đường hỏng", "Cống thoát nước tắc", "Rác thải chưa thu gom"] {
        codes.push(answered(&app, &p, title).await["tracking_code"].as_str().unwrap().to_string());
    }

    let ask =
        json!({ "agency_id": p.triage, "resolved_from": "2026-11-01", "resolved_to": "2026-11-26", "sample_size": 2 });
    draw(&app, &elsewhere, &ask).await.assert_problem(403, "forbidden");
    draw(&app, &p.triage_head, &ask).await.assert_problem(403, "forbidden");
    let check = draw(&app, &monitor, &ask).await;
    assert_eq!(check.status, 201, "{}", String::from_utf8_lossy(&check.body));
    let check = check.json();
    assert_eq!((check["population"].as_i64(), check["checked"].as_i64()), (Some(3), Some(0)));
    let sample = check["sample"].as_array().unwrap();
    assert_eq!(sample.len(), 2);
    for drawn in sample {
        assert!(codes.contains(&drawn["tracking_code"].as_str().unwrap().to_string()));
        assert_eq!(drawn["verdict"], Value::Null);
    }

    let contested = verdict(&app, &monitor, &check, 0, "contested").await;
    assert_eq!((contested["checked"].as_i64(), contested["contested"].as_i64()), (Some(1), Some(1)));
    assert_eq!(contested["sample"][0]["decided_by"], monitor.id.as_str());
    let told = app.mailbox.wait_for_text(&p.triage_head.email, "không khớp với thực tế", 1).await;
    let code = sample[0]["tracking_code"].as_str().unwrap();
    assert!(told[0].subject().contains(code), "the head hears which answer was contested: {}", told[0].subject());
    let verdicts = format!("/api/v1/oversight/closure-checks/{}/verdicts", check["id"].as_str().unwrap());
    let again = json!({ "petition_id": sample[0]["petition_id"], "verdict": "matched", "note": "Đổi ý sau khi xem lại hồ sơ." });
    app.send_json_as(&monitor.access_token, "POST", &verdicts, &again).await.assert_problem(409, "conflict");
    let done_check = verdict(&app, &monitor, &check, 1, "matched").await;
    assert_eq!((done_check["checked"].as_i64(), done_check["contested"].as_i64()), (Some(2), Some(1)));

    let stats = app.get("/api/v1/public/stats?from=2026-11-01&to=2026-11-30").await.json();
    let total = &stats["total"];
    assert_eq!((total["closures_checked"].as_i64(), total["closures_contested"].as_i64()), (Some(2), Some(1)));
    assert_eq!(total["rates"]["contested_closures"], 0.5);

    let listed = app
        .get_as(&p.triage_head.access_token, &format!("/api/v1/oversight/closure-checks?agency_id={}", p.triage))
        .await;
    assert_eq!(listed.status, 200, "the agency sees what was found about its answers");
    assert_eq!(listed.json()["items"][0]["contested"], 1);
    let path = format!("/api/v1/oversight/closure-checks/{}", check["id"].as_str().unwrap());
    app.get_as(&elsewhere.access_token, &path).await.assert_problem(404, "not_found");
    app.get_as(&p.citizen.access_token, &path).await.assert_problem(404, "not_found");
    assert_eq!(app.get_as(&monitor.access_token, &path).await.json()["checked"], 2);
}

#[actix_web::test]
async fn a_check_with_bad_inputs_is_refused_clearly_and_draws_nothing() {
    let app = spawn_app_with_clock(ManualClock::at(NOW)).await;
    let p = people(&app).await;
    let (monitor, _) = monitors(&app, &p).await;
    answered(&app, &p, "Đèn đường hỏng").await;
    let ask = |agency: &str, from: &str, to: &str, size: i64| json!({ "agency_id": agency, "resolved_from": from, "resolved_to": to, "sample_size": size });
    let cases = [
        (ask(&p.triage, "2026-11-01", "2026-11-26", 0), "sample_size"),
        (ask(&p.triage, "2026-11-01", "2026-11-26", 201), "sample_size"),
        (ask(&p.triage, "2026-11-26", "2026-11-01", 5), "resolved_to"),
        (ask(&p.triage, "2026-11-01", "2026-12-31", 5), "resolved_to"),
        (ask(&p.triage, "2026-01-01", "2026-01-31", 5), "resolved_to"),
        (ask("not-an-agency", "2026-11-01", "2026-11-26", 5), "agency_id"),
    ];
    for (body, field) in cases {
        let response = draw(&app, &monitor, &body).await;
        assert_eq!(response.assert_problem(422, "validation_failed")["errors"][0]["field"], field, "{body}");
    }
    let listed =
        app.get_as(&monitor.access_token, &format!("/api/v1/oversight/closure-checks?agency_id={}", p.triage)).await;
    assert_eq!(listed.json()["total"], 0, "nothing was drawn");
    app.get_as(&monitor.access_token, "/api/v1/oversight/closure-checks").await.assert_problem(400, "invalid_query");

    let check = draw(&app, &monitor, &ask(&p.triage, "2026-11-01", "2026-11-26", 5)).await.json();
    let verdicts = format!("/api/v1/oversight/closure-checks/{}/verdicts", check["id"].as_str().unwrap());
    let outsider = file_as(&app, &p.citizen, &feedback("Không thuộc mẫu")).await;
    let bad = [
        (json!({ "petition_id": outsider["id"], "verdict": "matched", "note": "Đã kiểm tra tại chỗ." }), "petition_id"),
        (
            json!({ "petition_id": check["sample"][0]["petition_id"], "verdict": "unsure", "note": "Đã kiểm tra tại chỗ." }),
            "verdict",
        ),
        (json!({ "petition_id": check["sample"][0]["petition_id"], "verdict": "matched", "note": "ok" }), "note"),
    ];
    for (body, field) in bad {
        let response = app.send_json_as(&monitor.access_token, "POST", &verdicts, &body).await;
        assert_eq!(response.assert_problem(422, "validation_failed")["errors"][0]["field"], field, "{body}");
    }
    let unchanged = app
        .get_as(&monitor.access_token, &format!("/api/v1/oversight/closure-checks/{}", check["id"].as_str().unwrap()))
        .await;
    assert_eq!(unchanged.json()["checked"], 0);
}
