//! pakn killed (SIGKILL) while fifty citizens file, and stopped (SIGTERM) with a filing in
//! flight: everything a citizen was told is saved is there after a restart, complete and once. On
//! a stop, the background jobs are asked at once and each round sees it, however long it would run.

use std::cell::Cell;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use actix_web::rt::time::sleep;
use futures_util::future::join_all;
use pakn::db::{DatabaseUrl, PoolSettings};
use pakn::jobs::{self, BackgroundJob};
use pakn::service::shutdown::Shutdown;

use super::process::{Pakn, citizen, client, count, file, send, sqlite_file};
use crate::helpers::TestDatabase;
use crate::mailbox::Mailbox;
use crate::petitions::feedback;

const FILERS: usize = 50;

fn title(i: usize) -> String {
    format!("Đơn thử nghiệm số {i} về rác thải ven sông")
}

/// Every petition filed by the test's citizen is readable and has its receipt queued or sent,
/// and none exists twice.
async fn assert_each_filed_once(pakn: &Pakn, url: &str, token: &str, email: &str, ids: &[String], mails_before: i64) {
    let client = client();
    let bearer = format!("Bearer {token}");
    for id in ids {
        let read = send(
            &client,
            "GET",
            &format!("{}/api/v1/petitions/{id}", pakn.address),
            &[("authorization", &bearer)],
            None,
        )
        .await
        .expect("an answer");
        assert_eq!(read.status, 200, "petition {id}: {}", read.text());
    }
    assert_eq!(count(url, "SELECT COUNT(*) AS n FROM petitions"), ids.len() as i64, "no petition twice");
    assert_eq!(count(url, "SELECT COUNT(DISTINCT title) AS n FROM petitions"), ids.len() as i64);
    assert_eq!(count(url, "SELECT COUNT(*) AS n FROM idempotency_keys"), ids.len() as i64);
    let mails = count(url, &format!("SELECT COUNT(*) AS n FROM outbox_emails WHERE to_address = '{email}'"));
    assert_eq!(mails - mails_before, ids.len() as i64, "one receipt each, queued or sent");
}

#[actix_web::test]
async fn pakn_killed_while_fifty_citizens_file_keeps_every_acknowledged_petition_and_files_none_twice() {
    let mailbox = Mailbox::start();
    let (_database, url, folder) = TestDatabase::create();
    let mut first = Pakn::start(&url, &folder, &mailbox).await;
    let email = "kien.tri@example.vn";
    let token = citizen(&first, &mailbox, email).await;
    let mails_before = count(&url, &format!("SELECT COUNT(*) AS n FROM outbox_emails WHERE to_address = '{email}'"));

    // Fifty clients start filing a few milliseconds apart; pakn is killed once ten were told 201.
    let client = client();
    let acknowledged = Cell::new(0);
    let filers = (0..FILERS).map(|i| {
        let (client, address, token, acknowledged) = (&client, first.address.clone(), &token, &acknowledged);
        async move {
            sleep(Duration::from_millis(15 * i as u64)).await;
            let answer = file(client, &address, token, &format!("filer-{i}"), &title(i)).await;
            if matches!(&answer, Ok(a) if a.status == 201) {
                acknowledged.set(acknowledged.get() + 1);
            }
            answer
        }
    });
    let killer = async {
        while acknowledged.get() < 10 {
            sleep(Duration::from_millis(2)).await;
        }
        first.kill();
    };
    let (first_round, ()) = futures_util::future::join(join_all(filers), killer).await;
    assert!(!first.exit_within(Duration::from_secs(10)).await.success(), "killed");
    let told_saved: Vec<(usize, String)> = first_round
        .iter()
        .enumerate()
        .filter_map(|(i, answer)| match answer {
            Ok(a) if a.status == 201 => Some((i, a.json()["id"].as_str().expect("an id").to_string())),
            Ok(a) => {
                assert_eq!(a.status, 503, "only a 201 or a retryable answer: {}", a.text());
                None
            }
            Err(_) => None,
        })
        .collect();
    assert!(told_saved.len() >= 10 && told_saved.len() < FILERS, "killed mid-way: {} acknowledged", told_saved.len());

    // pakn comes back on the same database; every client not told 201 retries with its key.
    let second = Pakn::start(&url, &folder, &mailbox).await;
    let mut ids = vec![String::new(); FILERS];
    let mut replayed = 0;
    for (i, id) in &told_saved {
        ids[*i] = id.clone();
    }
    let unacknowledged: Vec<usize> = (0..FILERS).filter(|i| ids[*i].is_empty()).collect();
    for i in unacknowledged {
        let retried =
            file(&client, &second.address, &token, &format!("filer-{i}"), &title(i)).await.expect("an answer");
        assert_eq!(retried.status, 201, "{}", retried.text());
        replayed += usize::from(retried.headers.contains_key("idempotent-replayed"));
        ids[i] = retried.json()["id"].as_str().expect("an id").to_string();
    }
    for (i, id) in &told_saved {
        let again = file(&client, &second.address, &token, &format!("filer-{i}"), &title(*i)).await.expect("an answer");
        assert_eq!((again.status, again.json()["id"].as_str()), (201, Some(id.as_str())), "the same petition");
    }
    eprintln!(
        "killed after {} of {FILERS} were acknowledged; {} retried, {replayed} of them had been saved unacknowledged",
        told_saved.len(),
        FILERS - told_saved.len()
    );
    assert_each_filed_once(&second, &url, &token, email, &ids, mails_before).await;
    drop(second);
    if let Some(path) = sqlite_file(&url) {
        assert_eq!(super::locked::integrity_of(&path), "ok");
    }
}

