//! Proof (issue #16): every figure beside its limit, in one run. Fills the database with
//! `BENCH_PETITIONS` realistic petitions, starts the release `pakn` binary as its own process,
//! and drives it over loopback from another process (`wrk`, or the built-in client where wrk is
//! not on the PATH: `support::load`): the HTTP ceiling (`/health/live`), one indexed read through
//! the pool (`/api/v1/categories/land`), the public reads — the status page over random tracking
//! codes, the public list (first page, and one commune's petitions of one category), the petitions
//! awaiting an answer, the public statistics — each beside one read, and filing by 8 connections;
//! then the same-shape raw limit: this program writing the rows a filing writes, one transaction
//! each, 8 writers, for as long. Prints a table (requests/s, p50, p99, the ratios, pakn's peak
//! RSS) and appends it to `benches/RESULTS.md`.
//!
//! `cargo bench --bench proof` (SQLite in a temporary folder), or with
//! `BENCH_DATABASE_URL=postgres://…/db` (an existing, empty database). `BENCH_PETITIONS` (default
//! 10000), `BENCH_SECONDS` (20 a phase), `BENCH_CLIENTS` (readers' connections, default 16),
//! `BENCH_REUSE=1` (measure a database an earlier run filled), `BENCH_NOTE` (a line recorded with
//! the results, e.g. what else the machine was doing), `BENCH_RECORD=0` (a trial: print, do not
//! append), `BENCH_CLIENT=builtin` (the built-in client even where `wrk` is on the PATH).

// A benchmark harness: a failed setup stops the run, as a failing test would.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use chrono::TimeDelta;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;
use pakn::clock::{Clock, SystemClock};
use pakn::db::DbConnection;
use pakn::db::personal_data::notices::{self, ShownTo};
use pakn::db::petitions::NewPetitionRow;
use pakn::db::schema::petitions;
use pakn::domain::account::{Language, PasswordHash};
use pakn::domain::events::{EventKind, Visibility};
use pakn::domain::ids::PetitionId;
use pakn::domain::outbox::Addressee;
use pakn::domain::personal_data::notice::NoticeOccasion;
use pakn::domain::petition::PetitionKind;
use pakn::domain::petition::petitioner::Petitioner;
use pakn::domain::tracking_code::{DATA_SYMBOLS, TrackingCode};
use pakn::service::events::{self, TimelineEntry};
use pakn::service::{Context, ServiceError};
use support::fill::{SPAN_DAYS, fill};
use support::load::{Client, Figure, Requests, measure};
use support::rows;

const PASSWORD: &str = "a benchmark password of some length";
const CITIZEN: &str = "congdan@demo.pakn.invalid";
/// The issue's filing load: 8 connections (and 8 raw writers beside it).
const FILERS: usize = 8;
/// Codes the public page is asked for, spread over the whole fill: enough that lookups touch the
/// whole table.
const LOOKUP_SAMPLE: usize = 20_000;
/// What every petition filed here says, in `rows::UNIT`: the shape `petition_load` files, and the
/// raw writers copy.
const CATEGORY: &str = "infrastructure_urban_order";
const DESCRIPTION: &str = "Đèn đường trên tuyến phố đã hỏng nhiều ngày, buổi tối rất tối và nguy hiểm.";

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// A valid tracking code for fill row `n`, the same in every run (so a reused database's codes
/// are known without storing them): a splitmix64 of `n` as the random symbols.
fn code_for(n: usize) -> TrackingCode {
    let mut x = n as u64 ^ 0x005E_ED0F_B00C;
    let mut bytes = [0u8; DATA_SYMBOLS];
    for chunk in bytes.chunks_mut(8) {
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        chunk.copy_from_slice(&z.to_le_bytes()[..chunk.len()]);
    }
    TrackingCode::from_random(bytes)
}

