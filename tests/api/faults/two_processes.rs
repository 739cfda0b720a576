//! Two `pakn serve` processes on one database, as behind a load balancer: citizens and staff go
//! through either, both run the outbox worker, the deadline sweep and the audit sealer, and
//! nothing is sent twice, swept twice or lost to a race; one client's throttle counts across both.

use std::time::{Duration, Instant};

use actix_web::rt::time::sleep;
use futures_util::future::join_all;
use serde_json::{Value, json};

use super::process::{Answer, Pakn, call, citizen, count, execute, texts};
use crate::helpers::{GOOD_PASSWORD, TestDatabase};
use crate::mailbox::Mailbox;
use crate::petitions::feedback;

const PETITIONS: usize = 12;

/// Every round-based job runs each second in both processes, so that they meet often.
const FAST_JOBS: [(&str, &str); 3] =
    [("PAKN_SWEEP_SECONDS", "1"), ("PAKN_AUDIT_SEAL_SECONDS", "1"), ("PAKN_MAIL_RETRY_BASE_MILLISECONDS", "100")];

/// Two processes on `url`, started one after the other (the first migrates), sharing one data
/// folder as they would share one attachment store.
pub async fn two_processes(url: &str, folder: &std::path::Path, mailbox: &Mailbox) -> [Pakn; 2] {
    let first = Pakn::start_with(url, folder, mailbox, &FAST_JOBS).await;
    let second = Pakn::start_with(url, folder, mailbox, &FAST_JOBS).await;
    [first, second]
}

async fn login(pakn: &Pakn, email: &str) -> String {
    let tokens =
        call(pakn, "POST", "/api/v1/auth/login", None, Some(json!({ "email": email, "password": GOOD_PASSWORD })), &[])
            .await;
    assert_eq!(tokens.status, 200, "{}", tokens.text());
    tokens.json()["access_token"].as_str().expect("a token").to_string()
}

/// The first administrator, made as an operator makes one: `pakn create-admin`, password on stdin.
fn create_admin(url: &str, folder: &std::path::Path, email: &str) {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pakn"))
        .args(["create-admin", "--email", email])
        .env("PAKN_DATABASE_URL", url)
        .env("PAKN_DATA_DIR", folder)
        .env("RUST_LOG", "warn")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("pakn runs");
    child.stdin.take().expect("stdin").write_all(format!("{GOOD_PASSWORD}\n").as_bytes()).expect("the password");
    assert!(child.wait().expect("pakn ends").success(), "create-admin");
}

/// Invited through one process, accepted through the other, signed in through the first.
async fn staff(
    invites: &Pakn,
    accepts: &Pakn,
    mailbox: &Mailbox,
    admin: &str,
    role: &str,
    agency: &str,
) -> (String, String) {
    let email = format!("{role}@hue.gov.vn");
    let invitation =
        json!({ "email": email, "full_name": format!("Cán bộ {role}"), "role": role, "agency_id": agency });
    let invited = call(invites, "POST", "/api/v1/admin/users", Some(admin), Some(invitation), &[]).await;
    assert_eq!(invited.status, 201, "{}", invited.text());
    let token = mailbox.next_for(&email, 0).await.token();
    let accepted = call(
        accepts,
        "POST",
        "/api/v1/auth/accept-invitation",
        None,
        Some(json!({ "token": token, "password": GOOD_PASSWORD })),
        &[],
    )
    .await;
    assert_eq!(accepted.status, 204, "{}", accepted.text());
    (login(invites, &email).await, email)
}

