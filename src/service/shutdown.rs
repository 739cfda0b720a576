//! The stop a background job is asked for when pakn shuts down. The long rounds (the deadline
//! sweep, the retention purge, the audit sealer, the open data export) look at it between their
//! transactions, so a SIGTERM is honoured within one transaction however much work is due: the
//! first sweep over a million petitions used to hold a stopping pakn for three minutes.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Shared by a job and its rounds (a clone shares the one flag). The default is a shutdown not
/// begun, for callers that run a round to its end: tests, one-off commands, requests.
#[derive(Debug, Clone, Default)]
pub struct Shutdown(Arc<AtomicBool>);

impl Shutdown {
    /// Asks every round holding this shutdown to stop at its next clean point.
    pub fn begin(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn has_begun(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shutdown_begun_through_one_clone_is_seen_through_every_other() {
        let job = Shutdown::default();
        let round = job.clone();
        assert!(!round.has_begun());
        job.begin();
        assert!(round.has_begun());
    }
}
