//! Throttling repeated attempts (logins, e-mail requests, anonymous filings, status lookups) per
//! account, per client address and per recipient, counted in the database so that every pakn
//! process sees the same counts, and counted under a lock so that parallel attempts cannot slip
//! past the limit together.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{NaiveDateTime, TimeDelta};

use super::{ServiceError, ServiceResult};
use crate::db::{self, DbConnection, throttles};
use crate::domain::throttle::{Attempt, Counter, Limit};
use crate::security::tokens;

/// A counter: what is counted (its key) and the limit it is held to.
#[derive(Debug, Clone)]
pub struct Guard {
    key: String,
    limit: Limit,
}

/// `free_attempts` within `window`, then waits of 30 seconds doubling up to a quarter hour.
const fn growing(free_attempts: i32, window: TimeDelta) -> Limit {
    Limit { free_attempts, window, first_wait: TimeDelta::seconds(30), longest_wait: TimeDelta::minutes(15) }
}

impl Guard {
    /// Filings through one Open311 key: a client app files for many people, but not without end
    /// (`PAKN_OPEN311_FILINGS_PER_HOUR`).
    pub fn open311_filings_by(key: &crate::domain::ids::Open311KeyId, per_hour: u32) -> Self {
        let per_hour = i32::try_from(per_hour).unwrap_or(i32::MAX);
        Guard::new(format!("open311-key:{key}"), Limit::blocking(per_hour, TimeDelta::hours(1), TimeDelta::hours(1)))
    }

    /// Registrations, reset and verification requests from one client address: they send e-mail.
    pub fn mail_requests_from(client_address: &str) -> Self {
        Guard::new(
            format!("mail-request-address:{client_address}"),
            Limit::blocking(20, TimeDelta::hours(1), TimeDelta::hours(1)),
        )
    }

    /// Checks of the current password in one session (changing it): a stolen session must not
    /// become a way to guess the password.
    pub fn password_checks_in(session: &str) -> Self {
        Guard::new(format!("password-check:{session}"), growing(5, TimeDelta::minutes(15)))
    }

    /// Link e-mails of one purpose to one account: its owner is not flooded.
    pub fn links_to(purpose: &str, email: &str) -> Self {
        Guard::new(format!("link:{purpose}:{email}"), Limit::blocking(3, TimeDelta::hours(1), TimeDelta::hours(1)))
    }

    /// Anonymous petitions from one client address: nobody answers for them, so they are capped.
    pub fn anonymous_filings_from(client_address: &str) -> Self {
        Guard::new(
            format!("anonymous-filing-address:{client_address}"),
            Limit::blocking(20, TimeDelta::hours(1), TimeDelta::hours(1)),
        )
    }

    /// Receipts to an address nobody has proved is theirs: pakn must not become a way to send
    /// mail to someone else's mailbox.
    pub fn receipts_to(email: &str) -> Self {
        Guard::new(format!("receipt:{email}"), Limit::blocking(5, TimeDelta::hours(24), TimeDelta::hours(24)))
    }

    /// Public status lookups from one client address that found nothing: tracking codes are not
    /// to be guessed. Only misses are counted, so that reading a real code costs no write.
    pub fn missed_lookups_from(client_address: &str) -> Self {
        Guard::new(format!("missed-lookup-address:{client_address}"), growing(20, TimeDelta::minutes(10)))
    }

    /// The key is stored hashed: the table then holds no e-mail or client address.
    fn new(key: String, limit: Limit) -> Self {
        Guard { key: tokens::hash_secret(&key), limit }
    }
}

/// The three counters a password attempt is held to.
#[derive(Debug, Clone)]
pub struct PasswordGuards {
    /// Attempts on the account from this client: a guesser here is slowed to a crawl.
    from_here: Guard,
    /// Attempts on the account from anywhere: guessing spread over many addresses.
    account: Guard,
    /// Attempts from this client across accounts. Generous: a ward office's whole staff may sign
    /// in through one address.
    address: Guard,
}

impl PasswordGuards {
    pub fn new(client_address: &str, email: &str) -> Self {
        PasswordGuards {
            from_here: Guard::new(format!("login:{client_address}:{email}"), growing(5, TimeDelta::minutes(15))),
            account: Guard::new(format!("login-account:{email}"), growing(20, TimeDelta::hours(1))),
            address: Guard::new(format!("login-address:{client_address}"), growing(100, TimeDelta::minutes(15))),
        }
    }
}

/// Counts a password attempt before the password is checked, so that parallel guesses cannot
/// outrun the limits. The account's attempts from anywhere are counted always, but make a client
/// wait only if that client has itself failed on the account: guessers spread over many
/// addresses are slowed, while the owner, signing in from a client that never failed, is never
/// locked out by them.
pub fn hit_password_attempt(
    connection: &mut DbConnection,
    guards: &PasswordGuards,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    db::transaction(connection, |c| {
        let from_here = throttles::lock(c, &guards.from_here.key, now)?;
        let failed_here_before = from_here.attempts > 0;
        let from_here = admitted(&from_here, &guards.from_here, now)?;
        let address = admitted(&throttles::lock(c, &guards.address.key, now)?, &guards.address, now)?;
        let account = match throttles::lock(c, &guards.account.key, now)?.attempt(&guards.account.limit, now) {
            Attempt::Admitted(counted) => Some(counted),
            Attempt::Refused { .. } if !failed_here_before => None,
            Attempt::Refused { retry_after } => return Err(rate_limited(retry_after)),
        };
        throttles::save(c, &guards.from_here.key, &from_here)?;
        throttles::save(c, &guards.address.key, &address)?;
        if let Some(account) = account {
            throttles::save(c, &guards.account.key, &account)?;
        }
        Ok(())
    })
}

