//! Everything diesel: connections and the pool, migrations, the schema, and one file per table group.
//! Functions here return `QueryResult` and know nothing of HTTP.
//!
//! A row found by a unique key (or an aggregate's one row) is read with `get_result`, not
//! `first`: `first` binds `LIMIT ?`, and SQLite then prepares the statement again at every
//! execution, its planner reading the bound limit — 41% of the public status page's CPU at a
//! million petitions (`perf`, 2026-12-01). `first` stays where an `order` needs the limit
//! (`tests/api/architecture.rs` checks it).

pub mod admin_units;
pub mod agencies;
pub mod attachments;
pub mod calendar;
pub mod calendar_years;
pub mod categories;
mod connection;
pub mod consultations;
pub mod deadline_rules;
pub mod decode;
pub mod events;
pub mod idempotency;
pub mod messages;
pub mod migrate;
pub mod one_time_tokens;
pub mod open311;
pub mod outbox;
pub mod oversight;
pub mod personal_data;
pub mod petitioners;
pub mod petitions;
mod pool;
pub mod reception;
pub mod reference_version;
pub mod reports;
pub mod routing_rules;
pub mod schema;
pub mod seeds;
pub mod sessions;
pub mod throttles;
pub mod users;
mod write_queue;

pub use connection::{DatabaseUrl, DbConnection, MultiBackend, redact_password};
pub use pool::{ConnectError, DbPool, PoolSettings, PooledConnection, connect_pool, establish, unchecked_pool};

/// Runs `work` in a transaction meant to write. On SQLite it begins `IMMEDIATE`: a deferred
/// transaction that reads and then writes fails at once with "database is locked" when another
/// connection committed in between, because SQLite cannot wait on that lock upgrade; taking the
/// write lock up front makes it wait its turn instead — in this process's queue first
/// ([`write_queue`]), then SQLite's busy timeout for other processes. Nested calls are savepoints.
pub fn transaction<T, E, F>(connection: &mut DbConnection, work: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    use diesel::Connection;
    use diesel::connection::{AnsiTransactionManager, TransactionManager};

    let opens_sqlite_transaction = match connection {
        DbConnection::Sqlite(sqlite) => {
            AnsiTransactionManager::transaction_manager_status_mut(sqlite).transaction_depth()?.is_none()
        }
        DbConnection::Postgres(_) => false,
    };
    if !opens_sqlite_transaction {
        return connection.transaction(work);
    }
    // Held until the commit or rollback: this process's writers take SQLite's lock in turn.
    let _turn = write_queue::turn();
    if let DbConnection::Sqlite(sqlite) = connection {
        AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE")?;
    }
    let outcome = work(connection);
    if let DbConnection::Sqlite(sqlite) = connection {
        match &outcome {
            Ok(_) => AnsiTransactionManager::commit_transaction(sqlite)?,
            Err(_) => AnsiTransactionManager::rollback_transaction(sqlite)?,
        }
    }
    outcome
}
