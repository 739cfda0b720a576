//! Background work started with the server, each job on a thread of its own (diesel and SMTP are
//! blocking), never on the request threads: the outbox worker delivers queued e-mail; the
//! deadline sweep sends reminders, marks petitions overdue and closes resolved ones; the retention
//! job purges what the data-protection rules keep only for a time; the audit sealer seals new
//! events into the chain and publishes the day's anchor; the open data job writes the day's
//! export. Every process runs them all; leases, row locks and version guards keep two processes
//! from doing a thing twice.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::clock::Clock;
use crate::db::DbPool;
use crate::mail::Mailer;
use crate::service::consultations;
use crate::service::outbox::{self, DeliveryPolicy};
use crate::service::oversight::{audit, recommendations};
use crate::service::personal_data::retention;
use crate::service::reception;
use crate::service::reports::open_data;
use crate::service::{Context, handling::sweep as deadline_sweep};

/// A job running a round every `interval`; dropping it stops the job after its current round.
pub struct BackgroundJob {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl BackgroundJob {
    pub fn start(name: &str, interval: Duration, mut round: impl FnMut() + Send + 'static) -> std::io::Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let job = name.to_string();
        let thread = std::thread::Builder::new().name(name.into()).spawn(move || {
            while !stopping.load(Ordering::Relaxed) {
                round();
                // A round stuck on a hung database shows as this line's absence
                // (`tests/api/faults/database_hangs.rs` waits for it once the database is back).
                tracing::debug!(job = %job, "round finished");
                sleep_unless_stopped(&stopping, interval);
            }
        })?;
        Ok(BackgroundJob { stop, thread: Some(thread) })
    }
}

/// Sleeps in short steps so that a stop request is honoured quickly.
fn sleep_unless_stopped(stop: &AtomicBool, total: Duration) {
    let step = Duration::from_millis(50);
    let mut slept = Duration::ZERO;
    while slept < total && !stop.load(Ordering::Relaxed) {
        std::thread::sleep(step.min(total - slept));
        slept += step;
    }
}

impl Drop for BackgroundJob {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

pub type OutboxWorker = BackgroundJob;

/// Delivers the outbox: claims due messages under a lease, sends them, retries with backoff.
pub fn start_outbox_worker(
    pool: DbPool,
    mailer: Mailer,
    clock: Arc<dyn Clock>,
    policy: DeliveryPolicy,
    poll: Duration,
) -> std::io::Result<OutboxWorker> {
    // Each process is its own worker; the lease on every message keeps two from sending one.
    let worker_id = format!("{}-{}", std::process::id(), uuid::Uuid::new_v4().simple());
    BackgroundJob::start("pakn-outbox", poll, move || match pool.get() {
        Ok(mut connection) => {
            let now = || clock.now_utc();
            match outbox::deliver_due(&mut connection, &mailer, &worker_id, &now, policy) {
                Ok(report) if report.sent + report.retrying + report.failed > 0 => {
                    tracing::info!(
                        sent = report.sent,
                        retrying = report.retrying,
                        failed = report.failed,
                        "outbox round"
                    );
                }
                Ok(_) => {}
                Err(error) => tracing::error!(error = %error, "outbox round failed"),
            }
        }
        Err(error) => tracing::warn!(error = %error, "outbox worker has no database connection"),
    })
}

/// Sweeps petitions' deadlines, recommendations' respond-by days, (once a month) the heads'
/// reception days of the month before, and consultations' overdue syntheses, every `interval`.
pub fn start_deadline_sweep(context: Context, interval: Duration) -> std::io::Result<BackgroundJob> {
    BackgroundJob::start("pakn-deadlines", interval, move || match context.pool.get() {
        Ok(mut connection) => {
            match deadline_sweep::sweep(&mut connection, &context) {
                Ok(report) if report.total() > 0 => tracing::info!(
                    reminded = report.reminded,
                    overdue = report.overdue,
                    closed = report.closed,
                    "deadline sweep"
                ),
                Ok(_) => {}
                Err(error) => tracing::error!(error = %error, "deadline sweep failed"),
            }
            match recommendations::sweep(&mut connection, &context) {
                Ok(report) if report == recommendations::SweepReport::default() => {}
                Ok(report) => tracing::info!(
                    reminded = report.reminded,
                    overdue = report.overdue,
                    "recommendations near or past their respond-by day"
                ),
                Err(error) => tracing::error!(error = %error, "recommendation sweep failed"),
            }
            match reception::sweep::sweep(&mut connection, &context) {
                Ok(0) => {}
                Ok(short) => tracing::info!(short, "heads short of the reception-day minimum last month"),
                Err(error) => tracing::error!(error = %error, "reception-day sweep failed"),
            }
            match consultations::sweep::sweep(&mut connection, &context) {
                Ok(0) => {}
                Ok(overdue) => tracing::info!(overdue, "consultations whose synthesis became overdue"),
                Err(error) => tracing::error!(error = %error, "consultation synthesis sweep failed"),
            }
        }
        Err(error) => tracing::warn!(error = %error, "deadline sweep has no database connection"),
    })
}

/// Purges, every `interval`, what the data-protection rules keep only for a time: ended sessions,
/// used links, old counters and remembered answers, sent mail's recipients, the petitioners of
/// petitions past their archive period, old entries of the access log.
pub fn start_retention(context: Context, interval: Duration) -> std::io::Result<BackgroundJob> {
    BackgroundJob::start("pakn-retention", interval, move || match context.pool.get() {
        Ok(mut connection) => match retention::purge(&mut connection, &context) {
            Ok(report) if report.total() > 0 => tracing::info!(removed = report.total(), "retention purge"),
            Ok(_) => {}
            Err(error) => tracing::error!(error = %error, "retention round failed"),
        },
        Err(error) => tracing::warn!(error = %error, "retention job has no database connection"),
    })
}

/// Seals new events into the audit chain every `interval`, and publishes the day's anchor when
/// due. The chain's head is locked while sealing, so every process may run it.
pub fn start_audit_sealer(context: Context, interval: Duration) -> std::io::Result<BackgroundJob> {
    BackgroundJob::start("pakn-audit", interval, move || match context.pool.get() {
        Ok(mut connection) => {
            match audit::seal::seal_queued(&mut connection, context.now()) {
                Ok(0) => {}
                Ok(sealed) => tracing::debug!(sealed, "audit chain sealed"),
                Err(error) => tracing::error!(error = %error, "sealing the audit chain failed"),
            }
            match audit::anchors::publish_if_due(&mut connection, &context) {
                Ok(Some(anchor)) => tracing::info!(position = anchor.position, "audit anchor published"),
                Ok(None) => {}
                Err(error) => tracing::error!(error = %error, "publishing the audit anchor failed"),
            }
        }
        Err(error) => tracing::warn!(error = %error, "audit sealer has no database connection"),
    })
}

/// Writes the day's open data once a day (checked every `interval`); two processes writing the
/// same day only replace one whole file with another.
pub fn start_open_data(context: Context, interval: Duration) -> std::io::Result<BackgroundJob> {
    BackgroundJob::start("pakn-open-data", interval, move || match context.pool.get() {
        Ok(mut connection) => match open_data::export_if_due(&mut connection, &context) {
            Ok(Some(rows)) => tracing::info!(rows, "open data exported"),
            Ok(None) => {}
            Err(error) => tracing::error!(error = %error, "exporting the open data failed"),
        },
        Err(error) => tracing::warn!(error = %error, "open data job has no database connection"),
    })
}
