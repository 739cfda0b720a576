//! Queue load: with 1,000,000 petitions stored, the p50/p99 latency of an agency's queue through
//! HTTP (first page and a deep page, by deadline and by filing time, with filters), its
//! dashboard, and the time of one deadline sweep.
//!
//! `cargo bench --bench queue_load` (SQLite), or with `BENCH_DATABASE_URL=postgres://…/db` (an
//! existing, empty database). `BENCH_PETITIONS` (default 1000000), `BENCH_REQUESTS` (default
//! 200 a query). The server runs in this process, sharing the cores.

// A benchmark harness: a failed setup stops the run, as a failing test would.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeDelta};
use diesel::prelude::*;
use pakn::clock::{Clock, SystemClock};
use pakn::db::petitions::NewPetitionRow;
use pakn::db::schema::petitions;
use pakn::domain::account::PasswordHash;
use pakn::service::shutdown::Shutdown;
use rand::RngExt;
use support::rows;

const PASSWORD: &str = "a benchmark password of some length";
const HEAD: &str = "chutich.phuxuan@demo.pakn.invalid";
/// 35 columns a row: SQLite allows 32,766 bound values a statement.
const BATCH: usize = 500;

const KINDS: [&str; 4] = ["complaint", "denunciation", "feedback", "proposal"];
const CATEGORIES: [&str; 7] = [
    "land",
    "site_clearance",
    "compensation_resettlement",
    "environmental_pollution",
    "administrative_procedures",
    "infrastructure_urban_order",
    "other",
];
const UNITS: [(&str, &str); 4] =
    [("19753", "46/19753/"), ("19789", "46/19789/"), ("19900", "46/19900/"), ("20056", "46/20056/")];

/// A quarter of the petitions are open, their deadlines spread from 30 days past to 60 ahead;
/// the sweep has work for about one day's share of them today.
fn petition(n: usize, count: usize, agencies: &[String], today: NaiveDate) -> rows::Petition {
    let mut rng = rand::rng();
    let received_at = SystemClock.now_utc() - TimeDelta::seconds(((count - n) * 60) as i64);
    let roll = rng.random_range(0..100);
    let status = match roll {
        0..8 => "received",
        8..15 => "accepted",
        15..25 => "in_progress",
        25..35 => "resolved",
        35..95 => "closed",
        _ => "withdrawn",
    };
    let open = roll < 25;
    let next_due = open.then(|| today + TimeDelta::days(rng.random_range(-30..60)));
    // The sweep already handled the overdue ones; the others come due over the next 90 days.
    let next_sweep_on = next_due.filter(|due| *due >= today).map(|_| today + TimeDelta::days(rng.random_range(0..90)));
    rows::Petition {
        kind: KINDS[n % 4],
        // Not n % 4: that would tie each unit to one kind.
        unit: UNITS[(n / 4) % 4],
        status,
        agency: Some(agencies[n % agencies.len()].clone()),
        acceptance_due: received_at.date() + TimeDelta::days(10),
        next_due,
        next_sweep_on,
        ..rows::Petition::new(
            CATEGORIES[n % 7],
            format!("Phản ánh số {n} về {}", CATEGORIES[n % 7]),
            "Rác thải và nước thải chảy ra đường phố gây ô nhiễm kéo dài nhiều tuần.".to_string(),
            received_at,
        )
    }
}

fn seed(bench: &support::Bench, count: usize) {
    let mut connection = bench.pool.get().expect("a connection");
    let agencies: Vec<String> =
        pakn::db::agencies::list(&mut connection, &pakn::db::agencies::AgencyFilter::default(), None, 100)
            .expect("agencies")
            .into_iter()
            .map(|a| a.id.to_string())
            .collect();
    let today = SystemClock.today_in_vietnam();
    let started = Instant::now();
    for batch in 0..count.div_ceil(BATCH) {
        let seeded: Vec<rows::Petition> =
            (batch * BATCH..((batch + 1) * BATCH).min(count)).map(|n| petition(n, count, &agencies, today)).collect();
        let new_rows: Vec<NewPetitionRow> = seeded.iter().map(rows::Petition::row).collect();
        // Multi-row INSERTs are backend-specific in diesel, so each backend gets its own.
        let insert = diesel::insert_into(petitions::table).values(&new_rows);
        match &mut *connection {
            pakn::db::DbConnection::Sqlite(c) => insert.execute(c),
            pakn::db::DbConnection::Postgres(c) => insert.execute(c),
        }
        .expect("a batch of petitions");
        if batch % 400 == 399 {
            println!("  … {} petitions after {:.0} s", (batch + 1) * BATCH, started.elapsed().as_secs_f64());
        }
    }
    println!("  seeded {count} petitions in {:.1} s", started.elapsed().as_secs_f64());
    if bench.backend == "PostgreSQL" {
        // What autovacuum does to a table at rest: statistics, and the visibility map that lets
        // counts be answered from indexes alone.
        diesel::sql_query("VACUUM ANALYZE petitions").execute(&mut connection).expect("statistics");
    }
}

/// `requests` sequential GETs of one path; their latencies, sorted.
async fn measure(client: &awc::Client, address: &str, bearer: &str, path: &str, requests: usize) -> Vec<Duration> {
    let mut latencies = Vec::with_capacity(requests);
    for _ in 0..requests {
        let started = Instant::now();
        let mut response = client
            .get(format!("{address}{path}"))
            .insert_header(("authorization", bearer))
            .send()
            .await
            .expect("an answer");
        let body = response.body().limit(10 << 20).await.expect("a body");
        assert!(response.status().is_success(), "{path}: {}", String::from_utf8_lossy(&body));
        latencies.push(started.elapsed());
    }
    latencies.sort();
    latencies
}

