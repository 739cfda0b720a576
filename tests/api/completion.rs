//! Closed means fixed: after feedback or a proposal is answered, its petitioner has a window to
//! say it was not fixed, which sends it back to the agency with the reason and counts as a
//! reopening; when the window passes in silence, it closes by itself and says why.

use chrono::TimeDelta;
use pakn::service::handling::sweep;
use serde_json::{Value, json};

use crate::attachments::{multipart, png, upload_to};
use crate::helpers::{ManualClock, TestApp, spawn_app_with_clock};
use crate::petitions::{NOW, feedback, file_as};
use crate::workflow::{People, act, done, people};
use pakn::service::shutdown::Shutdown;

/// A feedback the triage desk accepted and answered.
async fn answered_feedback(app: &TestApp, p: &People) -> Value {
    let petition = file_as(app, &p.citizen, &feedback("Đèn đường hỏng trên đường Lê Lợi")).await;
    done(app, &p.triage_officer, &petition, "accept", json!({ "complexity": "normal" })).await;
    let answer = json!({ "outcome": "answered", "answer": "Đã thay bóng đèn trên toàn tuyến đường Lê Lợi." });
    done(app, &p.triage_head, &petition, "resolve", answer).await
}

fn not_fixed() -> Value {
    json!({ "reason": "Đèn vẫn không sáng vào buổi tối hôm qua." })
}

#[actix_web::test]
async fn the_petitioner_says_it_was_not_fixed_and_it_goes_back_to_the_agency_as_a_reopening() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone()).await;
    let p = people(&app).await;
    let answered = answered_feedback(&app, &p).await;
    let seen = crate::workflow::read(&app, &p.citizen, &answered).await;
    assert!(seen["allowed_actions"].as_array().unwrap().contains(&json!("not-fixed")), "{}", seen["allowed_actions"]);
    act(&app, &p.triage_head, &answered, "not-fixed", not_fixed()).await.assert_problem(403, "forbidden");
    let short = act(&app, &p.citizen, &answered, "not-fixed", json!({ "reason": "x" })).await;
    assert_eq!(short.assert_problem(422, "validation_failed")["errors"][0]["field"], "reason");

    clock.advance(TimeDelta::days(6));
    let p = p.signed_in_again(&app).await;
    let reopened = done(&app, &p.citizen, &answered, "not-fixed", not_fixed()).await;
    assert_eq!(reopened["status"], "in_progress");
    assert_eq!(reopened["decision"], Value::Null, "the answer no longer stands");
    let last = reopened["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["kind"], "petition.reopened");
    assert!(last["note"].as_str().unwrap().contains("not fixed"), "{last}");
    app.mailbox.wait_for_text(&p.triage_head.email, "chưa được khắc phục", 1).await;
    app.mailbox.wait_for_text(&p.citizen.email, "Đèn vẫn không sáng", 1).await;

    let stats = app.get("/api/v1/public/stats?from=2026-11-01&to=2026-11-30").await.json();
    assert_eq!(stats["total"]["reopened"], 1, "it counts in the reopen rate");
    act(&app, &p.citizen, &reopened, "not-fixed", not_fixed()).await.assert_problem(409, "wrong_status");
}

#[actix_web::test]
async fn after_the_window_it_closes_by_itself_and_says_why_and_a_complaint_is_never_confirmed() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone()).await;
    let p = people(&app).await;
    let answered = answered_feedback(&app, &p).await;

    // The seventh day is the last; on the eighth the window has ended, before the sweep ran.
    clock.advance(TimeDelta::days(8));
    let p = p.signed_in_again(&app).await;
    let late = act(&app, &p.citizen, &answered, "not-fixed", not_fixed()).await;
    assert!(late.assert_problem(409, "conflict")["detail"].as_str().unwrap().contains("7 days"));

    let report = app.with_connection(|c| sweep::sweep(c, &app.context, &Shutdown::default())).unwrap();
    assert_eq!(report.closed, 1);
    let closed = crate::workflow::read(&app, &p.citizen, &answered).await;
    assert_eq!(closed["status"], "closed");
    let last = closed["timeline"].as_array().unwrap().last().unwrap().clone();
    assert!(last["note"].as_str().unwrap().contains("did not report it unfixed within 7 days"), "{last}");
    act(&app, &p.citizen, &closed, "not-fixed", not_fixed()).await.assert_problem(409, "wrong_status");
}

#[actix_web::test]
async fn the_agency_shows_proof_of_completion_which_the_petitioner_sees_before_judging_it() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone()).await;
    let p = people(&app).await;
    let answered = answered_feedback(&app, &p).await;
    let id = answered["id"].as_str().unwrap();
    let proof_path = format!("/api/v1/petitions/{id}/attachments?purpose=proof_of_completion");
    let photo = || multipart("đèn đã sáng.png", "image/png", &png(4, 3), None);

    let by_petitioner = upload_to(&app, &p.citizen, &proof_path, photo()).await;
    assert_eq!(by_petitioner.assert_problem(422, "validation_failed")["errors"][0]["field"], "purpose");
    let unknown = format!("/api/v1/petitions/{id}/attachments?purpose=receipt");
    assert_eq!(
        upload_to(&app, &p.triage_officer, &unknown, photo()).await.assert_problem(422, "validation_failed")["errors"]
            [0]["field"],
        "purpose"
    );
    let proof = upload_to(&app, &p.triage_officer, &proof_path, photo()).await;
    assert_eq!(proof.status, 201, "{}", String::from_utf8_lossy(&proof.body));
    assert_eq!(proof.json()["purpose"], "proof_of_completion");

    let files = app.get_as(&p.citizen.access_token, &format!("/api/v1/petitions/{id}/attachments")).await.json();
    assert_eq!(files["items"][0]["purpose"], "proof_of_completion");
    let seen = crate::workflow::read(&app, &p.citizen, &answered).await;
    assert!(
        seen["timeline"].as_array().unwrap().iter().any(|e| e["kind"] == "petition.evidence_added"),
        "the petitioner sees that proof was added: {}",
        seen["timeline"]
    );

    clock.advance(TimeDelta::days(8));
    let p = p.signed_in_again(&app).await;
    app.with_connection(|c| sweep::sweep(c, &app.context, &Shutdown::default())).unwrap();
    upload_to(&app, &p.triage_officer, &proof_path, photo()).await.assert_problem(409, "conflict");
}
