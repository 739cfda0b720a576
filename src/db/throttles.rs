//! Counters of attempts per key within a time window, shared by every pakn process.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::throttles;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = throttles)]
pub struct ThrottleRow {
    pub key: String,
    pub hits: i32,
    pub window_started_at: NaiveDateTime,
    pub blocked_until: Option<NaiveDateTime>,
}

pub fn find(connection: &mut DbConnection, key: &str) -> QueryResult<Option<ThrottleRow>> {
    throttles::table.find(key).select(ThrottleRow::as_select()).first(connection).optional()
}

/// Writes the counter, inserting it when it does not exist yet.
pub fn save(connection: &mut DbConnection, row: &ThrottleRow) -> QueryResult<()> {
    let updated = diesel::update(throttles::table.find(&row.key))
        .set((
            throttles::hits.eq(row.hits),
            throttles::window_started_at.eq(row.window_started_at),
            throttles::blocked_until.eq(row.blocked_until),
        ))
        .execute(connection)?;
    if updated == 0 {
        diesel::insert_into(throttles::table)
            .values((
                throttles::key.eq(&row.key),
                throttles::hits.eq(row.hits),
                throttles::window_started_at.eq(row.window_started_at),
                throttles::blocked_until.eq(row.blocked_until),
            ))
            .execute(connection)?;
    }
    Ok(())
}

pub fn clear(connection: &mut DbConnection, key: &str) -> QueryResult<usize> {
    diesel::delete(throttles::table.find(key)).execute(connection)
}
