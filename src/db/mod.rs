//! Everything diesel: connections and the pool, migrations, the schema, and one file per table group.
//! Functions here return `QueryResult` and know nothing of HTTP.

pub mod admin_units;
pub mod agencies;
pub mod calendar;
pub mod categories;
mod connection;
pub mod migrate;
mod pool;
pub mod schema;
pub mod seeds;

pub use connection::{DatabaseUrl, DbConnection, MultiBackend, redact_password};
pub use pool::{ConnectError, DbPool, PooledConnection, connect_pool, establish, unchecked_pool};

/// Timestamps are stored as naive UTC truncated to microseconds: PostgreSQL keeps microseconds,
/// SQLite would keep nanoseconds, and a value must read back equal on both.
pub fn now_utc() -> chrono::NaiveDateTime {
    use chrono::{DurationRound, TimeDelta};
    let now = chrono::Utc::now().naive_utc();
    now.duration_trunc(TimeDelta::microseconds(1)).unwrap_or(now)
}
