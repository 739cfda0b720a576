//! PostgreSQL hangs while pakn runs (a proxy between them stalls mid-filing: every connection
//! stays open, no byte goes either way, no RST, no FIN): every request is answered 503 with
//! `Retry-After` in the problem shape within a bound, never a 500 or a hang; `/health/ready` says
//! not ready within its bound; and when the database answers again pakn serves by itself, its
//! background jobs carry on, and retried filings leave each petition once.

use std::time::{Duration, Instant};

use actix_web::rt::time::sleep;
use futures_util::future::{join, join_all};

use super::process::{Answer, Pakn, assert_unavailable, call, citizen, client, count, file, timed};
use super::proxy::Proxy;
use crate::helpers::TestDatabase;
use crate::mailbox::Mailbox;

/// The deadline on a request's database work (`PAKN_DB_QUERY_TIMEOUT_SECONDS`) and on the wait
/// for a connection; readiness has its own 2 s. The bound on any answer while the database hangs
/// is that and slack for a loaded 2-core machine.
const QUERY_TIMEOUT: &str = "2";
const CONNECT_TIMEOUT: &str = "2";
const ANSWER_BOUND: Duration = Duration::from_secs(5);

const IN_FLIGHT: usize = 10;
/// The filing made while the database hangs.
const DURING: usize = 99;

async fn timed_file(pakn: &Pakn, token: &str, i: usize) -> (Result<Answer, String>, Duration) {
    let title = format!("Đèn đường kiệt số {i} không sáng");
    timed(file(&client(), &pakn.address, token, &format!("hang-filing-{i}"), &title)).await
}

async fn get(pakn: &Pakn, token: &str, path: &str) -> (Answer, Duration) {
    timed(call(pakn, "GET", path, Some(token), None, &[])).await
}

/// Unavailable, and said so within the bound: a hanging database must not hang the answer.
fn assert_prompt_unavailable(answer: &Answer, took: Duration, what: &str) {
    assert_unavailable(answer, what);
    assert!(took < ANSWER_BOUND, "{what} answered in {took:?}");
}

/// Whether `job` finished a round after the log reached `from` bytes.
fn round_finished_since(pakn: &Pakn, from: usize, job: &str) -> bool {
    pakn.log().get(from..).unwrap_or_default().lines().any(|line| line.contains("round finished") && line.contains(job))
}

