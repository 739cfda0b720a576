//! Background work started with the server, each job on a thread of its own (diesel and SMTP are
//! blocking), never on the request threads: the outbox worker delivers queued e-mail; the
//! deadline sweep sends reminders, marks petitions overdue and closes resolved ones; the retention
//! job purges what the data-protection rules keep only for a time; the audit sealer seals new
//! events into the chain and publishes the day's anchor; the open data job writes the day's
//! export. Every process runs them all; leases, row locks and version guards keep two processes
//! from doing a thing twice.
//!
//! The jobs take turns on a pool of their own (`PAKN_DB_BACKGROUND_POOL_SIZE`), never on the
//! requests' connections: the first sweep over a million petitions runs for minutes, and while the
//! jobs shared the serving pool the first requests after a start were answered 503.

use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::clock::Clock;
use crate::db::{DbConnection, DbPool, PooledConnection};
use crate::mail::Mailer;
use crate::service::consultations;
use crate::service::outbox::{self, DeliveryPolicy};
use crate::service::oversight::{audit, recommendations};
use crate::service::personal_data::retention;
use crate::service::reception;
use crate::service::reports::open_data;
use crate::service::shutdown::Shutdown;
use crate::service::{Context, handling::sweep as deadline_sweep};

/// A job running a round every `interval`. Dropping it asks its round to stop at its next clean
/// point (the long rounds look at their [`Shutdown`] between transactions) and waits for it.
pub struct BackgroundJob {
    shutdown: Shutdown,
    thread: Option<JoinHandle<()>>,
}

impl BackgroundJob {
    /// Runs `round` on a connection from `pool` every `interval`; a round that finds no connection
    /// is skipped (see [`connection_for`]).
    pub fn start(
        name: &str,
        interval: Duration,
        pool: DbPool,
        mut round: impl FnMut(&mut DbConnection, &Shutdown) + Send + 'static,
    ) -> std::io::Result<Self> {
        let shutdown = Shutdown::default();
        let stopping = shutdown.clone();
        let job = name.to_string();
        let thread = std::thread::Builder::new().name(name.into()).spawn(move || {
            while !stopping.has_begun() {
                // The connection goes back to the pool before the sleep, for the other jobs.
                if let Some(mut connection) = connection_for(&job, &pool) {
                    round(&mut connection, &stopping);
                }
                // A round stuck on a hung database shows as this line's absence
                // (`tests/api/faults/database_hangs.rs` waits for it once the database is back).
                tracing::debug!(job = %job, "round finished");
                sleep_unless_stopped(&stopping, interval);
            }
        })?;
        Ok(BackgroundJob { shutdown, thread: Some(thread) })
    }

    /// Asks the job to stop without waiting for it, so that several jobs stop side by side.
    fn begin_stopping(&self) {
        self.shutdown.begin();
    }
}

/// Stops every job: all are asked at once, then each is waited for, so that stopping takes the
/// longest job's last transaction, not the sum of them.
pub fn stop_all(jobs: Vec<BackgroundJob>) {
    for job in &jobs {
        job.begin_stopping();
    }
    drop(jobs);
}

/// A connection for one round of `job`. The jobs share a few connections: finding them all busy
/// with other jobs' rounds is no fault (the job tries again at its next round), failing to open
/// one is.
fn connection_for(job: &str, pool: &DbPool) -> Option<PooledConnection> {
    match pool.get() {
        Ok(connection) => Some(connection),
        Err(error) => {
            let state = pool.state();
            if state.connections == pool.max_size() && state.idle_connections == 0 {
                tracing::debug!(job, "every background connection is busy: the round waits for the next");
            } else {
                tracing::warn!(job, error = %error, "no database connection for the round");
            }
            None
        }
    }
}

/// Sleeps in short steps so that a stop request is honoured quickly.
fn sleep_unless_stopped(shutdown: &Shutdown, total: Duration) {
    let step = Duration::from_millis(50);
    let mut slept = Duration::ZERO;
    while slept < total && !shutdown.has_begun() {
        std::thread::sleep(step.min(total - slept));
        slept += step;
    }
}

