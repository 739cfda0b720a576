//! PostgreSQL gone while pakn runs (a proxy between them cut mid-filing): every request is
//! answered 503 with `Retry-After` in the problem shape within a bound, never a 500 or a hang;
//! `/health/ready` says not ready; and when the database returns pakn serves again by itself.

use std::time::{Duration, Instant};

use actix_web::rt::time::sleep;
use futures_util::future::join_all;

use super::process::{Answer, Pakn, assert_unavailable, call, citizen, client, count, file};
use super::proxy::Proxy;
use crate::helpers::TestDatabase;
use crate::mailbox::Mailbox;

/// How long a request waits for a connection (`PAKN_DB_CONNECT_TIMEOUT_SECONDS`), and the bound
/// on an answer while the database is gone: that wait and a little more.
const CONNECT_TIMEOUT: &str = "2";
const ANSWER_BOUND: Duration = Duration::from_secs(5);

const IN_FLIGHT: usize = 10;

async fn file_number(pakn: &Pakn, token: &str, i: usize) -> Result<Answer, String> {
    file(&client(), &pakn.address, token, &format!("filing-{i}"), &format!("Nước ngập đường kiệt số {i}")).await
}

async fn get(pakn: &Pakn, token: &str, path: &str) -> Answer {
    call(pakn, "GET", path, Some(token), None, &[]).await
}

#[actix_web::test]
async fn postgresql_gone_while_pakn_runs_is_a_prompt_503_and_pakn_serves_again_when_it_returns() {
    let (_database, url, folder) = TestDatabase::create();
    if url.starts_with("sqlite://") {
        eprintln!("skipped: an embedded SQLite cannot go away; run with TEST_DATABASE_URL=postgres://…");
        return;
    }
    let (proxy, through_proxy) = Proxy::in_front_of(&url);
    let mailbox = Mailbox::start();
    let pakn =
        Pakn::start_with(&through_proxy, &folder, &mailbox, &[("PAKN_DB_CONNECT_TIMEOUT_SECONDS", CONNECT_TIMEOUT)])
            .await;
    let token = citizen(&pakn, &mailbox, "mua.lu@example.vn").await;
    let first = file_number(&pakn, &token, 0).await.expect("an answer");
    assert_eq!(first.status, 201, "{}", first.text());
    let first = first.json();

    // Ten filings a few milliseconds apart; the database goes away while they are in flight.
    let started = Instant::now();
    let filings = (1..=IN_FLIGHT).map(|i| {
        let (pakn, token) = (&pakn, &token);
        async move {
            sleep(Duration::from_millis(5 * i as u64)).await;
            file_number(pakn, token, i).await
        }
    });
    let cutter = async {
        sleep(Duration::from_millis(20)).await;
        proxy.cut();
    };
    let (answers, ()) = futures_util::future::join(join_all(filings), cutter).await;
    assert!(started.elapsed() < ANSWER_BOUND * 2, "answered in {:?}", started.elapsed());
    let mut told_saved = 0;
    for (i, answer) in answers.iter().enumerate() {
        let answer = answer.as_ref().unwrap_or_else(|e| panic!("filing {} not answered: {e}\n{}", i + 1, pakn.log()));
        if answer.status == 201 {
            told_saved += 1;
        } else {
            assert_unavailable(answer, &format!("filing {} in flight", i + 1));
        }
    }

    // While it is gone, reads, a filing and the public page, asked at once, are each a prompt 503.
    let id = first["id"].as_str().expect("an id");
    let code = first["tracking_code"].as_str().expect("a code");
    let reads = [
        "/api/v1/me/petitions".to_string(),
        format!("/api/v1/petitions/{id}"),
        format!("/api/v1/public/petitions/{code}"),
    ];
    let asked = Instant::now();
    let (answers, filing) = futures_util::future::join(
        join_all(reads.iter().map(|path| get(&pakn, &token, path))),
        file_number(&pakn, &token, 99),
    )
    .await;
    assert!(asked.elapsed() < ANSWER_BOUND, "answered in {:?}", asked.elapsed());
    for (path, answer) in reads.iter().zip(&answers) {
        assert_unavailable(answer, path);
    }
    assert_unavailable(&filing.expect("an answer"), "a new filing");
    let ready = get(&pakn, &token, "/health/ready").await;
    assert_eq!(ready.status, 503, "not ready without its database: {}", ready.text());
    assert_eq!(get(&pakn, &token, "/health/live").await.status, 200, "the process itself is fine");

    // The database returns; nobody restarts pakn.
    proxy.restore();
    let back = Instant::now();
    while get(&pakn, &token, "/health/ready").await.status != 200 {
        assert!(back.elapsed() < Duration::from_secs(15), "pakn did not recover:\n{}", pakn.log());
        sleep(Duration::from_millis(100)).await;
    }
    eprintln!(
        "{told_saved} of {IN_FLIGHT} in flight were saved before the cut; ready again after {:?}",
        back.elapsed()
    );

    // Every client not told 201 retries with its key: each petition exists once.
    for i in 1..=IN_FLIGHT {
        let retried = file_number(&pakn, &token, i).await.expect("an answer");
        assert_eq!(retried.status, 201, "{}", retried.text());
    }
    assert_eq!(get(&pakn, &token, "/api/v1/me/petitions").await.json()["total"], IN_FLIGHT + 1);
    assert_eq!(count(&url, "SELECT COUNT(*) AS n FROM petitions"), (IN_FLIGHT + 1) as i64, "none twice");
    assert!(!pakn.log().contains("failed with an internal error"), "no 500 on the way:\n{}", pakn.log());
}
