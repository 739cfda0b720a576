//! Sessions (a login and its rotated refresh tokens).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::{refresh_tokens, sessions};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id: String,
    pub user_id: String,
    pub created_at: NaiveDateTime,
    pub refreshed_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
    pub revoked_reason: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = refresh_tokens)]
pub struct RefreshTokenRow {
    pub token_hash: String,
    pub session_id: String,
    pub issued_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

pub fn create(connection: &mut DbConnection, id: &str, user_id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::insert_into(sessions::table)
        .values((
            sessions::id.eq(id),
            sessions::user_id.eq(user_id),
            sessions::created_at.eq(now),
            sessions::refreshed_at.eq(now),
        ))
        .execute(connection)
}

pub fn find(connection: &mut DbConnection, id: &str) -> QueryResult<Option<SessionRow>> {
    sessions::table.find(id).select(SessionRow::as_select()).get_result(connection).optional()
}

pub fn touch(connection: &mut DbConnection, id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(sessions::table.find(id)).set(sessions::refreshed_at.eq(now)).execute(connection)
}

pub fn revoke(connection: &mut DbConnection, id: &str, reason: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(sessions::table.find(id).filter(sessions::revoked_at.is_null()))
        .set((sessions::revoked_at.eq(now), sessions::revoked_reason.eq(reason)))
        .execute(connection)
}

/// Revokes every live session of a user except `keep` (the one making the change, if any).
pub fn revoke_all_of_user(
    connection: &mut DbConnection,
    user_id: &str,
    keep: Option<&str>,
    reason: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let mut query = diesel::update(sessions::table)
        .filter(sessions::user_id.eq(user_id))
        .filter(sessions::revoked_at.is_null())
        .into_boxed();
    if let Some(keep) = keep {
        query = query.filter(sessions::id.ne(keep.to_string()));
    }
    query.set((sessions::revoked_at.eq(now), sessions::revoked_reason.eq(reason))).execute(connection)
}

pub fn insert_refresh_token(
    connection: &mut DbConnection,
    token_hash: &str,
    session_id: &str,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::token_hash.eq(token_hash),
            refresh_tokens::session_id.eq(session_id),
            refresh_tokens::issued_at.eq(now),
            refresh_tokens::expires_at.eq(expires_at),
        ))
        .execute(connection)
}

pub fn find_refresh_token(connection: &mut DbConnection, token_hash: &str) -> QueryResult<Option<RefreshTokenRow>> {
    refresh_tokens::table.find(token_hash).select(RefreshTokenRow::as_select()).get_result(connection).optional()
}

/// Marks a refresh token rotated; 0 when it was already used (a replay, or a concurrent refresh).
pub fn use_refresh_token(connection: &mut DbConnection, token_hash: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(refresh_tokens::table.find(token_hash).filter(refresh_tokens::used_at.is_null()))
        .set(refresh_tokens::used_at.eq(now))
        .execute(connection)
}