impl Drop for BackgroundJob {
    fn drop(&mut self) {
        self.shutdown.begin();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

pub type OutboxWorker = BackgroundJob;

/// Delivers the outbox: claims due messages under a lease, sends them, retries with backoff.
pub fn start_outbox_worker(
    context: &Context,
    mailer: Mailer,
    policy: DeliveryPolicy,
    poll: Duration,
) -> std::io::Result<OutboxWorker> {
    // Each process is its own worker; the lease on every message keeps two from sending one.
    let worker_id = format!("{}-{}", std::process::id(), uuid::Uuid::new_v4().simple());
    let clock: Arc<dyn Clock> = context.clock.clone();
    BackgroundJob::start("pakn-outbox", poll, context.background_pool.clone(), move |connection, shutdown| {
        let now = || clock.now_utc();
        match outbox::deliver_due(connection, &mailer, &worker_id, &now, policy, shutdown) {
            Ok(report) if report.sent + report.retrying + report.failed > 0 => {
                tracing::info!(sent = report.sent, retrying = report.retrying, failed = report.failed, "outbox round");
            }
            Ok(_) => {}
            Err(error) => tracing::error!(error = %error, "outbox round failed"),
        }
    })
}

/// Sweeps petitions' deadlines, recommendations' respond-by days, (once a month) the heads'
/// reception days of the month before, and consultations' overdue syntheses, every `interval`.
pub fn start_deadline_sweep(context: Context, interval: Duration) -> std::io::Result<BackgroundJob> {
    BackgroundJob::start("pakn-deadlines", interval, context.background_pool.clone(), move |connection, shutdown| {
        match deadline_sweep::sweep(connection, &context, shutdown) {
            Ok(report) if report.total() > 0 => tracing::info!(
                reminded = report.reminded,
                overdue = report.overdue,
                closed = report.closed,
                "deadline sweep"
            ),
            Ok(_) => {}
            Err(error) => tracing::error!(error = %error, "deadline sweep failed"),
        }
        // The other sweeps are small (a few rows a day each): they are skipped, not cut short.
        if shutdown.has_begun() {
            return;
        }
        match recommendations::sweep(connection, &context) {
            Ok(report) if report == recommendations::SweepReport::default() => {}
            Ok(report) => tracing::info!(
                reminded = report.reminded,
                overdue = report.overdue,
                "recommendations near or past their respond-by day"
            ),
            Err(error) => tracing::error!(error = %error, "recommendation sweep failed"),
        }
        match reception::sweep::sweep(connection, &context) {
            Ok(0) => {}
            Ok(short) => tracing::info!(short, "heads short of the reception-day minimum last month"),
            Err(error) => tracing::error!(error = %error, "reception-day sweep failed"),
        }
        match consultations::sweep::sweep(connection, &context) {
            Ok(0) => {}
            Ok(overdue) => tracing::info!(overdue, "consultations whose synthesis became overdue"),
            Err(error) => tracing::error!(error = %error, "consultation synthesis sweep failed"),
        }
    })
}

/// Purges, every `interval`, what the data-protection rules keep only for a time: ended sessions,
/// used links, old counters and remembered answers, sent mail's recipients, the petitioners of
/// petitions past their archive period, old entries of the access log.
pub fn start_retention(context: Context, interval: Duration) -> std::io::Result<BackgroundJob> {
    BackgroundJob::start("pakn-retention", interval, context.background_pool.clone(), move |connection, shutdown| {
        match retention::purge(connection, &context, shutdown) {
            Ok(report) if report.total() > 0 => tracing::info!(removed = report.total(), "retention purge"),
            Ok(_) => {}
            Err(error) => tracing::error!(error = %error, "retention round failed"),
        }
    })
}

/// Seals new events into the audit chain every `interval`, and publishes the day's anchor when
/// due. The chain's head is locked while sealing, so every process may run it.
pub fn start_audit_sealer(context: Context, interval: Duration) -> std::io::Result<BackgroundJob> {
    BackgroundJob::start("pakn-audit", interval, context.background_pool.clone(), move |connection, shutdown| {
        match audit::seal::seal_queued(connection, context.now(), shutdown) {
            Ok(0) => {}
            Ok(sealed) => tracing::debug!(sealed, "audit chain sealed"),
            Err(error) => tracing::error!(error = %error, "sealing the audit chain failed"),
        }
        match audit::anchors::publish_if_due(connection, &context, shutdown) {
            Ok(Some(anchor)) => tracing::info!(position = anchor.position, "audit anchor published"),
            Ok(None) => {}
            Err(error) => tracing::error!(error = %error, "publishing the audit anchor failed"),
        }
    })
}

/// Writes the day's open data once a day (checked every `interval`); two processes writing the
/// same day only replace one whole file with another.
pub fn start_open_data(context: Context, interval: Duration) -> std::io::Result<BackgroundJob> {
    BackgroundJob::start("pakn-open-data", interval, context.background_pool.clone(), move |connection, shutdown| {
        match open_data::export_if_due(connection, &context, shutdown) {
            Ok(Some(rows)) => tracing::info!(rows, "open data exported"),
            Ok(None) => {}
            Err(error) => tracing::error!(error = %error, "exporting the open data failed"),
        }
    })
}