#[actix_web::test]
async fn postgresql_hanging_while_pakn_runs_is_a_prompt_503_and_pakn_serves_again_when_it_answers() {
    let (_database, url, folder) = TestDatabase::create();
    if url.starts_with("sqlite://") {
        eprintln!("skipped: an embedded SQLite cannot hang on a network; run with TEST_DATABASE_URL=postgres://…");
        return;
    }
    let (proxy, through_proxy) = Proxy::in_front_of(&url);
    let mailbox = Mailbox::start();
    let settings = [
        ("PAKN_DB_CONNECT_TIMEOUT_SECONDS", CONNECT_TIMEOUT),
        ("PAKN_DB_QUERY_TIMEOUT_SECONDS", QUERY_TIMEOUT),
        ("PAKN_SWEEP_SECONDS", "1"),
        ("RUST_LOG", "info,pakn::jobs=debug"),
    ];
    let pakn = Pakn::start_with(&through_proxy, &folder, &mailbox, &settings).await;
    let token = citizen(&pakn, &mailbox, "den.duong@example.vn").await;
    let (first, _) = timed_file(&pakn, &token, 0).await;
    let first = first.expect("an answer");
    assert_eq!(first.status, 201, "{}", first.text());
    let first = first.json();

    // Ten filings ten milliseconds apart; the database hangs while they are in flight.
    let filings = (1..=IN_FLIGHT).map(|i| {
        let (pakn, token) = (&pakn, &token);
        async move {
            sleep(Duration::from_millis(10 * i as u64)).await;
            timed_file(pakn, token, i).await
        }
    });
    let staller = async {
        sleep(Duration::from_millis(60)).await;
        proxy.stall();
    };
    let (answers, ()) = join(join_all(filings), staller).await;
    let mut acknowledged = vec![None; IN_FLIGHT + 1];
    let mut slowest = Duration::ZERO;
    for (i, (answer, took)) in answers.iter().enumerate() {
        let answer = answer.as_ref().unwrap_or_else(|e| panic!("filing {} not answered: {e}\n{}", i + 1, pakn.log()));
        slowest = slowest.max(*took);
        if answer.status == 201 {
            acknowledged[i + 1] = answer.json()["id"].as_str().map(str::to_string);
            assert!(*took < ANSWER_BOUND, "filing {} answered in {took:?}", i + 1);
        } else {
            assert_prompt_unavailable(answer, *took, &format!("filing {} in flight", i + 1));
        }
    }

    // While it hangs: reads, the public page, a new filing and readiness, asked at once.
    let id = first["id"].as_str().expect("an id");
    let code = first["tracking_code"].as_str().expect("a code");
    let reads = [
        "/api/v1/me/petitions".to_string(),
        format!("/api/v1/petitions/{id}"),
        format!("/api/v1/public/petitions/{code}"),
        "/health/ready".to_string(),
    ];
    let (answers, (filing, filing_took)) =
        join(join_all(reads.iter().map(|path| get(&pakn, &token, path))), timed_file(&pakn, &token, DURING)).await;
    for (path, (answer, took)) in reads.iter().zip(&answers) {
        assert_prompt_unavailable(answer, *took, path);
        slowest = slowest.max(*took);
    }
    assert_prompt_unavailable(&filing.expect("an answer"), filing_took, "a new filing");
    slowest = slowest.max(filing_took);
    // Asked again once every thread that was free is stuck: still prompt, still 503.
    let (ready, took) = get(&pakn, &token, "/health/ready").await;
    assert_prompt_unavailable(&ready, took, "/health/ready again");
    let (live, took) = get(&pakn, &token, "/health/live").await;
    assert_eq!(live.status, 200, "the process itself is fine");
    assert!(took < Duration::from_secs(1), "/health/live answered in {took:?}");

    // The database answers again; nobody restarts pakn.
    let log_at_resume = pakn.log().len();
    proxy.resume();
    let back = Instant::now();
    while get(&pakn, &token, "/health/ready").await.0.status != 200 {
        assert!(back.elapsed() < Duration::from_secs(15), "pakn did not recover:\n{}", pakn.log());
        sleep(Duration::from_millis(100)).await;
    }
    let ready_after = back.elapsed();

    // The background jobs carry on: the sweep finishes rounds, the outbox delivers a new mail.
    let second = citizen(&pakn, &mailbox, "nguoi.thu.hai@example.vn").await;
    while !(round_finished_since(&pakn, log_at_resume, "pakn-deadlines")
        && round_finished_since(&pakn, log_at_resume, "pakn-outbox"))
    {
        assert!(back.elapsed() < Duration::from_secs(20), "a job did not carry on:\n{}", pakn.log());
        sleep(Duration::from_millis(100)).await;
    }
    assert!(!second.is_empty());
    eprintln!(
        "{} of {IN_FLIGHT} in flight were saved before the stall; slowest answer while it hung {slowest:?}; \
         ready again {ready_after:?} after the resume",
        acknowledged.iter().flatten().count()
    );

    // Every client retries with its key: each petition exists once, the acknowledged ones as told.
    for i in (1..=IN_FLIGHT).chain([DURING]) {
        let (retried, _) = timed_file(&pakn, &token, i).await;
        let retried = retried.expect("an answer");
        assert_eq!(retried.status, 201, "filing {i} retried: {}", retried.text());
        if let Some(Some(told)) = acknowledged.get(i) {
            assert_eq!(retried.json()["id"].as_str(), Some(told.as_str()), "filing {i} is the one acknowledged");
        }
    }
    let expected = IN_FLIGHT + 2;
    assert_eq!(get(&pakn, &token, "/api/v1/me/petitions").await.0.json()["total"], expected);
    assert_eq!(count(&url, "SELECT COUNT(*) AS n FROM petitions"), expected as i64, "none twice");
    assert!(!pakn.log().contains("failed with an internal error"), "no 500 on the way:\n{}", pakn.log());
}
