//! E-mailed single-use tokens, kept as hashes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::one_time_tokens;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = one_time_tokens)]
pub struct OneTimeTokenRow {
    pub token_hash: String,
    pub user_id: String,
    pub purpose: String,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

pub fn insert(
    connection: &mut DbConnection,
    token_hash: &str,
    user_id: &str,
    purpose: &str,
    expires_at: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::insert_into(one_time_tokens::table)
        .values((
            one_time_tokens::token_hash.eq(token_hash),
            one_time_tokens::user_id.eq(user_id),
            one_time_tokens::purpose.eq(purpose),
            one_time_tokens::expires_at.eq(expires_at),
            one_time_tokens::created_at.eq(now),
        ))
        .execute(connection)
}

pub fn find(connection: &mut DbConnection, token_hash: &str) -> QueryResult<Option<OneTimeTokenRow>> {
    one_time_tokens::table.find(token_hash).select(OneTimeTokenRow::as_select()).get_result(connection).optional()
}

/// Marks a token used; returns 0 when someone used it first (single use under concurrency).
pub fn mark_used(connection: &mut DbConnection, token_hash: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(one_time_tokens::table.find(token_hash).filter(one_time_tokens::used_at.is_null()))
        .set(one_time_tokens::used_at.eq(now))
        .execute(connection)
}

/// Voids a user's unused tokens of one purpose (a new reset link replaces older ones).
pub fn void_unused(
    connection: &mut DbConnection,
    user_id: &str,
    purpose: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        one_time_tokens::table
            .filter(one_time_tokens::user_id.eq(user_id))
            .filter(one_time_tokens::purpose.eq(purpose))
            .filter(one_time_tokens::used_at.is_null()),
    )
    .set(one_time_tokens::used_at.eq(now))
    .execute(connection)
}
