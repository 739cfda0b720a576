//! Login load: how many logins per second pakn serves, and whether the rest of the API stays fast
//! meanwhile (the p99 of `GET /health/ready`) while 32 clients log in without pause.
//!
//! `cargo bench --bench login_load` — SQLite in a temporary folder by default;
//! `BENCH_DATABASE_URL=postgres://…/db` for PostgreSQL (the database must exist and be empty);
//! `BENCH_SECONDS` (default 20), `BENCH_CLIENTS` (default 32), `PAKN_PASSWORD_HASH_CONCURRENCY`.
//! The server runs in this process on the same cores as the load it is measured under.

// A benchmark harness: a failed setup stops the run, as a failing test would.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::{Duration, Instant};

use pakn::clock::{Clock, SystemClock};
use pakn::domain::account::{Email, PasswordHash};

const PASSWORD: &str = "a benchmark password of some length";

fn main() {
    let seconds = support::seconds();
    let clients: usize = std::env::var("BENCH_CLIENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(32);
    let bench = support::prepare(&[]);

    // One verified account per client, created directly (registration is not what is measured).
    let hash = PasswordHash::new(pakn::security::passwords::hash_now(PASSWORD).expect("a hash"));
    let emails: Vec<String> = (0..clients).map(|n| format!("bench{n}@example.vn")).collect();
    {
        let mut connection = bench.pool.get().expect("a connection");
        for email in &emails {
            let email = Email::parse(email).expect("an address");
            pakn::service::accounts::users::create_admin(
                &mut connection,
                &email,
                "Bench",
                hash.clone(),
                SystemClock.now_utc(),
            )
            .expect("a user");
        }
    }

    let system = actix_web::rt::System::new();
    system.block_on(async {
        let address = bench.serve(bench.context());
        let deadline = Instant::now() + Duration::from_secs(seconds);
        let mut logins = Vec::new();
        for email in emails {
            let address = address.clone();
            logins.push(actix_web::rt::spawn(async move {
                let client = awc::Client::builder().timeout(Duration::from_secs(30)).finish();
                let body = serde_json::json!({ "email": email, "password": PASSWORD });
                let (mut latencies, mut failures) = (Vec::new(), 0usize);
                while Instant::now() < deadline {
                    let started = Instant::now();
                    match client.post(format!("{address}/api/v1/auth/login")).send_json(&body).await {
                        Ok(mut response) if response.status().is_success() => {
                            let _ = response.body().await;
                            latencies.push(started.elapsed());
                        }
                        _ => failures += 1,
                    }
                }
                (latencies, failures)
            }));
        }
        let probe_address = address.clone();
        let probe = actix_web::rt::spawn(async move {
            let client = awc::Client::default();
            let (mut latencies, mut failures) = (Vec::new(), 0usize);
            while Instant::now() < deadline {
                let started = Instant::now();
                match client.get(format!("{probe_address}/health/ready")).send().await {
                    Ok(mut response) if response.status().is_success() => {
                        let _ = response.body().await;
                        latencies.push(started.elapsed());
                    }
                    _ => failures += 1,
                }
                actix_web::rt::time::sleep(Duration::from_millis(20)).await;
            }
            (latencies, failures)
        });

        let (mut login_latencies, mut login_failures) = (Vec::new(), 0);
        for task in logins {
            let (latencies, failures) = task.await.expect("a client");
            login_latencies.extend(latencies);
            login_failures += failures;
        }
        let (mut ready, ready_failures) = probe.await.expect("the probe");
        login_latencies.sort();
        ready.sort();
        println!(
            "login load: {clients} clients for {seconds} s on {}, password-hash concurrency {}",
            bench.backend, bench.config.password_hash_concurrency
        );
        println!("  logins: {}, {login_failures} failed", support::summary(&login_latencies, seconds));
        println!("  GET /health/ready meanwhile: {}, {ready_failures} failed", support::summary(&ready, seconds));
    });
}
