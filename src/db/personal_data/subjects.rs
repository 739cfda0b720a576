//! What pakn holds about one person, found by their account: their petitions and sessions, for
//! their export; and the traces of an account that erasure removes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{one_time_tokens, petitions, refresh_tokens, sessions};
use crate::domain::ids::{PetitionId, UserId};

/// The petitions the person is the petitioner of, oldest first.
pub fn petitions_of(connection: &mut DbConnection, user: &UserId) -> QueryResult<Vec<PetitionId>> {
    let ids: Vec<String> = petitions::table
        .filter(petitions::petitioner_id.eq(user.as_str()))
        .order((petitions::created_at.asc(), petitions::id.asc()))
        .select(petitions::id)
        .load(connection)?;
    Ok(ids.into_iter().map(PetitionId::from_stored).collect())
}

/// A sign-in session as its owner may see it.
#[derive(Debug, Clone, Queryable)]
pub struct SessionRecord {
    pub created_at: NaiveDateTime,
    pub refreshed_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
    pub revoked_reason: Option<String>,
}

pub fn sessions_of(connection: &mut DbConnection, user: &UserId) -> QueryResult<Vec<SessionRecord>> {
    sessions::table
        .filter(sessions::user_id.eq(user.as_str()))
        .order(sessions::created_at.asc())
        .select((sessions::created_at, sessions::refreshed_at, sessions::revoked_at, sessions::revoked_reason))
        .load(connection)
}

/// Deletes the account's sessions, refresh tokens and one-time links; returns how many rows went.
pub fn delete_account_traces(connection: &mut DbConnection, user: &UserId) -> QueryResult<usize> {
    let own_sessions = sessions::table.filter(sessions::user_id.eq(user.as_str())).select(sessions::id);
    let tokens = diesel::delete(refresh_tokens::table.filter(refresh_tokens::session_id.eq_any(own_sessions)))
        .execute(connection)?;
    let sessions = diesel::delete(sessions::table.filter(sessions::user_id.eq(user.as_str()))).execute(connection)?;
    let links = diesel::delete(one_time_tokens::table.filter(one_time_tokens::user_id.eq(user.as_str())))
        .execute(connection)?;
    Ok(tokens + sessions + links)
}

/// Detaches the person's petitions from their account (as petitioner and as filer); returns how
/// many they were the petitioner of.
pub fn detach_petitions(connection: &mut DbConnection, user: &UserId) -> QueryResult<usize> {
    let detached = diesel::update(petitions::table.filter(petitions::petitioner_id.eq(user.as_str())))
        .set(petitions::petitioner_id.eq(None::<String>))
        .execute(connection)?;
    diesel::update(petitions::table.filter(petitions::filed_by_id.eq(user.as_str())))
        .set(petitions::filed_by_id.eq(None::<String>))
        .execute(connection)?;
    Ok(detached)
}
