//! What pakn publishes: the public figures, and the audit chain that proves its record whole.

use std::time::Duration;

use super::parse::{ConfigError, Read, number};

pub(super) fn stats_minimum(read: Read) -> Result<i64, ConfigError> {
    number(read, "PAKN_PUBLIC_STATS_MINIMUM", "20", 1, 100_000)
}

/// Zero is allowed: every request then computes the figures afresh.
pub(super) fn stats_max_age(read: Read) -> Result<Duration, ConfigError> {
    number(read, "PAKN_PUBLIC_STATS_MAX_AGE_SECONDS", "60", 0, 3_600).map(Duration::from_secs)
}

pub(super) fn audit_seal_interval(read: Read) -> Result<Duration, ConfigError> {
    number(read, "PAKN_AUDIT_SEAL_SECONDS", "5", 1, 3_600).map(Duration::from_secs)
}