/// The fill's codes (`BENCH…`, no check symbol) are not codes pakn can read: every petition gets a
/// real one, as filing would have given it (a public list shows any of them). Returns a sample
/// spread over the whole fill to look up.
fn give_codes(connection: &mut DbConnection, count: usize) -> Vec<String> {
    // A reused database's petitions have theirs already: a million updates that match nothing
    // took minutes on PostgreSQL.
    let uncoded: i64 = petitions::table
        .filter(petitions::tracking_code.like("BENCH%"))
        .count()
        .get_result(connection)
        .expect("a count");
    let to_code = if uncoded == 0 { 0 } else { count };
    for batch in (0..to_code).collect::<Vec<_>>().chunks(5_000) {
        pakn::db::transaction(connection, |c| -> QueryResult<()> {
            for &n in batch {
                let code = code_for(n).to_string();
                // On a reused database the row already has its code: nothing matches, nothing changes.
                diesel::update(petitions::table.filter(petitions::tracking_code.eq(format!("BENCH{n:010}"))))
                    .set(petitions::tracking_code.eq(&code))
                    .execute(c)?;
            }
            Ok(())
        })
        .expect("tracking codes");
    }
    let sample = count.min(LOOKUP_SAMPLE);
    let rows: Vec<usize> = (0..sample).map(|k| k * count / sample).collect();
    let codes: Vec<String> = rows.iter().map(|&n| code_for(n).to_string()).collect();
    let found: i64 = petitions::table
        .filter(petitions::tracking_code.eq_any(&codes[..codes.len().min(500)]))
        .count()
        .get_result(connection)
        .expect("a count");
    assert_eq!(found as usize, codes.len().min(500), "the sampled petitions carry their codes");
    codes
}

#[derive(QueryableByName)]
struct Version {
    #[diesel(sql_type = Text)]
    version: String,
}

fn database_version(connection: &mut DbConnection) -> String {
    let (sql, name) = match connection {
        DbConnection::Sqlite(_) => ("SELECT sqlite_version() AS version", "SQLite"),
        DbConnection::Postgres(_) => ("SELECT current_setting('server_version') AS version", "PostgreSQL"),
    };
    let version = diesel::sql_query(sql).get_result::<Version>(connection).map(|v| v.version).unwrap_or_default();
    format!("{name} {version}")
}

/// One HTTP/1.1 exchange on a fresh connection, for setup only (not measured).
fn http(address: &str, method: &str, path: &str, body: Option<&str>) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(address).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    let body = body.unwrap_or("");
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.get(9..12)?.parse().ok()?;
    Some((status, response.split_once("\r\n\r\n")?.1.to_string()))
}

/// pakn as operators run it: the release binary, its own process, default settings (a pool of
/// 4, 2 workers), its log in the bench folder.
fn start_pakn(bench: &support::Bench) -> (Running, String) {
    let address = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
        listener.local_addr().expect("an address").to_string()
    };
    std::fs::create_dir_all(&bench.folder).expect("the bench folder");
    let log = std::fs::File::create(bench.folder.join("pakn.log")).expect("a log file");
    let pakn = Running(
        Command::new(env!("CARGO_BIN_EXE_pakn"))
            .arg("serve")
            .current_dir(&bench.folder)
            .env("PAKN_DATABASE_URL", &bench.database_url)
            .env("PAKN_DATA_DIR", &bench.folder)
            .env("PAKN_JWT_SECRET", support::JWT_SECRET)
            .env("PAKN_IDENTITY_KEY", support::identity_key())
            .env("PAKN_OUTBOX_POLL_MILLISECONDS", "1000")
            .env("PAKN_BIND", &address)
            .env("PAKN_LOG_FORMAT", "json")
            .stdout(log.try_clone().expect("a log file"))
            .stderr(log)
            .spawn()
            .expect("pakn (target/release/pakn)"),
    );
    let started = Instant::now();
    while http(&address, "GET", "/health/live", None).is_none_or(|(status, _)| status != 200) {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "pakn did not start: see {}/pakn.log",
            bench.folder.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    (pakn, address)
}

