//! Retention that ends: each rule removes what has outlived it and nothing else, as a counted
//! event; administrators change a period naming its basis; two purges at once remove each row once.

use chrono::TimeDelta;
use diesel::prelude::*;
use pakn::domain::events::Subject;
use pakn::domain::personal_data::rules::RuleName;
use pakn::service::personal_data::retention;
use serde_json::json;

use super::{answered_feedback, sweep};
use crate::helpers::{ManualClock, TestApp, spawn_app_configured};
use crate::mailbox::Mailbox;
use crate::petitions::{NOW, complaint, file_as};
use crate::workflow::{People, people, read};
use pakn::service::shutdown::Shutdown;

fn purge(app: &TestApp) -> retention::PurgeReport {
    app.with_connection(|c| retention::purge(c, &app.context, &Shutdown::default())).unwrap()
}

async fn set_rule(app: &TestApp, p: &People, rule: &str, body: serde_json::Value) -> crate::helpers::TestResponse {
    app.send_json_as(&p.admin.access_token, "PUT", &format!("/api/v1/admin/data-protection-rules/{rule}"), &body).await
}

#[actix_web::test]
async fn the_purge_removes_exactly_what_has_outlived_its_rule() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_configured(clock.clone(), Mailbox::start(), &[]).await;
    let p = people(&app).await;
    let open = file_as(&app, &p.citizen, &complaint()).await;
    let closed = answered_feedback(&app, &p, "Bãi rác tự phát ven sông Hương").await;
    assert_eq!(purge(&app).total(), 0, "nothing has outlived anything yet");
    clock.advance(TimeDelta::days(46));
    sweep(&app);
    let p = p.signed_in_again(&app).await;
    assert_eq!(read(&app, &p.citizen, &closed).await["status"], "closed");
    let logged_out = app.login(&p.citizen.email, crate::helpers::GOOD_PASSWORD).await;
    let logout = json!({ "refresh_token": logged_out.refresh_token });
    assert_eq!(app.send_json_as(&logged_out.access_token, "POST", "/api/v1/auth/logout", &logout).await.status, 204);
    app.mailbox.wait_for(&p.citizen.email, 1).await;

    clock.advance(TimeDelta::days(31));
    let report = purge(&app);
    assert!(report.of(RuleName::Sessions) >= 1, "the ended session: {report:?}");
    assert!(report.of(RuleName::SentMail) >= 1, "sent mail's recipients: {report:?}");
    assert!(report.of(RuleName::IdempotencyKeys) + report.of(RuleName::OneTimeTokens) >= 1, "{report:?}");
    assert_eq!(report.of(RuleName::ClosedPetitioners), 0, "a closed petition keeps its petitioner for years");
    assert_eq!(purge(&app).total(), 0, "a second purge finds nothing left");
    let p = p.signed_in_again(&app).await;

    // The archive period set to a day: the closed feedback's petitioner goes, the open complaint's stays.
    let bad = set_rule(&app, &p, "closed_petitioners", json!({ "amount": 0, "unit": "fortnights", "basis": "" })).await;
    let problem = bad.assert_problem(422, "validation_failed");
    let fields: Vec<&str> =
        problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["unit", "basis"]);
    set_rule(&app, &p, "forever", json!({ "amount": 1, "unit": "days", "basis": "thử" }))
        .await
        .assert_problem(404, "not_found");
    let officer_try = app
        .send_json_as(
            &p.triage_officer.access_token,
            "PUT",
            "/api/v1/admin/data-protection-rules/closed_petitioners",
            &json!({ "amount": 1, "unit": "days", "basis": "thử" }),
        )
        .await;
    officer_try.assert_problem(403, "forbidden");
    let changed = set_rule(
        &app,
        &p,
        "closed_petitioners",
        json!({ "amount": 1, "unit": "days", "basis": "Quyết định của cơ quan (thử nghiệm)" }),
    )
    .await;
    assert_eq!(changed.status, 200, "{}", String::from_utf8_lossy(&changed.body));
    assert_eq!((changed.json()["amount"].as_i64(), changed.json()["unit"].as_str()), (Some(1), Some("days")));

    let report = purge(&app);
    assert_eq!(report.of(RuleName::ClosedPetitioners), 1, "{report:?}");
    assert_eq!(read(&app, &p.triage_officer, &closed).await["petitioner"]["kind"], "anonymous");
    assert_eq!(read(&app, &p.triage_officer, &open).await["petitioner"]["full_name"], "Nguyễn Văn Dân");
    let recorded = app
        .with_connection(|c| pakn::db::events::of_subject(c, Subject::DataProtectionRule(RuleName::ClosedPetitioners)))
        .unwrap();
    let purged = recorded.iter().find(|e| e.kind == "data_protection_rule.purged").expect("the purge is an event");
    assert_eq!(purged.data.value()["count"], 1, "a count, never the content");
    assert!(!purged.data.canonical_text().contains("Nguyễn"));

    // The rules are listed for administrators with their bases.
    let rules = app.get_as(&p.admin.access_token, "/api/v1/admin/data-protection-rules").await.json();
    let breach = rules["items"].as_array().unwrap().iter().find(|r| r["rule"] == "breach_notification").unwrap();
    assert_eq!(
        (breach["governs"].as_str(), breach["amount"].as_i64(), breach["unit"].as_str()),
        (Some("clock"), Some(72), Some("hours"))
    );
    assert!(breach["basis"].as_str().unwrap().contains("Điều 23"));
}

