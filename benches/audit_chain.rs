//! Audit chain at a million events (issue #13): how fast a backlog is sealed and how fast the
//! whole chain is verified, each beside the machine's own limit measured in the same run, and how
//! much memory verification holds while it walks.
//!
//! `cargo bench --bench audit_chain` (SQLite), or with `BENCH_DATABASE_URL=postgres://…/db` (an
//! existing, empty database). `AUDIT_EVENTS` (default 1000000). Prints a Markdown table row per
//! figure, for `benches/RESULTS.md`.
//!
//! The limits: for sealing, rows of the chain's shape written by a plain multi-row INSERT, 500 a
//! transaction (and, for reference, 500 single-row INSERTs a transaction, as the sealer writes);
//! for verification, the same keyset read of the chain and its events without hashing, and the
//! canonical text and both hashes of the same events computed in memory.

// A benchmark harness: a failed setup stops the run, as a failing test would.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use chrono::{NaiveDateTime, TimeDelta};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use pakn::clock::{Clock, SystemClock};
use pakn::db::DbConnection;
use pakn::db::schema::{audit_chain, audit_head, events};
use pakn::domain::oversight::audit::{ChainHash, StoredEvent, Walk};
use pakn::service::oversight::audit::{seal, verify};
use pakn::service::shutdown::Shutdown;
use sha2::{Digest, Sha256};

/// Rows a statement and a transaction while filling: big enough that the fill is not the story.
const FILL_STATEMENT: usize = 1_000;
const FILL_TRANSACTION: usize = 10_000;
/// The sealer's batch (`seal::BATCH`): the write limit is measured in the same transactions.
const SEAL_BATCH: usize = 500;
/// The verifier's batch (`verify::BATCH`): the scan reads in the same keyset pages.
const VERIFY_BATCH: i64 = 2_000;
/// Events in a window: each petition's five events are a window's fifth apart, as petitions
/// interleave in a real log rather than arriving whole.
const WINDOW: usize = 5 * 1_000;

diesel::table! {
    /// The sealer's rows without the sealer: what the machine writes at best in 500-row
    /// transactions.
    bench_chain_multi (position) {
        position -> BigInt,
        event_id -> Text,
        digest -> Text,
        hash -> Text,
        sealed_at -> Timestamp,
    }
}

diesel::table! {
    /// The same, one INSERT a row as `chain::seal` writes them.
    bench_chain_single (position) {
        position -> BigInt,
        event_id -> Text,
        digest -> Text,
        hash -> Text,
        sealed_at -> Timestamp,
    }
}

/// A stable, random-looking UUID for the `n`th thing of a kind: the fill, the write limit and the
/// in-memory hashing all name the same events without keeping a million ids in memory.
fn uuid_of(kind: &str, n: usize) -> String {
    let digest = Sha256::new().chain_update(kind).chain_update(n.to_le_bytes()).finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes).into_uuid().to_string()
}