/// pakn's process, stopped at the end of the run, or when dropped because the harness panics (a
/// failed check must not leave pakn serving, and writing, on the database the next run measures).
struct Running(Child);

impl Running {
    fn id(&self) -> u32 {
        self.0.id()
    }

    /// SIGTERM, as an operator stops it: the requests in flight are answered and the background
    /// jobs stop at their next transaction. How long pakn took to exit.
    fn stop(mut self) -> Duration {
        let asked = Instant::now();
        self.terminate();
        asked.elapsed()
    }

    fn terminate(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = Command::new("kill").arg("-TERM").arg(self.0.id().to_string()).status();
        }
        let _ = self.0.wait();
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.terminate();
    }
}

/// The body of a filing (`petition_load`'s), a title of its own per request: `%d` the connection
/// and the request (see `Requests::Post`).
fn filing_body() -> String {
    format!(
        r#"{{"kind":"feedback","category":"{CATEGORY}","title":"Đèn đường hỏng, luồng %d, lần %d","description":"{DESCRIPTION}","location":{{"admin_unit_code":"{}","lat":16.4637,"lon":107.5909}}}}"#,
        rows::UNIT.0
    )
}

/// The one indexed read through the pool: the limit of the public reads.
const ONE_READ: &str = "/api/v1/categories/land";
/// The filter of the filtered public list: one commune and one category.
const FILTER_CATEGORY: &str = "land";

/// The commune of the filtered list: the fill's first, not the filings' (`rows::UNIT`). Each run's
/// filings are the newest petitions of their commune and none is `land`, so on a reused database
/// a list of that commune scanned past all of them: 2,692/s, then 1,062, then 94 (2026-12-01).
fn filtered_commune(connection: &mut DbConnection) -> String {
    #[derive(QueryableByName)]
    struct Commune {
        #[diesel(sql_type = Text)]
        code: String,
    }
    let sql = format!(
        "SELECT code FROM admin_units WHERE level = 'commune' AND valid_to IS NULL AND code <> '{}' \
         ORDER BY code LIMIT 1",
        rows::UNIT.0
    );
    diesel::sql_query(sql).get_result::<Commune>(connection).expect("a commune of the fill").code
}

/// The public reads, each measured beside one read (target ≥ 0.7): what the table calls it, and
/// what it asks. The lists answer a page of 20 and the total the filter matches.
fn public_reads(codes_file: &Path, news_story: &str, commune: &str) -> Vec<(String, Requests)> {
    let today = SystemClock.today_in_vietnam();
    let filtered = format!("/api/v1/public/petitions?admin_unit={commune}&category={FILTER_CATEGORY}");
    let stats = format!("/api/v1/public/stats?from={}&to={today}", today - TimeDelta::days(364));
    vec![
        (
            "`GET /api/v1/public/petitions/{code}` (the public status page, random codes)".into(),
            Requests::GetRandom { prefix: "/api/v1/public/petitions/".into(), lines: codes_file.into() },
        ),
        (
            "`GET /api/v1/public/petitions/{code}` (one petition every reader looks up, as after a news story)".into(),
            Requests::Get(format!("/api/v1/public/petitions/{news_story}")),
        ),
        (
            "`GET /api/v1/public/petitions` (the public list, newest first: first page and total)".into(),
            Requests::Get("/api/v1/public/petitions".into()),
        ),
        (format!("`GET {filtered}` (the list of one commune and category)"), Requests::Get(filtered)),
        (
            "`GET /api/v1/public/awaiting` (the petitions awaiting an answer, longest first: first page and total)"
                .into(),
            Requests::Get("/api/v1/public/awaiting".into()),
        ),
        (
            "`GET /api/v1/public/stats?from=…&to=…` (the public statistics of the last 365 days: total, per agency \
             and category)"
                .into(),
            Requests::Get(stats),
        ),
    ]
}

