//! What every load harness shares: a configured pakn on a fresh database, served in this
//! process, and latency percentiles.

#![allow(dead_code)] // each harness uses its own part of what is shared

pub mod fill;
pub mod load;
pub mod rows;

use std::collections::HashMap;
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use pakn::clock::SystemClock;
use pakn::config::Config;
use pakn::db::DbPool;
use pakn::service::Context;
use pakn::startup::{self, ServeSettings};

/// What a harness gives pakn, in this process or in one it starts.
pub const JWT_SECRET: &str = "a benchmark secret that is long enough for HS256";
pub fn identity_key() -> String {
    "5e".repeat(32)
}

pub struct Bench {
    pub config: Config,
    pub database_url: String,
    pub pool: DbPool,
    pub folder: PathBuf,
    pub backend: &'static str,
}

/// SQLite in a temporary folder, or `BENCH_DATABASE_URL` (an existing, empty database).
pub fn prepare(extra: &[(&str, &str)]) -> Bench {
    let folder = std::env::temp_dir().join(format!("pakn-bench-{}", uuid::Uuid::new_v4().simple()));
    let database_url = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", folder.join("pakn.db").display()));
    let mut vars = HashMap::from([
        ("PAKN_DATABASE_URL", database_url.clone()),
        ("PAKN_DATA_DIR", folder.display().to_string()),
        ("PAKN_JWT_SECRET", JWT_SECRET.to_string()),
        ("PAKN_IDENTITY_KEY", identity_key()),
        // Mail is written as files: the benchmark measures pakn, not a mail server.
        ("PAKN_OUTBOX_POLL_MILLISECONDS", "1000".to_string()),
    ]);
    for (name, value) in extra {
        vars.insert(name, value.to_string());
    }
    if let Ok(concurrency) = std::env::var("PAKN_PASSWORD_HASH_CONCURRENCY") {
        vars.insert("PAKN_PASSWORD_HASH_CONCURRENCY", concurrency);
    }
    let config = Config::from_lookup(|name| vars.get(name).cloned()).expect("a valid configuration");
    let pool = startup::prepare_database(&config, &SystemClock).expect("a database");
    let backend = if database_url.starts_with("postgres") { "PostgreSQL" } else { "SQLite" };
    Bench { config, database_url, pool, folder, backend }
}

impl Bench {
    pub fn context(&self) -> Context {
        startup::context(&self.config, self.pool.clone(), Arc::new(SystemClock)).expect("a context")
    }

    /// Serves the app on a free port (inside an actix System) and returns its base address.
    pub fn serve(&self, context: Context) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
        let address = format!("http://{}", listener.local_addr().expect("an address"));
        let server = startup::serve(listener, context, ServeSettings::from_config(&self.config)).expect("a server");
        actix_web::rt::spawn(server);
        address
    }
}

impl Drop for Bench {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

pub fn seconds() -> u64 {
    std::env::var("BENCH_SECONDS").ok().and_then(|v| v.parse().ok()).unwrap_or(20)
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

pub fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

/// "n ok (r/s); p50 …, p99 …, max …" for a sorted list of latencies over `seconds`.
pub fn summary(sorted: &[Duration], seconds: u64) -> String {
    format!(
        "{} ok ({:.1}/s); p50 {}, p99 {}, max {}",
        sorted.len(),
        sorted.len() as f64 / seconds as f64,
        ms(percentile(sorted, 0.50)),
        ms(percentile(sorted, 0.99)),
        ms(sorted.last().copied().unwrap_or_default())
    )
}

/// A field of `/proc/self/status` in KiB ("VmRSS:", "VmHWM:"); 0 where there is none.
pub fn status_kib(name: &str) -> u64 {
    process_status_kib("self", name)
}

/// A field of `/proc/<process>/status` in KiB ("self" or a process id); 0 where there is none.
pub fn process_status_kib(process: &str, name: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{process}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(name))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

pub fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}
