//! Counters of attempts per key within a time window, shared by every pakn process.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::throttles;
use crate::domain::throttle::Counter;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = throttles)]
struct ThrottleRow {
    hits: i32,
    window_started_at: NaiveDateTime,
    blocked_until: Option<NaiveDateTime>,
}

impl From<ThrottleRow> for Counter {
    fn from(row: ThrottleRow) -> Self {
        Counter { attempts: row.hits, window_started_at: row.window_started_at, wait_until: row.blocked_until }
    }
}

/// The counter under `key`, created when missing and locked until the transaction ends, so that
/// parallel attempts are counted one after the other. Call it inside `db::transaction`: on SQLite
/// that transaction already holds the write lock, on PostgreSQL the row lock does it.
pub fn lock(connection: &mut DbConnection, key: &str, now: NaiveDateTime) -> QueryResult<Counter> {
    let fresh = (throttles::key.eq(key), throttles::hits.eq(0), throttles::window_started_at.eq(now));
    let row = match connection {
        DbConnection::Postgres(pg) => {
            diesel::insert_into(throttles::table).values(fresh).on_conflict_do_nothing().execute(pg)?;
            throttles::table.find(key).select(ThrottleRow::as_select()).for_update().get_result(pg)?
        }
        DbConnection::Sqlite(sqlite) => {
            diesel::insert_into(throttles::table).values(fresh).on_conflict_do_nothing().execute(sqlite)?;
            throttles::table.find(key).select(ThrottleRow::as_select()).get_result(sqlite)?
        }
    };
    Ok(row.into())
}

/// The counter under `key`, read without a lock (to refuse early, never to count).
pub fn find(connection: &mut DbConnection, key: &str) -> QueryResult<Option<Counter>> {
    let row = throttles::table.find(key).select(ThrottleRow::as_select()).get_result(connection).optional()?;
    Ok(row.map(Counter::from))
}

pub fn save(connection: &mut DbConnection, key: &str, counter: &Counter) -> QueryResult<()> {
    diesel::update(throttles::table.find(key))
        .set((
            throttles::hits.eq(counter.attempts),
            throttles::window_started_at.eq(counter.window_started_at),
            throttles::blocked_until.eq(counter.wait_until),
        ))
        .execute(connection)?;
    Ok(())
}

pub fn clear(connection: &mut DbConnection, key: &str) -> QueryResult<usize> {
    diesel::delete(throttles::table.find(key)).execute(connection)
}
