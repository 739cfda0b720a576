//! The mail server down for a while, then back, under two pakn processes: each process's outbox
//! worker tries, fails and backs off; once the server listens, every queued e-mail arrives
//! exactly once. (`tests/api/outbox.rs` proves the same for one message in one process.)

use std::time::{Duration, Instant};

use actix_web::rt::time::sleep;
use serde_json::json;

use super::process::{call, count};
use super::two_processes::{assert_each_email_delivered_once, two_processes, until_the_outbox_is_delivered};
use crate::helpers::{GOOD_PASSWORD, TestDatabase};
use crate::mailbox::Mailbox;

const PEOPLE: usize = 6;

#[actix_web::test]
async fn mail_queued_while_the_mail_server_is_down_reaches_everyone_once_when_it_returns() {
    let mailbox = Mailbox::not_listening_yet(Mailbox::free_port());
    let (_database, url, folder) = TestDatabase::create();
    let pair = two_processes(&url, &folder, &mailbox).await;

    // Six people register, through either process: six confirmation e-mails queued.
    for i in 0..PEOPLE {
        let body =
            json!({ "email": format!("nguoi{i}@example.vn"), "password": GOOD_PASSWORD, "full_name": "Lê Văn Chờ" });
        let registered = call(&pair[i % 2], "POST", "/api/v1/auth/register", None, Some(body), &[]).await;
        assert_eq!(registered.status, 202, "{}", registered.text());
    }

    // Every one of them was tried and refused: the server is down, not just slow to be asked.
    let started = Instant::now();
    while count(&url, "SELECT COUNT(*) AS n FROM outbox_emails WHERE attempts >= 1 AND status = 'pending'")
        < PEOPLE as i64
    {
        assert!(started.elapsed() < Duration::from_secs(10), "not every e-mail was tried");
        sleep(Duration::from_millis(50)).await;
    }
    sleep(Duration::from_millis(500)).await;
    assert!(mailbox.messages().is_empty());

    mailbox.listen();
    until_the_outbox_is_delivered(&url, &mailbox).await;
    // Both workers keep polling; nothing comes twice.
    sleep(Duration::from_millis(500)).await;
    assert_eq!(mailbox.messages().len(), PEOPLE);
    assert_each_email_delivered_once(&url, &mailbox);
}
