//! Login load: how many logins per second pakn serves, and whether the rest of the API stays fast
//! meanwhile (the p99 of `GET /health/ready`) while 32 clients log in without pause.
//!
//! `cargo bench --bench login_load` — SQLite in a temporary folder by default;
//! `BENCH_DATABASE_URL=postgres://…/db` for PostgreSQL (the database must exist and be empty);
//! `BENCH_SECONDS` (default 20), `BENCH_CLIENTS` (default 32), `PAKN_PASSWORD_HASH_CONCURRENCY`.
//! The server runs in this process on the same cores as the load it is measured under.

use std::collections::HashMap;
use std::net::TcpListener;
use std::sync::Arc;
use std::time::{Duration, Instant};

use pakn::clock::SystemClock;
use pakn::config::Config;
use pakn::domain::account::Email;
use pakn::startup::{self, ServeSettings};

const PASSWORD: &str = "a benchmark password of some length";

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

fn main() {
    let seconds: u64 = std::env::var("BENCH_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(20);
    let clients: usize = std::env::var("BENCH_CLIENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(32);
    let folder = std::env::temp_dir().join(format!("pakn-bench-{}", uuid::Uuid::new_v4().simple()));
    let database_url = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", folder.join("pakn.db").display()));
    let hash_concurrency = std::env::var("PAKN_PASSWORD_HASH_CONCURRENCY").unwrap_or_else(|_| "1".into());
    let vars = HashMap::from([
        ("PAKN_DATABASE_URL", database_url.clone()),
        ("PAKN_DATA_DIR", folder.display().to_string()),
        ("PAKN_JWT_SECRET", "a benchmark secret that is long enough for HS256".to_string()),
        ("PAKN_PASSWORD_HASH_CONCURRENCY", hash_concurrency.clone()),
    ]);
    let config = Config::from_lookup(|name| vars.get(name).cloned()).expect("a valid configuration");
    let pool = startup::prepare_database(&config).expect("a database");

    // One verified citizen per client, created directly (registration is not what is measured).
    let hash = pakn::security::passwords::hash_now(PASSWORD).expect("a hash");
    let emails: Vec<String> = (0..clients).map(|n| format!("bench{n}@example.vn")).collect();
    {
        let mut connection = pool.get().expect("a connection");
        for email in &emails {
            let email = Email::parse(email).expect("an address");
            pakn::service::users::create_admin(&mut connection, &email, "Bench", &hash, pakn::db::now_utc())
                .expect("a user");
        }
    }

    let system = actix_web::rt::System::new();
    system.block_on(async move {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
        let address = format!("http://{}", listener.local_addr().expect("an address"));
        let context = startup::context(&config, pool, Arc::new(SystemClock)).expect("a context");
        let settings = ServeSettings::from_config(&config);
        let server = startup::serve(listener, context, settings).expect("a server");
        actix_web::rt::spawn(server);

        let deadline = Instant::now() + Duration::from_secs(seconds);
        let mut logins = Vec::new();
        for email in emails {
            let address = address.clone();
            logins.push(actix_web::rt::spawn(async move {
                let client = awc::Client::builder().timeout(Duration::from_secs(30)).finish();
                let body = serde_json::json!({ "email": email, "password": PASSWORD });
                let mut latencies = Vec::new();
                let mut failures = 0usize;
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
            let mut latencies = Vec::new();
            let mut failures = 0usize;
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

        let mut login_latencies = Vec::new();
        let mut login_failures = 0;
        for task in logins {
            let (latencies, failures) = task.await.expect("a client");
            login_latencies.extend(latencies);
            login_failures += failures;
        }
        let (mut ready, ready_failures) = probe.await.expect("the probe");
        login_latencies.sort();
        ready.sort();
        let backend = if database_url.starts_with("postgres") { "PostgreSQL" } else { "SQLite" };
        println!(
            "login load: {clients} clients for {seconds} s on {backend}, password-hash concurrency {hash_concurrency}"
        );
        println!(
            "  logins: {} ok ({:.1}/s), {login_failures} failed; latency p50 {}, p99 {}",
            login_latencies.len(),
            login_latencies.len() as f64 / seconds as f64,
            ms(percentile(&login_latencies, 0.50)),
            ms(percentile(&login_latencies, 0.99)),
        );
        println!(
            "  GET /health/ready meanwhile: {} probes, {ready_failures} failed; p50 {}, p99 {}, max {}",
            ready.len(),
            ms(percentile(&ready, 0.50)),
            ms(percentile(&ready, 0.99)),
            ms(ready.last().copied().unwrap_or_default()),
        );
    });
    let _ = std::fs::remove_dir_all(&folder);
}
