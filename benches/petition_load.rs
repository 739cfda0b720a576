//! Petition load: filings per second (JSON, no files) by concurrent citizens, then the p50/p99 of
//! the public status lookup by tracking code, with 100,000 petitions already in the database.
//!
//! `cargo bench --bench petition_load` (SQLite), or with `BENCH_DATABASE_URL=postgres://…/db`
//! (an existing, empty database). `BENCH_PETITIONS` (default 100000), `BENCH_SECONDS` (20 per
//! phase), `BENCH_CLIENTS` (default 8). The server runs in this process, sharing the cores.

// A benchmark harness: a failed setup stops the run, as a failing test would.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::{Duration, Instant};

use pakn::clock::{Clock, SystemClock};
use pakn::domain::account::PasswordHash;
use pakn::domain::events::{EventKind, Visibility};
use pakn::domain::ids::PetitionId;
use pakn::service::events::{self, TimelineEntry};
use rand::RngExt;

const PASSWORD: &str = "a benchmark password of some length";

/// Inserts `count` received petitions in the coordinating office's queue, 1,000 a transaction,
/// each with its first timeline entry; returns their tracking codes.
fn seed(bench: &support::Bench, count: usize) -> Vec<String> {
    let mut connection = bench.pool.get().expect("a connection");
    let office = pakn::db::agencies::find_by_code(&mut connection, "hue-ban-tiep-cong-dan")
        .expect("a query")
        .expect("the office")
        .id;
    let mut codes = Vec::with_capacity(count);
    let started = Instant::now();
    for batch in 0..count.div_ceil(1000) {
        pakn::db::transaction(&mut connection, |c| -> Result<(), diesel::result::Error> {
            for n in batch * 1000..((batch + 1) * 1000).min(count) {
                let now = SystemClock.now_utc() - chrono::TimeDelta::seconds((count - n) as i64);
                let petition = support::rows::Petition {
                    agency: Some(office.to_string()),
                    ..support::rows::Petition::new(
                        "environmental_pollution",
                        format!("Phản ánh số {n} về ô nhiễm môi trường"),
                        format!("Nội dung phản ánh số {n}: rác thải và nước thải chảy ra đường gây ô nhiễm."),
                        now,
                    )
                };
                pakn::db::petitions::insert_row(c, &petition.row())?;
                let entry = TimelineEntry {
                    actor_id: None,
                    kind: EventKind::PetitionFiled,
                    visibility: Visibility::Public,
                    note: Some("Đơn đã được tiếp nhận"),
                    data: serde_json::json!({}),
                };
                events::record_on_petition(c, &PetitionId::from_stored(petition.id.clone()), entry, now)
                    .map_err(|_| diesel::result::Error::RollbackTransaction)?;
                codes.push(petition.code.to_string());
            }
            Ok(())
        })
        .expect("a batch of petitions");
    }
    println!("  seeded {count} petitions in {:.1} s", started.elapsed().as_secs_f64());
    codes
}

fn main() {
    let seconds = support::seconds();
    let clients: usize = std::env::var("BENCH_CLIENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(8);
    let count: usize = std::env::var("BENCH_PETITIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let bench = support::prepare(&[]);
    println!("petition load on {}: {clients} clients, {seconds} s a phase", bench.backend);
    let codes = seed(&bench, count);
    {
        let mut connection = bench.pool.get().expect("a connection");
        let hash = PasswordHash::new(pakn::security::passwords::hash_now(PASSWORD).expect("a hash"));
        // The demo citizen (congdan@demo.pakn.invalid) files, with the benchmark's password.
        pakn::service::demo::accounts::seed(&mut connection, &hash, SystemClock.now_utc()).expect("demo accounts");
    }

    let system = actix_web::rt::System::new();
    system.block_on(async {
        let address = bench.serve(bench.context());
        let client = awc::Client::default();
        let mut login = client
            .post(format!("{address}/api/v1/auth/login"))
            .send_json(&serde_json::json!({ "email": "congdan@demo.pakn.invalid", "password": PASSWORD }))
            .await
            .expect("a login");
        let tokens: serde_json::Value = login.json().await.expect("tokens");
        let bearer = format!("Bearer {}", tokens["access_token"].as_str().expect("an access token"));

        let deadline = Instant::now() + Duration::from_secs(seconds);
        let mut filers = Vec::new();
        for n in 0..clients {
            let (address, bearer) = (address.clone(), bearer.clone());
            filers.push(actix_web::rt::spawn(async move {
                let client = awc::Client::builder().timeout(Duration::from_secs(30)).finish();
                let (mut latencies, mut failures, mut k) = (Vec::new(), 0usize, 0usize);
                while Instant::now() < deadline {
                    k += 1;
                    let body = serde_json::json!({
                        "kind": "feedback",
                        "category": "infrastructure_urban_order",
                        "title": format!("Đèn đường hỏng, người gửi {n}, lần {k}"),
                        "description": "Đèn đường trên tuyến phố đã hỏng nhiều ngày, buổi tối rất tối và nguy hiểm.",
                        "location": { "admin_unit_code": "19753", "lat": 16.4637, "lon": 107.5909 }
                    });
                    let started = Instant::now();
                    match client
                        .post(format!("{address}/api/v1/petitions"))
                        .insert_header(("authorization", bearer.as_str()))
                        .send_json(&body)
                        .await
                    {
                        Ok(mut response) if response.status().as_u16() == 201 => {
                            let _ = response.body().await;
                            latencies.push(started.elapsed());
                        }
                        _ => failures += 1,
                    }
                }
                (latencies, failures)
            }));
        }
        let (mut filed, mut filing_failures) = (Vec::new(), 0);
        for task in filers {
            let (latencies, failures) = task.await.expect("a filer");
            filed.extend(latencies);
            filing_failures += failures;
        }
        filed.sort();
        println!("  filings: {}, {filing_failures} failed", support::summary(&filed, seconds));

        let deadline = Instant::now() + Duration::from_secs(seconds);
        let mut readers = Vec::new();
        for _ in 0..clients * 2 {
            let (address, codes) = (address.clone(), codes.clone());
            readers.push(actix_web::rt::spawn(async move {
                let client = awc::Client::default();
                let (mut latencies, mut failures) = (Vec::new(), 0usize);
                while Instant::now() < deadline {
                    let code = &codes[rand::rng().random_range(0..codes.len())];
                    let started = Instant::now();
                    match client.get(format!("{address}/api/v1/public/petitions/{code}")).send().await {
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
        let (mut lookups, mut lookup_failures) = (Vec::new(), 0);
        for task in readers {
            let (latencies, failures) = task.await.expect("a reader");
            lookups.extend(latencies);
            lookup_failures += failures;
        }
        lookups.sort();
        println!(
            "  public status lookups ({} readers, {} petitions in the database): {}, {lookup_failures} failed",
            clients * 2,
            count + filed.len(),
            support::summary(&lookups, seconds)
        );
    });
}