/// A public read answers before it is measured; what it answered, in a line.
fn check_read(address: &str, requests: &Requests, code: &str) {
    let path = match requests {
        Requests::Get(path) => path.clone(),
        Requests::GetRandom { prefix, .. } => format!("{prefix}{code}"),
        Requests::Post { .. } => return,
    };
    let (status, body) = http(address, "GET", &path, None).expect("an answer");
    assert_eq!(status, 200, "{path}: {body}");
    let answer: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    match answer["items"].as_array() {
        Some(items) => println!("  {path}: {} items of {}", items.len(), answer["total"]),
        None => println!("  {path}: {} bytes", body.len()),
    }
}

/// The same-shape raw limit: the rows a citizen's filing writes — the petition (and, on SQLite,
/// its trigram rows, by trigger), the sealed identity, the `petition.filed` event, the privacy
/// notice shown, the receipt e-mail — one transaction each, by `FILERS` writers on their own
/// connections, for `seconds`. Written by pakn's own row writers, so the rows are the same; what
/// a filing does besides (HTTP, JSON, the token, the checks' reads, routing, the working calendar,
/// the deadline rule, the code's uniqueness read, reading the petition back) is what it costs.
fn raw_limit(bench: &support::Bench, context: &Context, seconds: u64) -> Figure {
    let citizen = {
        let mut connection = bench.pool.get().expect("a connection");
        pakn::db::users::find_by_email(&mut connection, CITIZEN).expect("a query").expect("the demo citizen")
    };
    let office = {
        let mut connection = bench.pool.get().expect("a connection");
        pakn::db::agencies::find_by_code(&mut connection, "hue-ban-tiep-cong-dan")
            .expect("a query")
            .expect("the office")
            .id
    };
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let results: Vec<(Vec<Duration>, u64)> = std::thread::scope(|scope| {
        let writers: Vec<_> = (0..FILERS)
            .map(|w| {
                let (citizen, office) = (&citizen, &office);
                scope.spawn(move || {
                    let mut connection = bench.pool.get().expect("a connection");
                    let (mut latencies, mut failures, mut k) = (Vec::new(), 0u64, 0usize);
                    while Instant::now() < deadline {
                        k += 1;
                        let began = Instant::now();
                        let written = pakn::db::transaction(&mut connection, |c| {
                            write_filing_rows(c, context, citizen, office, w, k)
                        });
                        match written {
                            Ok(()) => latencies.push(began.elapsed()),
                            Err(_) => failures += 1,
                        }
                    }
                    (latencies, failures)
                })
            })
            .collect();
        writers.into_iter().map(|w| w.join().expect("a writer")).collect()
    });
    let elapsed = started.elapsed().as_secs_f64();
    let failed = results.iter().map(|(_, f)| f).sum();
    let mut latencies: Vec<Duration> = results.into_iter().flat_map(|(l, _)| l).collect();
    latencies.sort();
    Figure {
        per_second: latencies.len() as f64 / elapsed,
        p50: support::percentile(&latencies, 0.50),
        p99: support::percentile(&latencies, 0.99),
        failed,
        peak_kib: 0,
    }
}