/// The cursor of page `pages + 1` of a listing (or its last page), walked once.
async fn deep_cursor(client: &awc::Client, address: &str, bearer: &str, query: &str, pages: usize) -> String {
    let mut cursor = String::new();
    for _ in 0..pages {
        let mut response = client
            .get(format!("{address}/api/v1/petitions?{query}{cursor}"))
            .insert_header(("authorization", bearer))
            .send()
            .await
            .expect("a page");
        let page: serde_json::Value = response.json().limit(10 << 20).await.expect("a page");
        // A small queue (a smoke run) ends sooner: its last page is as deep as it goes.
        let Some(next) = page["next_cursor"].as_str() else { break };
        cursor = format!("&cursor={next}");
    }
    cursor
}

fn main() {
    let requests: usize = std::env::var("BENCH_REQUESTS").ok().and_then(|v| v.parse().ok()).unwrap_or(200);
    let count: usize = std::env::var("BENCH_PETITIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let bench = support::prepare(&[]);
    println!("queue load on {}: {count} petitions, {requests} requests a query", bench.backend);
    seed(&bench, count);
    {
        let mut connection = bench.pool.get().expect("a connection");
        let hash = PasswordHash::new(pakn::security::passwords::hash_now(PASSWORD).expect("a hash"));
        pakn::service::demo::accounts::seed(&mut connection, &hash, SystemClock.now_utc()).expect("demo accounts");
    }
    let context = bench.context();

    let system = actix_web::rt::System::new();
    system.block_on(async {
        let address = bench.serve(context.clone());
        let client = awc::Client::builder().timeout(Duration::from_secs(60)).finish();
        let login = |email: &'static str| {
            let (client, address) = (client.clone(), address.clone());
            async move {
                let mut response = client
                    .post(format!("{address}/api/v1/auth/login"))
                    .send_json(&serde_json::json!({ "email": email, "password": PASSWORD }))
                    .await
                    .expect("a login");
                let tokens: serde_json::Value = response.json().await.expect("tokens");
                format!("Bearer {}", tokens["access_token"].as_str().expect("an access token"))
            }
        };
        let head = login(HEAD).await;
        let admin = login("admin@demo.pakn.invalid").await;
        let me: serde_json::Value = client
            .get(format!("{address}/api/v1/me"))
            .insert_header(("authorization", head.as_str()))
            .send()
            .await
            .expect("me")
            .json()
            .await
            .expect("me");
        let agency = me["agency_id"].as_str().expect("the head's agency").to_string();
        let total: serde_json::Value = client
            .get(format!("{address}/api/v1/petitions?limit=1"))
            .insert_header(("authorization", head.as_str()))
            .send()
            .await
            .expect("a page")
            .json()
            .await
            .expect("a page");
        println!("  the ward's queue holds {} of them", total["total"]);

        let deep_deadline = deep_cursor(&client, &address, &head, "sort=deadline&limit=20", 200).await;
        let deep_filed = deep_cursor(&client, &address, &head, "limit=20", 200).await;
        let queries = [
            ("agency queue, by deadline, first page", "/api/v1/petitions?sort=deadline&limit=20".to_string(), &head),
            (
                "agency queue, by deadline, page 201",
                format!("/api/v1/petitions?sort=deadline&limit=20{deep_deadline}"),
                &head,
            ),
            ("agency queue, newest first, first page", "/api/v1/petitions?limit=20".to_string(), &head),
            ("agency queue, newest first, page 201", format!("/api/v1/petitions?limit=20{deep_filed}"), &head),
            (
                "… status=received, by deadline",
                "/api/v1/petitions?status=received&sort=deadline&limit=20".into(),
                &head,
            ),
            ("… overdue=true, by deadline", "/api/v1/petitions?overdue=true&sort=deadline&limit=20".into(), &head),
            (
                "… admin_unit=19753&kind=feedback",
                "/api/v1/petitions?admin_unit=19753&kind=feedback&limit=20".into(),
                &head,
            ),
            ("… q=12345 (text search, a few matches)", "/api/v1/petitions?q=12345&limit=20".into(), &head),
            (
                "… q=rac thai (text search, every petition matches)",
                "/api/v1/petitions?q=rac%20thai&limit=20".into(),
                &head,
            ),
            ("agency dashboard", format!("/api/v1/agencies/{agency}/dashboard"), &head),
            ("administrator, all petitions, first page", "/api/v1/petitions?limit=20".into(), &admin),
            ("administrator, q=12345 over all petitions", "/api/v1/petitions?q=12345&limit=20".into(), &admin),
        ];
        for (name, path, bearer) in &queries {
            let latencies = measure(&client, &address, bearer, path, requests).await;
            println!(
                "  {name}: p50 {}, p99 {}",
                support::ms(support::percentile(&latencies, 0.50)),
                support::ms(support::percentile(&latencies, 0.99))
            );
        }
    });

    let mut connection = bench.pool.get().expect("a connection");
    for round in ["first sweep of the day", "second sweep (nothing due)"] {
        let started = Instant::now();
        let report =
            pakn::service::handling::sweep::sweep(&mut connection, &context, &Shutdown::default()).expect("a sweep");
        println!(
            "  {round}: {:.2} s — {} reminded, {} overdue, {} closed",
            started.elapsed().as_secs_f64(),
            report.reminded,
            report.overdue,
            report.closed
        );
    }
}
