//! This process's SQLite write transactions, queued first come, first served.
//!
//! SQLite lets one connection write at a time. The others wait in its busy handler, which sleeps
//! and retries — up to 100 ms a sleep, in no order — so under eight concurrent filers some waited
//! over a second while others went straight through (the proof's p99, `benches/RESULTS.md`).
//! Taking a fair lock before `BEGIN IMMEDIATE` makes each writer wait exactly for those ahead of
//! it, and SQLite's own lock is then contended only by other processes.
//!
//! One lock for the process, not one per database file: pakn serves one database, and where many
//! share a process (the test binary, each test with its own file) their write transactions take
//! turns, which costs them a little parallelism and nothing else. The wait is bounded by SQLite's
//! own busy timeout; past it the transaction goes on without its turn and SQLite decides, as it
//! did before this queue, so a stuck writer can never wedge the process for longer than that.

use std::time::Duration;

use parking_lot::{FairMutex, FairMutexGuard, const_fair_mutex};

/// As long as SQLite's `busy_timeout` (`pool::SQLITE_SETTINGS`).
const LONGEST_WAIT: Duration = Duration::from_secs(10);

static QUEUE: FairMutex<()> = const_fair_mutex(());

/// This writer's turn, held until it is dropped; `None` when the wait outlasted the busy timeout.
pub(super) fn turn() -> Option<FairMutexGuard<'static, ()>> {
    QUEUE.try_lock_for(LONGEST_WAIT)
}