fn write_filing_rows(
    c: &mut DbConnection,
    context: &Context,
    citizen: &pakn::domain::account::User,
    office: &pakn::domain::ids::AgencyId,
    writer: usize,
    k: usize,
) -> Result<(), ServiceError> {
    let now = context.now();
    let petition = rows::Petition {
        agency: Some(office.to_string()),
        ..rows::Petition::new(
            CATEGORY,
            format!("Đèn đường hỏng, người viết {writer}, lần {k}"),
            DESCRIPTION.into(),
            now,
        )
    };
    let (id, code) = (PetitionId::from_stored(petition.id.clone()), &petition.code);
    pakn::db::petitions::insert_row(
        c,
        &NewPetitionRow {
            latitude: Some(16.4637),
            longitude: Some(107.5909),
            petitioner_id: Some(citizen.id.as_str()),
            filed_by_id: Some(citizen.id.as_str()),
            routing_basis: Some("routing rule"),
            reached_agency_at: Some(now),
            ..petition.row()
        },
    )?;
    let petitioner = Petitioner {
        full_name: Some(citizen.full_name.clone()),
        email: Some(CITIZEN.to_string()),
        phone: None,
        address: None,
        co_petitioners: Vec::new(),
    };
    let kept = pakn::service::petitions::petitioners::keep(
        context,
        &id,
        code,
        PetitionKind::Feedback,
        false,
        &petitioner,
        None,
    )?;
    pakn::db::petitioners::insert(c, &id, &kept)?;
    let entry = TimelineEntry {
        actor_id: Some(&citizen.id),
        kind: EventKind::PetitionFiled,
        visibility: Visibility::Public,
        note: Some("Đơn đã được tiếp nhận / The petition was received"),
        data: serde_json::json!({
            "channel": "web",
            "open311_client": null,
            "assigned_agency_id": office.as_str(),
            "routing_basis": "routing rule",
        }),
    };
    events::record_on_petition(c, &id, entry, now)?;
    notices::record_current_shown(c, NoticeOccasion::Filing, ShownTo::Petitioner(&id), now)?;
    let link = format!("{}/track/{code}", context.settings.public_base_url);
    let content = pakn::mail::templates::petition_receipt(
        Language::Vietnamese,
        &citizen.full_name,
        code.as_str(),
        Some(&petition.title),
        petition.acceptance_due,
        &link,
    );
    let to = Addressee { address: CITIZEN, name: Some(&citizen.full_name), hidden: false };
    pakn::service::outbox::enqueue_to(c, to, &content, now)?;
    Ok(())
}

/// "2 cores, 23.5 GiB, <CPU model>", from /proc.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let kib: f64 = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0.0);
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map_or("", |v| v.trim_start_matches([' ', '\t', ':']));
    format!("{cores} cores, {:.1} GiB, {model}", kib / 1024.0 / 1024.0)
}

