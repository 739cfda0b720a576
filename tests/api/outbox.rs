//! E-mail that is never lost and never sent twice, against a real SMTP server on loopback.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use pakn::clock::SystemClock;
use pakn::domain::outbox::OutboxEmail;
use pakn::mail::templates::EmailContent;
use serde_json::json;

use crate::helpers::{GOOD_PASSWORD, TestApp, spawn_app, spawn_app_with};
use crate::mailbox::Mailbox;

async fn register(app: &TestApp, email: &str) {
    let body = json!({ "email": email, "password": GOOD_PASSWORD, "full_name": "Người Gửi Thư" });
    assert_eq!(app.post_json("/api/v1/auth/register", &body).await.status, 202);
}

fn outbox(app: &TestApp) -> Vec<OutboxEmail> {
    app.with_connection(|c| pakn::db::outbox::list(c, None, None, 1000)).expect("the outbox")
}

/// Waits until every message in the outbox satisfies `done`.
async fn wait_until(app: &TestApp, what: &str, done: impl Fn(&[OutboxEmail]) -> bool) -> Vec<OutboxEmail> {
    for _ in 0..400 {
        let rows = outbox(app);
        if done(&rows) {
            return rows;
        }
        actix_web::rt::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("timed out waiting until {what}: {:?}", outbox(app));
}

#[actix_web::test]
async fn a_queued_email_is_delivered_once_and_its_body_no_longer_kept() {
    let app = spawn_app().await;
    register(&app, "once@example.vn").await;
    let mail = app.mailbox.next_for("once@example.vn", 0).await;
    let rows = wait_until(&app, "sent", |rows| rows.iter().all(|r| r.status == "sent")).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(mail.message_id(), format!("{}@pakn", rows[0].id), "the Message-ID names the outbox entry");
    assert_eq!((rows[0].attempts, rows[0].body_text.as_str()), (1, ""), "the one-time link is not kept once sent");
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(app.mailbox.messages().len(), 1, "and never sent again");
}

#[actix_web::test]
async fn mail_queued_while_the_server_is_down_is_delivered_once_it_comes_back() {
    let mailbox = Mailbox::not_listening_yet(Mailbox::free_port());
    let app = spawn_app_with(Arc::new(SystemClock), mailbox).await;
    register(&app, "patient@example.vn").await;
    let rows = wait_until(&app, "an attempt failed", |rows| rows.iter().any(|r| r.attempts >= 1)).await;
    assert_eq!(rows[0].status, "pending", "a refused connection is retried");
    assert!(rows[0].last_error.is_some());

    app.mailbox.listen();
    let mail = app.mailbox.next_for("patient@example.vn", 0).await;
    assert_eq!(mail.subject(), "Xác nhận địa chỉ thư điện tử của bạn");
    wait_until(&app, "sent", |rows| rows.iter().all(|r| r.status == "sent")).await;
    actix_web::rt::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(app.mailbox.messages().len(), 1, "nothing lost, nothing sent twice");
}

#[actix_web::test]
async fn requests_are_answered_while_long_job_rounds_hold_the_jobs_connections_and_the_mail_waits_its_turn() {
    let app = spawn_app().await;
    // As the first rounds over a million petitions do, for minutes, after a start.
    let held: Vec<_> = (0..app.config.db_background_pool_size)
        .map(|_| app.context.background_pool.get().expect("a connection of the jobs"))
        .collect();
    register(&app, "turn@example.vn").await;
    assert_eq!(app.get("/health/ready").await.status, 200, "the requests' connections are their own");
    actix_web::rt::time::sleep(Duration::from_millis(500)).await;
    assert!(app.mailbox.messages().is_empty(), "the outbox takes no request's connection");

    drop(held);
    app.mailbox.next_for("turn@example.vn", 0).await;
    wait_until(&app, "sent", |rows| rows.iter().all(|r| r.status == "sent")).await;
}

#[actix_web::test]
async fn a_temporary_refusal_is_retried_until_the_server_accepts() {
    let app = spawn_app().await;
    app.mailbox.refuse_next(2);
    register(&app, "busy@example.vn").await;
    app.mailbox.next_for("busy@example.vn", 0).await;
    let rows = wait_until(&app, "sent", |rows| rows.iter().all(|r| r.status == "sent")).await;
    assert_eq!(rows[0].attempts, 3, "two 451s, then delivered");
    assert_eq!(app.mailbox.messages().len(), 1);
}

#[actix_web::test]
async fn undeliverable_mail_is_set_aside_as_failed_and_an_administrator_retries_it() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    app.mailbox.reject_next(1);
    register(&app, "bounce@example.vn").await;
    let rows = wait_until(&app, "failed", |rows| rows.iter().any(|r| r.status == "failed")).await;
    assert_eq!(rows.iter().find(|r| r.status == "failed").unwrap().attempts, 1, "a 550 is not retried blindly");

    let failed = app.get_as(&admin.access_token, "/api/v1/admin/emails?status=failed").await.json();
    assert_eq!(failed["total"], 1);
    let entry = &failed["items"][0];
    assert_eq!(entry["to_address"], "bounce@example.vn");
    assert!(entry["last_error"].as_str().unwrap().contains("550"));
    assert!(entry.get("body_text").is_none(), "administrators never see bodies");

    let path = format!("/api/v1/admin/emails/{}/retry", entry["id"].as_str().unwrap());
    let retried = app.send_json_as(&admin.access_token, "POST", &path, &json!({})).await.json();
    assert_eq!((retried["status"].as_str(), retried["attempts"].as_i64()), (Some("pending"), Some(0)));
    app.mailbox.next_for("bounce@example.vn", 0).await;
    wait_until(&app, "sent", |rows| rows.iter().all(|r| r.status == "sent")).await;
    app.send_json_as(&admin.access_token, "POST", &path, &json!({})).await.assert_problem(409, "conflict");
}

#[actix_web::test]
async fn after_the_configured_attempts_a_refused_message_fails() {
    let app = spawn_app().await; // PAKN_MAIL_MAX_ATTEMPTS=4 in tests
    app.mailbox.refuse_next(100);
    register(&app, "never@example.vn").await;
    let rows = wait_until(&app, "failed", |rows| rows.iter().all(|r| r.status == "failed")).await;
    assert_eq!(rows[0].attempts, 4);
    assert!(app.mailbox.messages().is_empty());
}

#[actix_web::test]
async fn several_workers_deliver_every_message_exactly_once() {
    let app = spawn_app().await;
    let now = app.context.now();
    app.with_connection(|c| {
        for n in 0..40 {
            let content = EmailContent {
                subject: format!("Thư số {n}"),
                text: "nội dung".into(),
                html: "<p>nội dung</p>".into(),
            };
            pakn::service::outbox::enqueue(c, &format!("many{n}@example.vn"), None, &content, now).expect("queued");
        }
    });
    // Two more workers, as two more pakn processes would run, beside the app's own.
    let extra: Vec<_> =
        (0..2).map(|_| pakn::startup::start_outbox_worker(&app.config, &app.context).expect("a worker")).collect();
    wait_until(&app, "all sent", |rows| rows.len() == 40 && rows.iter().all(|r| r.status == "sent")).await;
    drop(extra);
    let messages = app.mailbox.messages();
    let ids: HashSet<String> = messages.iter().map(super::mailbox::ReceivedMail::message_id).collect();
    assert_eq!((messages.len(), ids.len()), (40, 40), "forty messages, each once");
}
