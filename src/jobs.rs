//! Background work started with the server: the outbox worker delivers queued e-mail.
//! It runs on a thread of its own (diesel and SMTP are blocking), never on the request threads.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::clock::Clock;
use crate::db::DbPool;
use crate::mail::Mailer;
use crate::service::outbox::{self, DeliveryPolicy};

/// The running worker; dropping it stops the worker after its current round.
pub struct OutboxWorker {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl OutboxWorker {
    pub fn start(
        pool: DbPool,
        mailer: Mailer,
        clock: Arc<dyn Clock>,
        policy: DeliveryPolicy,
        poll: Duration,
    ) -> std::io::Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        // Each process is its own worker; the lease on every message keeps two from sending one.
        let worker_id = format!("{}-{}", std::process::id(), uuid::Uuid::new_v4().simple());
        let thread = std::thread::Builder::new().name("pakn-outbox".into()).spawn(move || {
            while !stopping.load(Ordering::Relaxed) {
                match pool.get() {
                    Ok(mut connection) => {
                        let now = || clock.now_utc();
                        match outbox::deliver_due(&mut connection, &mailer, &worker_id, &now, policy) {
                            Ok(report) if report.sent + report.retrying + report.failed > 0 => {
                                tracing::info!(
                                    sent = report.sent,
                                    retrying = report.retrying,
                                    failed = report.failed,
                                    "outbox round"
                                )
                            }
                            Ok(_) => {}
                            Err(error) => tracing::error!(error = %error, "outbox round failed"),
                        }
                    }
                    Err(error) => tracing::warn!(error = %error, "outbox worker has no database connection"),
                }
                sleep_unless_stopped(&stopping, poll);
            }
        })?;
        Ok(OutboxWorker { stop, thread: Some(thread) })
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

impl Drop for OutboxWorker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