fn commit() -> String {
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default()
    };
    let head = git(&["rev-parse", "--short", "HEAD"]);
    if git(&["status", "--porcelain", "--untracked-files=no"]).is_empty() {
        head
    } else {
        format!("{head} + uncommitted changes")
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn rss(kib: u64) -> String {
    if kib == 0 { "–".into() } else { format!("{:.0} MiB", kib as f64 / 1024.0) }
}

fn main() {
    if support::load::client_process() {
        return;
    }
    let count = env_number("BENCH_PETITIONS", 10_000);
    let readers = env_number("BENCH_CLIENTS", 16);
    let seconds = support::seconds();
    let reuse = support::fill::reuse_requested();
    // The raw writers need a connection each; pakn itself keeps its default pool.
    let bench = support::prepare(&[("PAKN_DB_POOL_SIZE", "8")]);
    let backend = bench.backend;
    let load_before = load_average();
    println!("proof on {backend}: {count} petitions, {seconds} s a figure, load average {load_before}");

    let mut connection = bench.pool.get().expect("a connection");
    let version = database_version(&mut connection);
    let present = support::fill::rows_in(&mut connection, "petitions");
    if reuse && present > 0 {
        // Filings of earlier runs are there too.
        assert!(present >= count as i64, "BENCH_REUSE: the database holds {present} petitions, fewer than {count}");
        println!("  BENCH_REUSE: {present} petitions already there, not filled again");
    } else {
        let now = SystemClock.now_utc();
        let start = now - TimeDelta::days(SPAN_DAYS as i64 + 1);
        let took = fill(&mut connection, count, start, SystemClock.today_in_vietnam(), true);
        println!("  filled {count} petitions in {:.1} s", took.as_secs_f64());
    }
    let coded = std::time::Instant::now();
    let codes = give_codes(&mut connection, count);
    // Giving the codes rewrote the table's rows: leave it at rest, as the fill did.
    let settle = match *connection {
        DbConnection::Postgres(_) => "VACUUM ANALYZE petitions",
        DbConnection::Sqlite(_) => "PRAGMA wal_checkpoint(TRUNCATE)",
    };
    if let DbConnection::Postgres(_) = *connection {
        // pakn's pool bounds every statement (`statement_timeout`); vacuuming a million rows is not
        // a request, and a reused database's vacuum takes longer than that bound.
        connection.batch_execute("SET statement_timeout = 0").expect("no bound for the vacuum");
    }
    connection.batch_execute(settle).expect("the table at rest");
    println!("  every petition given a real tracking code in {:.1} s", coded.elapsed().as_secs_f64());
    let codes_file = bench.folder.join("codes.txt");
    std::fs::create_dir_all(&bench.folder).expect("the bench folder");
    std::fs::write(&codes_file, codes.join("\n") + "\n").expect("the codes");
    let hash = PasswordHash::new(pakn::security::passwords::hash_now(PASSWORD).expect("a hash"));
    // The demo citizen files, with the benchmark's password (kept where it already exists).
    pakn::service::demo::accounts::seed(&mut connection, &hash, SystemClock.now_utc()).expect("demo accounts");
    let commune = filtered_commune(&mut connection);
    drop(connection);

    let (pakn, address) = start_pakn(&bench);
    let pid = pakn.id();
    println!("  pakn (pid {pid}) at http://{address}; {} codes to look up", codes.len());
    let login = format!(r#"{{"email":"{CITIZEN}","password":"{PASSWORD}"}}"#);
    let (status, tokens) = http(&address, "POST", "/api/v1/auth/login", Some(&login)).expect("a login");
    assert_eq!(status, 200, "login: {tokens}");
    let tokens: serde_json::Value = serde_json::from_str(&tokens).expect("tokens");
    let token = tokens["access_token"].as_str().expect("an access token").to_string();
    let (status, body) = http(&address, "GET", ONE_READ, None).expect("the category");
    assert_eq!(status, 200, "the one-read route: {body}");
    let reads = public_reads(&codes_file, &codes[codes.len() / 2], &commune);
    for (_, requests) in &reads {
        check_read(&address, requests, &codes[0]);
    }

    let client = Client::choose();
    println!("  load from {}", client.describe());
    let folder = &bench.folder;
    let run = |requests: &Requests, connections: usize| {
        measure(pid, || client.run(folder, requests, connections, seconds, &address))
    };
    // A short warm-up, not measured: connections, caches, the database's pages.
    client.run(folder, &reads[0].1, readers, 2, &address);
    let ceiling = run(&Requests::Get("/health/live".into()), readers);
    let one_read = run(&Requests::Get(ONE_READ.into()), readers);
    let public: Vec<(String, Figure)> = reads
        .into_iter()
        .map(|(name, requests)| {
            let figure = run(&requests, readers);
            println!("  {name}: done");
            (name, figure)
        })
        .collect();
    let filing = run(&Requests::Post { path: "/api/v1/petitions".into(), token, template: filing_body() }, FILERS);
    println!("  filing: done");
    // Each figure reset the peak before it ran, where Linux allows: the run's peak is theirs.
    let figures: Vec<Figure> = [ceiling, one_read, filing].into_iter().chain(public.iter().map(|(_, f)| *f)).collect();
    let peak_reset = figures.iter().all(|f| f.peak_kib > 0);
    let peak = if peak_reset {
        figures.iter().map(|f| f.peak_kib).max().unwrap_or(0)
    } else {
        support::process_status_kib(&pid.to_string(), "VmHWM:")
    };
    // On a fresh database the jobs' first rounds (a sweep over every petition due) are running.
    let stopped_in = pakn.stop();

    // pakn is stopped: the raw writers have the database (and the cores) to themselves, as its
    // filers had, less pakn's own work.
    let context = bench.context();
    let raw = raw_limit(&bench, &context, seconds);
    println!("  raw limit: done");
    let load_after = load_average();

    // A line of the table; `beside`: the limit's name, its figure, and whether the ratio is a headline.
    let line = |name: &str, f: &Figure, beside: Option<(&str, &Figure, bool)>| {
        let (limit, ratio) = match beside {
            Some((limit, of, headline)) if of.per_second > 0.0 => {
                let ratio = format!("{:.2}", f.per_second / of.per_second);
                (limit, if headline { format!("**{ratio}**") } else { ratio })
            }
            Some((limit, _, _)) => (limit, "–".into()),
            None => ("–", "–".into()),
        };
        format!(
            "| {name} | {:.0}/s | {} | {} | {} | {} | {limit} | {ratio} |",
            f.per_second,
            ms(f.p50),
            ms(f.p99),
            f.failed,
            rss(f.peak_kib)
        )
    };
    let date = chrono::Utc::now().format("%Y-%m-%d %H:%M UTC");
    let note = std::env::var("BENCH_NOTE").unwrap_or_default();
    let mut table = vec![
        "| figure | ok/s | p50 | p99 | failed | pakn peak RSS | limit | ratio |".to_string(),
        "| --- | --- | --- | --- | --- | --- | --- | --- |".to_string(),
        line("`GET /health/live` (no database: the HTTP ceiling)", &ceiling, None),
        line(
            &format!("`GET {ONE_READ}` (one indexed read through the pool)"),
            &one_read,
            Some(("the ceiling", &ceiling, false)),
        ),
    ];
    table.extend(public.iter().map(|(name, f)| line(name, f, Some(("one read", &one_read, true)))));
    table.push(line(
        &format!("filing, `POST /api/v1/petitions`, {FILERS} connections"),
        &filing,
        Some(("same-shape raw", &raw, true)),
    ));
    table.push(line(&format!("same-shape raw: a filing's rows, one transaction each, {FILERS} writers"), &raw, None));
    let table = table.join("\n");
    let details = format!(
        "{date}, {backend} ({version}), {count} petitions; {}; commit {}; load average {load_before} before, \
         {load_after} after; {seconds} s a figure, load from {}, {readers} connections a read figure; pakn peak RSS \
         over the whole run {}{}; pakn exited {:.1} s after SIGTERM.{}",
        machine(),
        commit(),
        client.describe(),
        rss(peak),
        if peak_reset { "" } else { " (per figure: not measured, /proc/<pid>/clear_refs refused)" },
        stopped_in.as_secs_f64(),
        if note.is_empty() { String::new() } else { format!(" {note}") }
    );
    println!("\n{details}\n\n{table}\n");

    let results = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/RESULTS.md");
    if std::env::var("BENCH_RECORD").is_ok_and(|v| v == "0") {
        println!("  BENCH_RECORD=0: a trial, not appended to {}", results.display());
    } else {
        record(&results, &details, &table);
        println!("  appended to {}", results.display());
    }
}

const SECTION: &str = "## Proof (`cargo bench --bench proof`) — issue #16";

/// Appends one run to `RESULTS.md`, under the proof's section (added once, at the end).
fn record(results: &Path, details: &str, table: &str) {
    let mut text = std::fs::read_to_string(results).unwrap_or_default();
    if !text.contains(SECTION) {
        text.push_str(&format!(
            "\n{SECTION}\n\nOne command fills the database, starts the release binary as its own process and \
             measures each figure beside its limit from `wrk` over loopback, in the same run; the ratios are the \
             headline (issue #16's targets: the public page, lists and statistics ≥ 0.7 × one read, filing ≥ 0.5 × the same-shape raw \
             limit, peak RSS < 150 MB). See `benches/README.md` for what each figure does.\n"
        ));
    }
    text.push_str(&format!("\n{details}\n\n{table}\n"));
    std::fs::write(results, text).expect("RESULTS.md");
}