/// Accepting `petition` through both processes at the same instant, with the version both read.
async fn accept_through_both(pair: &[Pakn; 2], officer: &str, petition: &Value) -> [u16; 2] {
    let path = format!("/api/v1/petitions/{}/accept", petition["id"].as_str().expect("an id"));
    let version = format!("\"{}\"", petition["version"]);
    let (body, headers) = (json!({ "complexity": "normal" }), [("if-match", version.as_str())]);
    let (a, b) = futures_util::future::join(
        call(&pair[0], "POST", &path, Some(officer), Some(body.clone()), &headers),
        call(&pair[1], "POST", &path, Some(officer), Some(body), &headers),
    )
    .await;
    for answer in [&a, &b].into_iter().filter(|a| a.status != 200) {
        assert_eq!(answer.status, 409, "{}", answer.text());
        let code = answer.json()["code"].as_str().unwrap_or_default().to_string();
        assert!(code == "edit_conflict" || code == "wrong_status", "{}", answer.text());
    }
    [a.status, b.status]
}

/// Waits until every queued e-mail was sent and the SMTP server received as many.
pub async fn until_the_outbox_is_delivered(url: &str, mailbox: &Mailbox) {
    let started = Instant::now();
    loop {
        let queued = count(url, "SELECT COUNT(*) AS n FROM outbox_emails");
        let sent = count(url, "SELECT COUNT(*) AS n FROM outbox_emails WHERE status = 'sent'");
        if sent == queued && mailbox.messages().len() as i64 >= queued {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{sent} of {queued} sent, {} received",
            mailbox.messages().len()
        );
        sleep(Duration::from_millis(50)).await;
    }
}

/// Every Message-ID the SMTP server received names an outbox entry (`<id>@pakn`), and every
/// entry arrived exactly once.
pub fn assert_each_email_delivered_once(url: &str, mailbox: &Mailbox) {
    let mut received: Vec<String> = mailbox.messages().iter().map(crate::mailbox::ReceivedMail::message_id).collect();
    let mut queued: Vec<String> =
        texts(url, "SELECT id AS v FROM outbox_emails").into_iter().map(|id| format!("{id}@pakn")).collect();
    received.sort();
    queued.sort();
    assert_eq!(received, queued, "each queued e-mail delivered once, none twice");
}

/// Today in Huế, and `days` from it, as the database writes a date.
fn day_in_hue(days: i64) -> String {
    let today = (chrono::Utc::now() + chrono::TimeDelta::hours(7)).date_naive();
    (today + chrono::TimeDelta::days(days)).format("%Y-%m-%d").to_string()
}