#[actix_web::test]
async fn two_purges_at_once_remove_each_row_once() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_configured(clock.clone(), Mailbox::start(), &[]).await;
    let p = people(&app).await;
    for n in 0..6 {
        answered_feedback(&app, &p, &format!("Bãi rác tự phát số {n} ven sông Hương")).await;
    }
    clock.advance(TimeDelta::days(46));
    sweep(&app);
    let p = p.signed_in_again(&app).await;
    let changed =
        set_rule(&app, &p, "closed_petitioners", json!({ "amount": 1, "unit": "days", "basis": "thử nghiệm" })).await;
    assert_eq!(changed.status, 200);
    clock.advance(TimeDelta::days(2));
    // Two purges on two connections at once, as two processes' retention jobs would run them.
    let (pool, context) = (app.pool.clone(), app.context.clone());
    let purge_on_its_own = move || {
        let mut connection = pool.get().unwrap();
        retention::purge(&mut connection, &context, &Shutdown::default()).unwrap()
    };
    let (first, second) = (std::thread::spawn(purge_on_its_own.clone()), std::thread::spawn(purge_on_its_own));
    let (one, two) = (first.join().unwrap(), second.join().unwrap());
    assert_eq!(one.of(RuleName::ClosedPetitioners) + two.of(RuleName::ClosedPetitioners), 6, "{one:?} {two:?}");
}

#[actix_web::test]
async fn a_purge_larger_than_one_transaction_goes_batch_by_batch_and_counts_each_batch() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_configured(clock.clone(), Mailbox::start(), &[]).await;
    let p = people(&app).await;
    file_as(&app, &p.citizen, &complaint()).await;
    app.mailbox.wait_for(&p.citizen.email, 1).await;
    // A large import (or a long pause) leaves far more sent mail past its period than one
    // transaction erases: each sent message copied 6,000 times.
    app.with_connection(|c| {
        diesel::sql_query(
            "INSERT INTO outbox_emails (id, to_address, to_name, subject, body_text, body_html, status, attempts, \
             next_attempt_at, created_at, sent_at, recipient_hidden) \
             SELECT e.id || '-' || n.i, e.to_address, e.to_name, e.subject, '', '', e.status, e.attempts, \
             e.next_attempt_at, e.created_at, e.sent_at, e.recipient_hidden \
             FROM outbox_emails e, (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000) \
             SELECT i FROM n) n WHERE e.status = 'sent'",
        )
        .execute(c)
    })
    .unwrap();
    // Whatever the outbox sends meanwhile is sent at NOW, the clock standing still.
    let unerased_from_before = || {
        app.with_connection(|c| {
            use pakn::db::schema::outbox_emails::dsl::*;
            let before = chrono::NaiveDateTime::parse_from_str(NOW, "%Y-%m-%d %H:%M:%S").unwrap() + TimeDelta::days(1);
            outbox_emails
                .filter(status.eq("sent"))
                .filter(erased_at.is_null())
                .filter(sent_at.lt(before))
                .count()
                .get_result::<i64>(c)
        })
        .unwrap()
    };
    assert!(unerased_from_before() > 6_000);

    clock.advance(TimeDelta::days(31));
    let purged = purge(&app).of(RuleName::SentMail);
    assert_eq!(unerased_from_before(), 0, "every one, in one purge");
    let counted: Vec<usize> = app
        .with_connection(|c| pakn::db::events::of_subject(c, Subject::DataProtectionRule(RuleName::SentMail)))
        .unwrap()
        .iter()
        .map(|event| usize::try_from(event.data.value()["count"].as_i64().unwrap()).unwrap())
        .collect();
    assert!(counted.len() >= 2 && counted.iter().all(|&count| count <= 5_000), "one transaction a batch: {counted:?}");
    assert_eq!(counted.iter().sum::<usize>(), purged);
}
