//! The deletions and anonymisations retention rules call for. Each is idempotent and touches only
//! rows past their cutoff, so two processes purging at once remove each row once.

use chrono::NaiveDateTime;
use diesel::dsl::{exists, sql};
use diesel::prelude::*;
use diesel::sql_types::Bool;

use crate::db::DbConnection;
use crate::db::schema::{
    idempotency_keys, one_time_tokens, petitioner_identities, petitions, refresh_tokens, sessions, throttles,
};
use crate::domain::petition::PetitionKind;

/// Sessions that ended before `cutoff` (revoked then, or idle since `idle_before`, when their last
/// refresh token had long expired), with their refresh tokens; and refresh tokens expired before
/// `cutoff` of sessions still alive. Returns how many rows went.
pub fn sessions_ended(
    connection: &mut DbConnection,
    cutoff: NaiveDateTime,
    idle_before: NaiveDateTime,
) -> QueryResult<usize> {
    let ended = sessions::table
        .filter(
            sessions::revoked_at
                .lt(cutoff)
                .or(sessions::revoked_at.is_null().and(sessions::refreshed_at.lt(idle_before))),
        )
        .select(sessions::id);
    let tokens = diesel::delete(
        refresh_tokens::table
            .filter(refresh_tokens::session_id.eq_any(ended).or(refresh_tokens::expires_at.lt(cutoff))),
    )
    .execute(connection)?;
    let ended_sessions = diesel::delete(sessions::table.filter(
        sessions::revoked_at.lt(cutoff).or(sessions::revoked_at.is_null().and(sessions::refreshed_at.lt(idle_before))),
    ))
    .execute(connection)?;
    Ok(tokens + ended_sessions)
}

/// Up to `at_most` of the one-time tokens expired before `cutoff`.
pub fn one_time_tokens_expired(
    connection: &mut DbConnection,
    cutoff: NaiveDateTime,
    at_most: i64,
) -> QueryResult<usize> {
    let expired = one_time_tokens::table
        .filter(one_time_tokens::expires_at.lt(cutoff))
        .select(one_time_tokens::token_hash)
        .limit(at_most)
        .load::<String>(connection)?;
    diesel::delete(one_time_tokens::table.filter(one_time_tokens::token_hash.eq_any(expired))).execute(connection)
}

/// Up to `at_most` of the counters whose window began before `cutoff` and that hold nobody back at
/// `now`.
pub fn throttles_past(
    connection: &mut DbConnection,
    cutoff: NaiveDateTime,
    now: NaiveDateTime,
    at_most: i64,
) -> QueryResult<usize> {
    let past = throttles::table
        .filter(throttles::window_started_at.lt(cutoff))
        .filter(throttles::blocked_until.is_null().or(throttles::blocked_until.lt(now)))
        .select(throttles::key)
        .limit(at_most)
        .load::<String>(connection)?;
    diesel::delete(throttles::table.filter(throttles::key.eq_any(past))).execute(connection)
}

pub fn idempotency_keys_before(connection: &mut DbConnection, cutoff: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(idempotency_keys::table.filter(idempotency_keys::created_at.lt(cutoff))).execute(connection)
}

/// Up to `batch` petitions of these kinds that ended before `cutoff` (and not before `since`, where
/// an earlier purge went) and still name a petitioner (an account, or an identity kept online):
/// closed ones first, then refused, withdrawn or merged ones, each found through its partial index. On PostgreSQL they are locked, skipping any another
/// purge holds, so that two purges at once never take the same petition (SQLite's purges already
/// run one after the other).
pub fn petitioners_ended_before(
    connection: &mut DbConnection,
    kinds: &[PetitionKind],
    (since, cutoff): (Option<NaiveDateTime>, NaiveDateTime),
    batch: i64,
) -> QueryResult<Vec<String>> {
    // Before any purge: from before any petition (and within both databases' timestamp range).
    let since = since.unwrap_or(chrono::DateTime::UNIX_EPOCH.naive_utc());
    let kinds: Vec<&str> = kinds.iter().map(|kind| kind.as_str()).collect();
    let identity_named = || {
        exists(
            petitioner_identities::table
                .filter(petitioner_identities::petition_id.eq(petitions::id))
                .filter(petitioner_identities::storage.ne("anonymous")),
        )
    };
    // The statuses are written out, not bound: only then may the planner use the partial index
    // `petitions_ended_unclosed`, whose condition names them.
    let ended_unclosed = || sql::<Bool>("petitions.status IN ('refused', 'withdrawn', 'merged')");
    macro_rules! named_and_ended {
        ($ended:expr, $limit:expr) => {
            petitions::table
                .filter(petitions::kind.eq_any(&kinds))
                .filter($ended)
                .filter(petitions::petitioner_id.is_not_null().or(identity_named()))
                .select(petitions::id)
                .limit($limit)
        };
    }
    macro_rules! load_locked {
        ($query:expr) => {
            match &mut *connection {
                DbConnection::Postgres(pg) => $query.for_update().skip_locked().load::<String>(pg),
                DbConnection::Sqlite(sqlite) => $query.load::<String>(sqlite),
            }
        };
    }
    let closed = petitions::closed_at.lt(cutoff).and(petitions::closed_at.ge(since));
    let mut ids = load_locked!(named_and_ended!(closed, batch))?;
    let left = batch - i64::try_from(ids.len()).unwrap_or(batch);
    if left > 0 {
        let unclosed = ended_unclosed().and(petitions::updated_at.lt(cutoff)).and(petitions::updated_at.ge(since));
        ids.extend(load_locked!(named_and_ended!(unclosed, left))?);
    }
    Ok(ids)
}

/// Detaches the petitions from their petitioners' accounts and keeps their identities as nobody's,
/// under the pseudonym they already had.
pub fn anonymise_petitioners(connection: &mut DbConnection, petition_ids: &[String]) -> QueryResult<usize> {
    diesel::update(petitions::table.filter(petitions::id.eq_any(petition_ids)))
        .set(petitions::petitioner_id.eq(None::<String>))
        .execute(connection)?;
    diesel::update(petitioner_identities::table.filter(petitioner_identities::petition_id.eq_any(petition_ids)))
        .set((
            petitioner_identities::storage.eq("anonymous"),
            petitioner_identities::full_name.eq(None::<String>),
            petitioner_identities::email.eq(None::<String>),
            petitioner_identities::phone.eq(None::<String>),
            petitioner_identities::address.eq(None::<String>),
            petitioner_identities::co_petitioners.eq(None::<String>),
            petitioner_identities::sealed.eq(None::<String>),
            petitioner_identities::offline_reference.eq(None::<String>),
        ))
        .execute(connection)?;
    Ok(petition_ids.len())
}