#[actix_web::test]
async fn sigterm_lets_a_filing_in_flight_finish_exits_zero_and_leaves_nothing_half_done() {
    let mailbox = Mailbox::start();
    let (_database, url, folder) = TestDatabase::create();
    let mut pakn = Pakn::start(&url, &folder, &mailbox).await;
    let email = "dung.lai@example.vn";
    let token = citizen(&pakn, &mailbox, email).await;
    let mails_before = count(&url, &format!("SELECT COUNT(*) AS n FROM outbox_emails WHERE to_address = '{email}'"));
    let drip_token = token.clone();

    // A filing whose body arrives in two parts, over a plain socket: it is in flight when
    // SIGTERM comes.
    let (half_sent, is_half_sent) = std::sync::mpsc::channel();
    let address = pakn.address.trim_start_matches("http://").to_string();
    let body = feedback(&title(0)).to_string().into_bytes();
    let in_flight = std::thread::spawn(move || drip_filing(&address, &drip_token, &body, &half_sent));
    is_half_sent.recv_timeout(Duration::from_secs(10)).expect("the first half sent");
    sleep(Duration::from_millis(300)).await;
    pakn.terminate();
    let answer = in_flight.join().expect("the client thread");
    let answer =
        answer.unwrap_or_else(|e| panic!("the filing in flight is not answered ({e}); pakn said:\n{}", pakn.log()));
    let (head, json) = answer.split_once("\r\n\r\n").expect("a head and a body");
    assert!(head.starts_with("HTTP/1.1 201"), "{answer}\npakn said:\n{}", pakn.log());
    let filed: serde_json::Value = serde_json::from_str(json).expect("a petition");
    let exit = pakn.exit_within(Duration::from_secs(45)).await;
    assert!(exit.success(), "a clean stop exits 0: {exit:?}");

    // Nothing half-done: no e-mail left leased by a worker that stopped mid-send, the petition whole.
    assert_eq!(count(&url, "SELECT COUNT(*) AS n FROM outbox_emails WHERE lease_owner IS NOT NULL"), 0);
    let again = Pakn::start(&url, &folder, &mailbox).await;
    let id = filed["id"].as_str().expect("an id").to_string();
    assert_each_filed_once(&again, &url, &token, email, &[id], mails_before).await;
    drop(again);
    if let Some(path) = sqlite_file(&url) {
        assert_eq!(super::locked::integrity_of(&path), "ok");
    }
}

#[test]
fn stopping_the_background_jobs_asks_every_round_at_once_and_each_round_sees_it() {
    let (_database, url, _folder) = TestDatabase::create();
    let url = DatabaseUrl::parse(&url).expect("a database URL");
    let settings = PoolSettings { size: 2, connect_timeout: Duration::from_secs(5), statement_timeout: None };
    let pool = pakn::db::unchecked_pool(&url, &settings);
    // Each round would run for ever, like a first sweep over more than it can finish: it ends only
    // when asked, and then waits (up to ten seconds) to see the other job asked too.
    let (started, asked) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let saw_both_asked = Arc::new(AtomicUsize::new(0));
    let jobs: Vec<BackgroundJob> = (0..2)
        .map(|i| {
            let (started, asked, saw_both_asked) = (started.clone(), asked.clone(), saw_both_asked.clone());
            let round = move |_: &mut pakn::db::DbConnection, shutdown: &Shutdown| {
                started.fetch_add(1, Ordering::SeqCst);
                while !shutdown.has_begun() {
                    std::thread::sleep(Duration::from_millis(20));
                }
                asked.fetch_add(1, Ordering::SeqCst);
                let waited = std::time::Instant::now();
                while asked.load(Ordering::SeqCst) < 2 && waited.elapsed() < Duration::from_secs(10) {
                    std::thread::sleep(Duration::from_millis(20));
                }
                if asked.load(Ordering::SeqCst) == 2 {
                    saw_both_asked.fetch_add(1, Ordering::SeqCst);
                }
            };
            BackgroundJob::start(&format!("pakn-test-{i}"), Duration::from_secs(3600), pool.clone(), round)
                .expect("a job")
        })
        .collect();
    let waited = std::time::Instant::now();
    while started.load(Ordering::SeqCst) < 2 {
        assert!(waited.elapsed() < Duration::from_secs(30), "both rounds start");
        std::thread::sleep(Duration::from_millis(20));
    }

    jobs::stop_all(jobs);
    assert_eq!(asked.load(Ordering::SeqCst), 2, "each round saw the stop");
    assert_eq!(saw_both_asked.load(Ordering::SeqCst), 2, "neither job waited for the other to stop first");
}

/// Sends a filing's head and half its body, says so, then the rest a second and a half later;
/// the whole answer, as text.
fn drip_filing(
    address: &str,
    token: &str,
    body: &[u8],
    half_sent: &std::sync::mpsc::Sender<()>,
) -> std::io::Result<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address)?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let head = format!(
        "POST /api/v1/petitions HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nIdempotency-Key: in-flight\r\n\
         Connection: close\r\n\r\n",
        body.len()
    );
    let (first, second) = body.split_at(body.len() / 2);
    stream.write_all(head.as_bytes())?;
    stream.write_all(first)?;
    stream.flush()?;
    let _ = half_sent.send(());
    std::thread::sleep(Duration::from_millis(1500));
    stream.write_all(second)?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    Ok(answer)
}