/// A right password: the attempts on the account are forgotten, and this one is given back to
/// the client's count across accounts.
pub fn password_was_right(
    connection: &mut DbConnection,
    guards: &PasswordGuards,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    clear(connection, &guards.from_here)?;
    clear(connection, &guards.account)?;
    give_back(connection, &guards.address, now)
}

/// Forgets the account's attempts from anywhere (its owner reset the password by e-mail).
pub fn forget_password_attempts_on(connection: &mut DbConnection, email: &str) -> ServiceResult<()> {
    throttles::clear(connection, &PasswordGuards::new("", email).account.key)?;
    Ok(())
}

/// Err(RateLimited) while the guard makes its client wait; counts nothing.
pub fn check(connection: &mut DbConnection, guard: &Guard, now: NaiveDateTime) -> ServiceResult<()> {
    match throttles::find(connection, &guard.key)?.and_then(|counter| counter.wait_until) {
        Some(until) if until > now => Err(rate_limited(until - now)),
        _ => Ok(()),
    }
}

/// Counts one attempt under the guard: Err(RateLimited) when it says wait (and nothing is counted).
pub fn hit(connection: &mut DbConnection, guard: &Guard, now: NaiveDateTime) -> ServiceResult<()> {
    count(connection, guard, now).map(|_| ())
}

/// Counts one attempt; the counter as saved.
fn count(connection: &mut DbConnection, guard: &Guard, now: NaiveDateTime) -> ServiceResult<Counter> {
    db::transaction(connection, |c| {
        let counted = admitted(&throttles::lock(c, &guard.key, now)?, guard, now)?;
        throttles::save(c, &guard.key, &counted)?;
        Ok(counted)
    })
}

/// The waits this process has seen its guards impose, and until when: a check made on every
/// request that succeeds (a public status lookup that finds its petition) reads them here rather
/// than in the database. Only failures are counted, always in the database, so every process
/// sees the same counts: a client made to wait by its failures in another process learns it at
/// its next failure here, which the database refuses.
#[derive(Default)]
pub struct KnownWaits(Mutex<HashMap<String, NaiveDateTime>>);

/// Beyond this many waiting clients, the expired are forgotten; beyond it still, all are (the
/// database keeps counting, so nothing is lost but a few reads).
const MOST_KNOWN_WAITS: usize = 100_000;

impl KnownWaits {
    /// Err(RateLimited) while this process knows the guard makes its client wait.
    pub fn check(&self, guard: &Guard, now: NaiveDateTime) -> ServiceResult<()> {
        match self.lock().get(&guard.key) {
            Some(until) if *until > now => Err(rate_limited(*until - now)),
            _ => Ok(()),
        }
    }

    /// Counts one failure in the database, and remembers the wait it begins or meets.
    pub fn hit(&self, connection: &mut DbConnection, guard: &Guard, now: NaiveDateTime) -> ServiceResult<()> {
        let until = match count(connection, guard, now) {
            Ok(counted) => counted.wait_until,
            Err(ServiceError::RateLimited { retry_after_seconds }) => {
                let seconds = i64::try_from(retry_after_seconds).unwrap_or(i64::MAX);
                self.remember(guard, now, now + TimeDelta::seconds(seconds));
                return Err(ServiceError::RateLimited { retry_after_seconds });
            }
            Err(other) => return Err(other),
        };
        if let Some(until) = until.filter(|until| *until > now) {
            self.remember(guard, now, until);
        }
        Ok(())
    }

    fn remember(&self, guard: &Guard, now: NaiveDateTime, until: NaiveDateTime) {
        let mut waits = self.lock();
        if waits.len() >= MOST_KNOWN_WAITS {
            waits.retain(|_, until| *until > now);
            if waits.len() >= MOST_KNOWN_WAITS {
                waits.clear();
            }
        }
        waits.insert(guard.key.clone(), until);
    }

    /// Never held across a database call; a map left by a panic is still a map.
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, NaiveDateTime>> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The counter after one more attempt, or Err(RateLimited) when the attempt must wait.
fn admitted(counter: &Counter, guard: &Guard, now: NaiveDateTime) -> ServiceResult<Counter> {
    match counter.attempt(&guard.limit, now) {
        Attempt::Admitted(counted) => Ok(counted),
        Attempt::Refused { retry_after } => Err(rate_limited(retry_after)),
    }
}

/// Takes back one attempt that turned out legitimate (a right password behind a shared address).
pub fn give_back(connection: &mut DbConnection, guard: &Guard, now: NaiveDateTime) -> ServiceResult<()> {
    db::transaction(connection, |c| {
        let counter = throttles::lock(c, &guard.key, now)?.give_back(&guard.limit);
        throttles::save(c, &guard.key, &counter)?;
        Ok(())
    })
}

/// Forgets every attempt under the guard (the account's owner proved who they are).
pub fn clear(connection: &mut DbConnection, guard: &Guard) -> ServiceResult<()> {
    throttles::clear(connection, &guard.key)?;
    Ok(())
}

fn rate_limited(retry_after: TimeDelta) -> ServiceError {
    ServiceError::RateLimited { retry_after_seconds: u64::try_from(retry_after.num_seconds()).unwrap_or(0).max(1) }
}
