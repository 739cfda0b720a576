//! A hundred people take a step on one petition at the same instant, with the same `If-Match`:
//! exactly one wins, every other is told 409 in the problem shape, the timeline holds one entry.

use futures_util::future::join_all;
use serde_json::{Value, json};

use crate::helpers::{SignedInUser, TestApp, TestResponse, spawn_app_at};
use crate::petitions::{NOW, feedback, file_as};
use crate::workflow::{People, people, read};

const RACERS: usize = 100;

/// `POST /api/v1/petitions/{id}/<action>` with `If-Match` set to the version the client read.
async fn step_at_version(
    app: &TestApp,
    user: &SignedInUser,
    petition: &Value,
    action: &str,
    body: &Value,
) -> TestResponse {
    let path = format!("/api/v1/petitions/{}/{action}", petition["id"].as_str().expect("an id"));
    let bearer = format!("Bearer {}", user.access_token);
    let version = format!("\"{}\"", petition["version"]);
    let headers =
        [("authorization", bearer.as_str()), ("content-type", "application/json"), ("if-match", version.as_str())];
    app.request("POST", &path, Some(body.to_string().into_bytes()), &headers).await
}

/// Sends every `(action, body)` at once and checks one 200 and the rest 409 problems; returns
/// the action that won.
async fn race(app: &TestApp, p: &People, petition: &Value, steps: &[(&str, Value)]) -> String {
    let sent = (0..RACERS).map(|i| {
        let (action, body) = &steps[i % steps.len()];
        async move { (action.to_string(), step_at_version(app, &p.triage_officer, petition, action, body).await) }
    });
    let answers = join_all(sent).await;
    let winners: Vec<&String> = answers.iter().filter(|(_, r)| r.status == 200).map(|(a, _)| a).collect();
    assert_eq!(
        winners.len(),
        1,
        "exactly one of {RACERS} wins: {:?}",
        answers.iter().map(|(_, r)| r.status).collect::<Vec<_>>()
    );
    for (_, loser) in answers.iter().filter(|(_, r)| r.status != 200) {
        assert_eq!(loser.status, 409, "{}", String::from_utf8_lossy(&loser.body));
        assert_eq!(loser.content_type(), "application/problem+json");
        let code = loser.json()["code"].as_str().unwrap_or_default().to_string();
        assert!(code == "edit_conflict" || code == "wrong_status", "{code}");
    }
    winners[0].clone()
}

fn entries_of(petition: &Value, kind: &str) -> usize {
    petition["timeline"].as_array().expect("a timeline").iter().filter(|e| e["kind"] == kind).count()
}

#[actix_web::test]
async fn a_hundred_officers_accepting_one_petition_at_once_leave_one_acceptance_and_ninety_nine_409s() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let filed = file_as(&app, &p.citizen, &feedback("Đèn đường hỏng cả đoạn phố")).await;
    let won = race(&app, &p, &filed, &[("accept", json!({ "complexity": "normal" }))]).await;
    assert_eq!(won, "accept");
    let now = read(&app, &p.triage_officer, &filed).await;
    assert_eq!(now["version"].as_i64(), filed["version"].as_i64().map(|v| v + 1), "exactly one change");
    assert_eq!(entries_of(&now, "petition.accepted"), 1);
}

#[actix_web::test]
async fn fifty_accepting_and_fifty_refusing_at_once_leave_one_decision_and_its_one_entry() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let filed = file_as(&app, &p.citizen, &feedback("Có vấn đề ở phường cần xem lại")).await;
    let refuse =
        json!({ "reason_code": "content_not_specific", "explanation": "Đơn chưa nêu địa điểm và sự việc cụ thể." });
    let won = race(&app, &p, &filed, &[("accept", json!({ "complexity": "normal" })), ("refuse", refuse)]).await;
    let now = read(&app, &p.triage_officer, &filed).await;
    assert_eq!(now["version"].as_i64(), filed["version"].as_i64().map(|v| v + 1), "exactly one change");
    let (accepted, refused) = (entries_of(&now, "petition.accepted"), entries_of(&now, "petition.refused"));
    if won == "accept" {
        assert_eq!((accepted, refused), (1, 0), "{now}");
        assert_ne!(now["status"], "refused");
    } else {
        assert_eq!((now["status"].as_str(), accepted, refused), (Some("refused"), 0, 1), "{now}");
    }
}
