//! The one way time enters pakn, so that deadlines, sweeps and "valid today" are deterministic in tests.

use chrono::{NaiveDate, NaiveDateTime};

pub trait Clock: Send + Sync + 'static {
    /// Now, as naive UTC truncated to microseconds (the precision both databases keep).
    fn now_utc(&self) -> NaiveDateTime;

    /// Today's date in Vietnam, where deadlines and validity are counted.
    fn today_in_vietnam(&self) -> NaiveDate {
        crate::domain::time::vietnam_date(self.now_utc())
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    /// Truncated to microseconds: PostgreSQL keeps microseconds, SQLite would keep nanoseconds,
    /// and a stored instant must read back equal on both.
    fn now_utc(&self) -> NaiveDateTime {
        use chrono::{DurationRound, TimeDelta};
        let now = chrono::Utc::now().naive_utc();
        now.duration_trunc(TimeDelta::microseconds(1)).unwrap_or(now)
    }
}

/// A clock that always reads the same instant.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub NaiveDateTime);

impl Clock for FixedClock {
    fn now_utc(&self) -> NaiveDateTime {
        self.0
    }
}