#[actix_web::test]
async fn two_processes_on_one_database_send_every_email_once_sweep_every_deadline_once_and_let_one_racing_step_win() {
    let mailbox = Mailbox::start();
    let (_database, url, folder) = TestDatabase::create();
    let pair = two_processes(&url, &folder, &mailbox).await;
    create_admin(&url, &folder, "admin@hue.gov.vn");
    let admin = login(&pair[1], "admin@hue.gov.vn").await;
    let triage = texts(&url, "SELECT id AS v FROM agencies WHERE code = 'hue-ban-tiep-cong-dan'").remove(0);
    let (officer, _) = staff(&pair[0], &pair[1], &mailbox, &admin, "officer", &triage).await;
    let (_, head) = staff(&pair[1], &pair[0], &mailbox, &admin, "head", &triage).await;
    let citizen = citizen(&pair[0], &mailbox, "dan@example.vn").await;

    // A dozen filings at once, every other one through the other process.
    let filings = (0..PETITIONS).map(|i| {
        let body = feedback(&format!("Rác thải ven sông, đoạn số {i}"));
        call(&pair[i % 2], "POST", "/api/v1/petitions", Some(citizen.as_str()), Some(body), &[])
    });
    let filed: Vec<Value> = join_all(filings)
        .await
        .into_iter()
        .map(|answer| {
            assert_eq!(answer.status, 201, "{}", answer.text());
            answer.json()
        })
        .collect();

    // The officer's two browser tabs reach different processes and accept each petition at once:
    // one acceptance wins, the other is told the petition changed.
    for petition in &filed {
        let mut statuses = accept_through_both(&pair, &officer, petition).await;
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 409], "one of two racing steps wins");
    }
    assert_eq!(count(&url, "SELECT COUNT(*) AS n FROM events WHERE kind = 'petition.accepted'"), PETITIONS as i64);
    assert_eq!(
        count(&url, "SELECT COUNT(*) AS n FROM petitions WHERE version = 2"),
        PETITIONS as i64,
        "no lost update"
    );

    // Every receipt, invitation and confirmation so far, once.
    until_the_outbox_is_delivered(&url, &mailbox).await;
    assert_each_email_delivered_once(&url, &mailbox);
    let head_mail_before = mailbox.messages_to(&head).len();

    // Days pass (the binary reads the system clock): half the deadlines have gone by, the other
    // half are two days off. Both sweeps find them in the same second.
    let ids = |parity: usize| {
        let chosen: Vec<String> = filed
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == parity)
            .map(|(_, p)| format!("'{}'", p["id"].as_str().expect("an id")))
            .collect();
        chosen.join(", ")
    };
    let (yesterday, today, soon) = (day_in_hue(-1), day_in_hue(0), day_in_hue(2));
    execute(
        &url,
        &format!("UPDATE petitions SET next_due = '{yesterday}', next_sweep_on = '{today}' WHERE id IN ({})", ids(0)),
    );
    execute(
        &url,
        &format!("UPDATE petitions SET next_due = '{soon}', next_sweep_on = '{today}' WHERE id IN ({})", ids(1)),
    );
    let swept = "SELECT COUNT(*) AS n FROM events WHERE kind IN ('petition.overdue', 'petition.deadline_near')";
    let started = Instant::now();
    while count(&url, swept) < PETITIONS as i64 {
        assert!(started.elapsed() < Duration::from_secs(10), "swept {} of {PETITIONS}", count(&url, swept));
        sleep(Duration::from_millis(100)).await;
    }
    // Two more rounds of each sweep find nothing left to do.
    sleep(Duration::from_millis(2500)).await;
    assert_eq!(count(&url, swept), PETITIONS as i64, "one reminder or overdue notice per petition");
    let distinct = "SELECT COUNT(DISTINCT subject_id) AS n FROM events WHERE kind IN ('petition.overdue', 'petition.deadline_near')";
    assert_eq!(count(&url, distinct), PETITIONS as i64);
    until_the_outbox_is_delivered(&url, &mailbox).await;
    assert_eq!(
        mailbox.messages_to(&head).len() - head_mail_before,
        PETITIONS,
        "the head is told of each deadline once"
    );
    assert_each_email_delivered_once(&url, &mailbox);

    // Both sealers chained the same log: it still verifies.
    let verified = std::process::Command::new(env!("CARGO_BIN_EXE_pakn"))
        .args(["audit", "verify"])
        .env("PAKN_DATABASE_URL", &url)
        .env("PAKN_DATA_DIR", &folder)
        .env("RUST_LOG", "warn")
        .output()
        .expect("pakn runs");
    assert!(verified.status.success(), "{}", String::from_utf8_lossy(&verified.stderr));
}

/// A public status lookup of a tracking code nobody was given.
async fn lookup(pakn: &Pakn, i: usize) -> Answer {
    call(pakn, "GET", &format!("/api/v1/public/petitions/PA-{i:05}-GUESS"), None, None, &[]).await
}

#[actix_web::test]
async fn two_processes_on_one_database_count_one_clients_missed_lookups_together() {
    let mailbox = Mailbox::start();
    let (_database, url, folder) = TestDatabase::create();
    let pair = two_processes(&url, &folder, &mailbox).await;

    // Twenty misses are answered (the twentieth starts the wait); ten go to each process.
    for i in 0..20 {
        assert_eq!(lookup(&pair[i % 2], i).await.status, 404);
    }
    // Had each process counted alone, each would have seen ten and let the next pass.
    for pakn in &pair {
        let refused = lookup(pakn, 99).await;
        assert_eq!(refused.status, 429, "{}", refused.text());
        assert_eq!(refused.json()["code"], "rate_limited");
        assert!(refused.headers.contains_key("retry-after"));
    }
}
