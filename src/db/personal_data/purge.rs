//! The deletions and anonymisations retention rules call for. Each is idempotent and touches only
//! rows past their cutoff, so two processes purging at once remove each row once.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{
    idempotency_keys, one_time_tokens, petitioner_identities, petitions, refresh_tokens, sessions, throttles,
};
use crate::domain::petition::{PetitionKind, PetitionStatus};

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

pub fn one_time_tokens_expired(connection: &mut DbConnection, cutoff: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(one_time_tokens::table.filter(one_time_tokens::expires_at.lt(cutoff))).execute(connection)
}

/// Counters whose window began before `cutoff` and that hold nobody back at `now`.
pub fn throttles_past(connection: &mut DbConnection, cutoff: NaiveDateTime, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(
        throttles::table
            .filter(throttles::window_started_at.lt(cutoff))
            .filter(throttles::blocked_until.is_null().or(throttles::blocked_until.lt(now))),
    )
    .execute(connection)
}

pub fn idempotency_keys_before(connection: &mut DbConnection, cutoff: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(idempotency_keys::table.filter(idempotency_keys::created_at.lt(cutoff))).execute(connection)
}

/// Statuses a petition ends in without being closed: it is ended since its last change.
const ENDED_UNCLOSED: [PetitionStatus; 3] =
    [PetitionStatus::Refused, PetitionStatus::Withdrawn, PetitionStatus::Merged];

/// Up to `batch` petitions of these kinds that ended before `cutoff` and still name a petitioner:
/// an account, or an identity kept online. On PostgreSQL they are locked, skipping any another
/// purge holds, so that two purges at once never take the same petition (SQLite's purges already
/// run one after the other).
pub fn petitioners_ended_before(
    connection: &mut DbConnection,
    kinds: &[PetitionKind],
    cutoff: NaiveDateTime,
    batch: i64,
) -> QueryResult<Vec<String>> {
    let kinds: Vec<&str> = kinds.iter().map(|kind| kind.as_str()).collect();
    let ended_unclosed: Vec<&str> = ENDED_UNCLOSED.iter().map(|status| status.as_str()).collect();
    let still_named = petitioner_identities::table
        .filter(petitioner_identities::storage.ne("anonymous"))
        .select(petitioner_identities::petition_id);
    let ended = petitions::table
        .filter(petitions::kind.eq_any(kinds))
        .filter(
            petitions::closed_at
                .lt(cutoff)
                .or(petitions::status.eq_any(ended_unclosed).and(petitions::updated_at.lt(cutoff))),
        )
        .filter(petitions::petitioner_id.is_not_null().or(petitions::id.eq_any(still_named)))
        .select(petitions::id)
        .limit(batch);
    match connection {
        DbConnection::Postgres(pg) => ended.for_update().skip_locked().load(pg),
        DbConnection::Sqlite(sqlite) => ended.load(sqlite),
    }
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