/// The `n`th event of the log: petitions filed, accepted, assigned, met and resolved, with data
/// the size real ones have (80–150 bytes) and a note on some.
fn event(n: usize, start: NaiveDateTime) -> StoredEvent {
    let per_step = WINDOW / 5;
    let (window, offset) = (n / WINDOW, n % WINDOW);
    let (petition, step) = (window * per_step + offset % per_step, offset / per_step);
    let agency = uuid_of("agency", petition % 14);
    let day = 1 + petition % 28;
    let (kind, visibility, note, data) = match step {
        0 => (
            "petition.filed",
            "public",
            Some("Đơn đã được tiếp nhận / The petition was received".to_string()),
            format!(
                r#"{{"assigned_agency_id":"{agency}","channel":"web","open311_client":null,"routing_basis":"Địa bàn: phường Phú Xuân"}}"#
            ),
        ),
        1 => (
            "petition.accepted",
            "public",
            None,
            format!(
                r#"{{"acceptance_due":"2026-12-{day:02}","agency_id":"{agency}","deadline_days":30,"round":"first"}}"#
            ),
        ),
        2 => (
            "petition.assigned",
            "internal",
            (petition % 3 == 0).then(|| "Giao chuyên viên xử lý trong tuần".to_string()),
            format!(r#"{{"agency_id":"{agency}","officer_id":"{}"}}"#, uuid_of("officer", petition % 200)),
        ),
        3 => (
            "petition.dialogue_recorded",
            "internal",
            None,
            format!(
                r#"{{"held_on":"2026-12-{day:02}","minutes_attachment_id":"{}","participants":{}}}"#,
                uuid_of("minutes", petition),
                2 + petition % 4
            ),
        ),
        _ => (
            "petition.resolved",
            "public",
            (petition % 2 == 0).then(|| format!("Đã giải quyết theo quyết định số {petition}/QĐ-UBND")),
            format!(
                r#"{{"decision_reference":"{petition}/QĐ-UBND","outcome":"{}","resolved_within_days":{}}}"#,
                ["upheld", "partly_upheld", "rejected"][petition % 3],
                5 + petition % 40
            ),
        ),
    };
    StoredEvent {
        id: uuid_of("event", n),
        // Microseconds, as both databases keep them; a second and a half apart.
        occurred_at: start
            + TimeDelta::milliseconds(n as i64 * 1_500)
            + TimeDelta::microseconds((n * 7_919 % 1_000) as i64),
        actor_id: None,
        kind: kind.to_string(),
        subject_type: "petition".to_string(),
        subject_id: uuid_of("petition", petition),
        seq: step as i32 + 1,
        visibility: visibility.to_string(),
        note,
        data,
    }
}

fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn timestamp(at: NaiveDateTime) -> String {
    format!("'{}'", at.format("%Y-%m-%d %H:%M:%S%.6f"))
}

/// Events `0..count` into `events` and, in the same order and transaction, into `audit_pending`,
/// as `db::events::append` queues them; raw multi-row INSERTs, 10,000 rows a transaction.
fn fill(connection: &mut DbConnection, count: usize, start: NaiveDateTime) -> (Duration, usize) {
    let started = Instant::now();
    let mut data_bytes = 0;
    for first in (0..count).step_by(FILL_TRANSACTION) {
        let mut sql = String::new();
        for statement in (first..(first + FILL_TRANSACTION).min(count)).step_by(FILL_STATEMENT) {
            let rows: Vec<StoredEvent> = (statement
                ..(statement + FILL_STATEMENT).min(count).min(first + FILL_TRANSACTION))
                .map(|n| event(n, start))
                .collect();
            sql.push_str(
                "INSERT INTO events (id, occurred_at, actor_id, kind, subject_type, subject_id, data, visibility, \
                 note, seq) VALUES ",
            );
            for (index, e) in rows.iter().enumerate() {
                data_bytes += e.data.len();
                let note = e.note.as_deref().map_or_else(|| "NULL".to_string(), quoted);
                let separator = if index == 0 { "" } else { "," };
                write!(
                    sql,
                    "{separator}({}, {}, NULL, {}, {}, {}, {}, {}, {note}, {})",
                    quoted(&e.id),
                    timestamp(e.occurred_at),
                    quoted(&e.kind),
                    quoted(&e.subject_type),
                    quoted(&e.subject_id),
                    quoted(&e.data),
                    quoted(&e.visibility),
                    e.seq
                )
                .expect("a String takes any text");
            }
            sql.push_str(";\nINSERT INTO audit_pending (event_id) VALUES ");
            let ids: Vec<String> = rows.iter().map(|e| format!("({})", quoted(&e.id))).collect();
            sql.push_str(&ids.join(","));
            sql.push_str(";\n");
        }
        pakn::db::transaction(connection, |c| c.batch_execute(&sql)).expect("a batch of events");
        if (first / FILL_TRANSACTION) % 20 == 19 {
            println!("  … {} events after {:.0} s", first + FILL_TRANSACTION, started.elapsed().as_secs_f64());
        }
    }
    (started.elapsed(), data_bytes / count.max(1))
}

fn head(connection: &mut DbConnection) -> Walk {
    let (position, hash): (i64, String) =
        audit_head::table.find(1).select((audit_head::position, audit_head::hash)).first(connection).expect("the head");
    Walk { position, hash: ChainHash::parse(&hash).expect("a stored hash") }
}

/// One row of the chain's shape for event `n` (its position after `base`).
fn chain_row(n: usize, base: i64, sealed_at: NaiveDateTime) -> (i64, String, String, String, NaiveDateTime) {
    let digest = ChainHash::of(&n.to_le_bytes());
    (base + n as i64 + 1, uuid_of("event", n), digest.to_string(), digest.then(&digest).to_string(), sealed_at)
}

/// The write limit: `count` chain-shaped rows (with the chain's keys and its reference to
/// `events`) into a scratch table, 500 a transaction, one multi-row INSERT each, and then the
/// same rows one INSERT a row. Only the database's time is counted, not building the rows.
fn write_limits(connection: &mut DbConnection, count: usize, base: i64) -> (Duration, Duration) {
    for table in ["bench_chain_multi", "bench_chain_single"] {
        connection
            .batch_execute(&format!(
                "CREATE TABLE {table} (position BIGINT PRIMARY KEY NOT NULL, event_id TEXT NOT NULL UNIQUE \
                 REFERENCES events (id), digest TEXT NOT NULL, hash TEXT NOT NULL, sealed_at TIMESTAMP NOT NULL)"
            ))
            .expect("a scratch table");
    }
    let sealed_at = SystemClock.now_utc();
    let (mut multi, mut single) = (Duration::ZERO, Duration::ZERO);
    for first in (0..count).step_by(SEAL_BATCH) {
        let rows: Vec<_> = (first..(first + SEAL_BATCH).min(count)).map(|n| chain_row(n, base, sealed_at)).collect();
        let values: Vec<_> = rows
            .iter()
            .map(|(position, event_id, digest, hash, at)| {
                (
                    bench_chain_multi::position.eq(*position),
                    bench_chain_multi::event_id.eq(event_id),
                    bench_chain_multi::digest.eq(digest),
                    bench_chain_multi::hash.eq(hash),
                    bench_chain_multi::sealed_at.eq(*at),
                )
            })
            .collect();
        let started = Instant::now();
        pakn::db::transaction(connection, |c| {
            // Multi-row INSERTs are backend-specific in diesel, so each backend gets its own.
            let insert = diesel::insert_into(bench_chain_multi::table).values(&values);
            match c {
                DbConnection::Sqlite(c) => insert.execute(c),
                DbConnection::Postgres(c) => insert.execute(c),
            }
        })
        .expect("a batch of rows");
        multi += started.elapsed();

        let started = Instant::now();
        pakn::db::transaction(connection, |c| {
            for (position, event_id, digest, hash, at) in &rows {
                diesel::insert_into(bench_chain_single::table)
                    .values((
                        bench_chain_single::position.eq(*position),
                        bench_chain_single::event_id.eq(event_id),
                        bench_chain_single::digest.eq(digest),
                        bench_chain_single::hash.eq(hash),
                        bench_chain_single::sealed_at.eq(*at),
                    ))
                    .execute(c)?;
            }
            diesel::QueryResult::Ok(())
        })
        .expect("a batch of rows");
        single += started.elapsed();
    }
    connection.batch_execute("DROP TABLE bench_chain_multi; DROP TABLE bench_chain_single").expect("dropped");
    (multi, single)
}

type ScanRow = (
    i64,
    String,
    String,
    String,
    Option<(String, NaiveDateTime, Option<String>, String, String, String, String, String, Option<String>, i32)>,
);

/// The read limit: the verifier's query (each entry with its event, 2,000 a page by position)
/// loaded and dropped, nothing computed.
fn scan(connection: &mut DbConnection) -> (usize, usize) {
    let (mut position, mut entries, mut bytes) = (0, 0, 0);
    loop {
        let page: Vec<ScanRow> = audit_chain::table
            .left_join(events::table.on(events::id.eq(audit_chain::event_id)))
            .filter(audit_chain::position.gt(position))
            .order(audit_chain::position.asc())
            .limit(VERIFY_BATCH)
            .select((
                audit_chain::position,
                audit_chain::event_id,
                audit_chain::digest,
                audit_chain::hash,
                events::all_columns.nullable(),
            ))
            .load(connection)
            .expect("a page of the chain");
        let Some(last) = page.last() else { break };
        position = last.0;
        entries += page.len();
        // Something of every row is used, so that nothing read can be skipped.
        bytes += page.iter().map(|row| row.2.len() + row.4.as_ref().map_or(0, |e| e.6.len())).sum::<usize>();
        if page.len() < VERIFY_BATCH as usize {
            break;
        }
    }
    (entries, bytes)
}

/// The hashing limit: the canonical text, digest and chain hash of events `0..count` after
/// `from`, in memory; the events are built outside the timed part. Returns the hashing time, the
/// part of it spent in SHA-256 alone, and the walk's end.
fn hash_limit(count: usize, start: NaiveDateTime, from: Walk) -> (Duration, Duration, Walk) {
    let (mut total, mut sha) = (Duration::ZERO, Duration::ZERO);
    let mut walk = from;
    for first in (0..count).step_by(FILL_TRANSACTION) {
        let chunk: Vec<StoredEvent> = (first..(first + FILL_TRANSACTION).min(count)).map(|n| event(n, start)).collect();
        let started = Instant::now();
        for e in &chunk {
            walk = Walk { position: walk.position + 1, hash: walk.hash.then(&e.digest()) };
        }
        total += started.elapsed();
        // SHA-256 alone over the same texts, to tell the hash from building the text.
        let texts: Vec<String> = chunk.iter().map(StoredEvent::canonical_text).collect();
        let started = Instant::now();
        let mut last = ChainHash::GENESIS;
        for text in &texts {
            last = last.then(&ChainHash::of(text.as_bytes()));
        }
        sha += started.elapsed();
        std::hint::black_box(last);
    }
    (total, sha, walk)
}

/// VmRSS and VmHWM of this process, in KiB.
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// What the process held while `work` ran: RSS before, the highest RSS sampled every 50 ms, and
/// the peak (VmHWM) after, the peak reset first where the kernel allows it.
struct Held {
    before: u64,
    sampled_max: u64,
    peak_after: u64,
    peak_was_reset: bool,
}

fn watched<T>(work: impl FnOnce() -> T) -> (T, Duration, Held) {
    // Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0 and later).
    let peak_was_reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let (before, _) = memory();
    let stop = Arc::new(AtomicBool::new(false));
    let sampler = {
        let stop = stop.clone();
        thread::spawn(move || {
            let mut max = 0;
            while !stop.load(Ordering::Relaxed) {
                max = max.max(memory().0);
                thread::sleep(Duration::from_millis(50));
            }
            max
        })
    };
    let started = Instant::now();
    let outcome = work();
    let elapsed = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    let sampled_max = sampler.join().expect("the sampler");
    let (_, peak_after) = memory();
    (outcome, elapsed, Held { before, sampled_max, peak_after, peak_was_reset })
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

fn per_second(count: usize, elapsed: Duration) -> f64 {
    count as f64 / elapsed.as_secs_f64()
}

/// What the database holds on disk (SQLite: the file and its WAL; PostgreSQL: the chain's table
/// and indexes), in bytes.
fn stored_bytes(bench: &support::Bench, connection: &mut DbConnection) -> u64 {
    match connection {
        DbConnection::Sqlite(_) => ["pakn.db", "pakn.db-wal"]
            .iter()
            .map(|file| std::fs::metadata(bench.folder.join(file)).map_or(0, |m| m.len()))
            .sum(),
        DbConnection::Postgres(pg) => {
            diesel::select(diesel::dsl::sql::<diesel::sql_types::BigInt>("pg_total_relation_size('audit_chain')"))
                .get_result::<i64>(pg)
                .expect("a size") as u64
        }
    }
}

fn main() {
    let count: usize = std::env::var("AUDIT_EVENTS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let bench = support::prepare(&[]);
    let backend = bench.backend;
    println!("audit chain on {backend}: {count} events");
    let mut connection = bench.pool.get().expect("a connection");

    // Whatever installing the reference data logged is sealed first, outside the measurement.
    let earlier = seal::seal_queued(&mut connection, SystemClock.now_utc(), &Shutdown::default())
        .expect("the earlier events sealed");
    let from = head(&mut connection);
    println!("  {earlier} events logged while preparing the database, sealed first");

    let start = SystemClock.now_utc() - TimeDelta::milliseconds(count as i64 * 1_500) - TimeDelta::days(1);
    let (filled, data_bytes) = fill(&mut connection, count, start);
    println!(
        "  filled {count} events and their queue entries in {:.1} s ({:.0}/s; data {data_bytes} bytes on average)",
        filled.as_secs_f64(),
        per_second(count, filled)
    );
    if backend == "PostgreSQL" {
        // The log at rest, as autovacuum leaves it, and the queue as autovacuum leaves it after the
        // migration's one big INSERT. One statement a call: several in one call run as a
        // transaction, which VACUUM refuses.
        for table in ["events", "audit_pending"] {
            connection.batch_execute(&format!("VACUUM ANALYZE {table}")).expect("statistics");
        }
    }

    // Sealing the whole backlog, as the job does after the migration on an existing log.
    let size_before = stored_bytes(&bench, &mut connection);
    let done = Arc::new(AtomicBool::new(false));
    let watcher = {
        let (pool, done) = (bench.pool.clone(), done.clone());
        thread::spawn(move || {
            let mut connection = pool.get().expect("a second connection");
            let started = Instant::now();
            let mut next_report = Duration::from_secs(30);
            // Every 30 s, how far the sealer is: a long run shows its rate as it goes.
            while !done.load(Ordering::Relaxed) {
                thread::sleep(Duration::from_millis(250));
                if started.elapsed() >= next_report {
                    next_report += Duration::from_secs(30);
                    let position = head(&mut connection).position;
                    println!("  … sealed through {position} after {:.0} s", started.elapsed().as_secs_f64());
                }
            }
        })
    };
    let started = Instant::now();
    let sealed = seal::seal_queued(&mut connection, SystemClock.now_utc(), &Shutdown::default()).expect("sealed");
    let sealing = started.elapsed();
    done.store(true, Ordering::Relaxed);
    watcher.join().expect("the progress watcher");
    assert_eq!(sealed, count, "every filled event sealed");
    let chain_bytes = stored_bytes(&bench, &mut connection).saturating_sub(size_before);
    println!(
        "  sealed {sealed} in {:.1} s: {:.0} events/s ({} bytes an entry{})",
        sealing.as_secs_f64(),
        per_second(sealed, sealing),
        chain_bytes / count.max(1) as u64,
        if backend == "SQLite" { ", file growth" } else { ", audit_chain with its indexes" }
    );

    let (multi, single) = write_limits(&mut connection, count, from.position);
    println!(
        "  same-shape rows, 500 a transaction: multi-row INSERT {:.1} s ({:.0} rows/s), single-row INSERTs {:.1} s \
         ({:.0} rows/s)",
        multi.as_secs_f64(),
        per_second(count, multi),
        single.as_secs_f64(),
        per_second(count, single)
    );

    // Scanned before and after verifying, the faster counted: whichever runs first warms the
    // caches for the other, and the limit is what the machine can do at best.
    let ((scanned, _), scanning, scan_held) = watched(|| scan(&mut connection));
    assert_eq!(scanned as i64, from.position + count as i64, "the scan read the whole chain");
    println!("  scan: {scanned} entries in {:.1} s ({:.0}/s)", scanning.as_secs_f64(), per_second(scanned, scanning));

    let (verification, verifying, held) = watched(|| verify::verify(&mut connection, None).expect("a verification"));
    assert!(verification.first_broken.is_none(), "an intact chain: {:?}", verification.first_broken);
    assert_eq!(verification.verified.position, scanned as i64);
    println!(
        "  verify: {} entries in {:.1} s ({:.0}/s); RSS {} before, at most {} sampled during, peak {} after{}",
        verification.verified.position,
        verifying.as_secs_f64(),
        per_second(scanned, verifying),
        mib(held.before),
        mib(held.sampled_max),
        mib(held.peak_after),
        if held.peak_was_reset { " (peak reset before)" } else { " (peak of the whole run)" }
    );
    let (_, scanning_again, _) = watched(|| scan(&mut connection));
    println!("  scan again: {:.1} s ({:.0}/s)", scanning_again.as_secs_f64(), per_second(scanned, scanning_again));
    let scanning = scanning.min(scanning_again);

    let (hashing, sha, walk) = hash_limit(count, start, from);
    // The texts hashed in memory are the texts sealed: the walks end on the same hash.
    assert_eq!(walk, verification.verified, "the in-memory chain matches the stored one");
    println!(
        "  hashing {count} canonical texts in memory: {:.1} s ({:.0}/s; SHA-256 alone {:.1} s)",
        hashing.as_secs_f64(),
        per_second(count, hashing),
        sha.as_secs_f64()
    );

    let (seal_rate, multi_rate, single_rate) =
        (per_second(count, sealing), per_second(count, multi), per_second(count, single));
    let (verify_rate, scan_rate, hash_rate) =
        (per_second(scanned, verifying), per_second(scanned, scanning), per_second(count, hashing));
    // One thread reads and then hashes each page, so the two costs add up.
    let serial_rate = 1.0 / (1.0 / scan_rate + 1.0 / hash_rate);
    let date = SystemClock.today_in_vietnam();
    println!();
    println!("| date | database | events | figure | time | rate | machine's limit, same run | ratio |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    println!(
        "| {date} | {backend} | {count} | fill (raw SQL, events + queue, 10k rows a transaction) | {:.1} s | {:.0}/s | — | — |",
        filled.as_secs_f64(),
        per_second(count, filled)
    );
    println!(
        "| {date} | {backend} | {count} | `seal_queued` (backlog) | {:.1} s | {seal_rate:.0}/s | the same rows, 500 a \
         transaction: multi-row INSERT {multi_rate:.0}/s; single-row INSERTs (the sealer's way) {single_rate:.0}/s | \
         {:.2} (of multi-row); {:.2} (of single-row) |",
        sealing.as_secs_f64(),
        seal_rate / multi_rate,
        seal_rate / single_rate
    );
    println!(
        "| {date} | {backend} | {scanned} | `verify` | {:.1} s | {verify_rate:.0}/s | scan {scan_rate:.0}/s; hash \
         {hash_rate:.0}/s (SHA-256 alone {:.0}/s) | {:.2} (of the lower); {:.2} (of both in series, {serial_rate:.0}/s) |",
        verifying.as_secs_f64(),
        per_second(count, sha),
        verify_rate / scan_rate.min(hash_rate),
        verify_rate / serial_rate
    );
    println!(
        "| {date} | {backend} | {scanned} | `verify` memory (RSS) | {} before | at most {} during (peak {}) | the \
         scan alone: {} before, at most {} during | +{} |",
        mib(held.before),
        mib(held.sampled_max),
        mib(held.peak_after),
        mib(scan_held.before),
        mib(scan_held.sampled_max),
        mib(held.sampled_max.max(held.peak_after).saturating_sub(held.before))
    );
}
