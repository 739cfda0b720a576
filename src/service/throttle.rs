//! Throttling repeated attempts (failed logins, reset requests) per account and per client address,
//! counted in the database so that every pakn process sees the same counts.

use chrono::{NaiveDateTime, TimeDelta};

use super::{ServiceError, ServiceResult};
use crate::db::DbConnection;
use crate::db::throttles::{self, ThrottleRow};

/// At most `max_hits` within `window`; past that, blocked for `block`.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub max_hits: i32,
    pub window: TimeDelta,
    pub block: TimeDelta,
}

/// Failed logins for one e-mail address (whether or not an account has it, so that the answer
/// says nothing about which addresses are registered).
pub const LOGIN_PER_ACCOUNT: Limit =
    Limit { max_hits: 5, window: TimeDelta::minutes(15), block: TimeDelta::minutes(15) };
/// Failed logins from one client address, across accounts.
pub const LOGIN_PER_ADDRESS: Limit =
    Limit { max_hits: 30, window: TimeDelta::minutes(15), block: TimeDelta::minutes(15) };
/// Registrations and reset requests from one client address: they send e-mail.
pub const MAIL_REQUESTS_PER_ADDRESS: Limit =
    Limit { max_hits: 20, window: TimeDelta::hours(1), block: TimeDelta::hours(1) };
/// Anonymous petitions from one client address: nobody answers for them, so they are capped.
pub const ANONYMOUS_FILINGS_PER_ADDRESS: Limit =
    Limit { max_hits: 20, window: TimeDelta::hours(1), block: TimeDelta::hours(1) };
/// Reset e-mails to one address.
pub const RESETS_PER_ACCOUNT: Limit = Limit { max_hits: 3, window: TimeDelta::hours(1), block: TimeDelta::hours(1) };

pub fn account_key(email: &str) -> String {
    format!("account:{email}")
}

pub fn address_key(purpose: &str, address: &str) -> String {
    format!("{purpose}-address:{address}")
}

/// Err(RateLimited) while `key` is blocked.
pub fn check(connection: &mut DbConnection, key: &str, now: NaiveDateTime) -> ServiceResult<()> {
    match throttles::find(connection, key)?.and_then(|row| row.blocked_until) {
        Some(until) if until > now => Err(ServiceError::RateLimited { retry_after_seconds: seconds_until(now, until) }),
        _ => Ok(()),
    }
}

/// Counts one attempt; returns Err(RateLimited) when this attempt crossed the limit.
pub fn hit(connection: &mut DbConnection, key: &str, limit: Limit, now: NaiveDateTime) -> ServiceResult<()> {
    let mut row = throttles::find(connection, key)?.unwrap_or(ThrottleRow {
        key: key.to_string(),
        hits: 0,
        window_started_at: now,
        blocked_until: None,
    });
    if row.window_started_at + limit.window <= now {
        row.hits = 0;
        row.window_started_at = now;
        row.blocked_until = None;
    }
    row.hits += 1;
    let crossed = row.hits > limit.max_hits;
    if crossed {
        row.blocked_until = Some(now + limit.block);
    }
    throttles::save(connection, &row)?;
    if crossed {
        return Err(ServiceError::RateLimited { retry_after_seconds: seconds_until(now, now + limit.block) });
    }
    Ok(())
}

pub fn clear(connection: &mut DbConnection, key: &str) -> ServiceResult<()> {
    throttles::clear(connection, key)?;
    Ok(())
}

fn seconds_until(now: NaiveDateTime, until: NaiveDateTime) -> u64 {
    u64::try_from((until - now).num_seconds()).unwrap_or(0).max(1)
}
