//! What use cases need besides their input: the pool, the clock, password hashing, token keys, the
//! sealer of confidential identities, the file store and the settings that shape links and limits.
//! Cheap to clone (one shared allocation), so a request hands it to the blocking pool whole.

use std::ops::Deref;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};

use super::{ServiceError, ServiceResult};
use crate::clock::Clock;
use crate::config::IdentityStorage;
use crate::db::petitions::PetitionFilter;
use crate::db::{DbConnection, DbPool};
use crate::domain::workflow::steps::HandlingPolicy;
use crate::security::jwt::TokenKeys;
use crate::security::passwords::PasswordHasherPool;
use crate::security::sealing::Sealer;
use crate::service::petitions::public_pages::{KeptPages, PublicPages};
use crate::service::reference::cache::ReferenceCache;
use crate::service::reports::public_petitions::ListStamp;
use crate::service::reports::recently_computed::RecentlyComputed;
use crate::service::reports::statistics::{Statistics, StatisticsQuery};
use crate::service::throttle::KnownWaits;
use crate::storage::FileStore;

#[derive(Clone)]
pub struct Context(Arc<Parts>);

/// The parts of a `Context`, reached through it.
pub struct Parts {
    /// The requests' connections.
    pub pool: DbPool,
    /// The background jobs' connections, apart (`jobs`): a long round never keeps a request
    /// waiting for one.
    pub background_pool: DbPool,
    pub clock: Arc<dyn Clock>,
    pub hasher: PasswordHasherPool,
    pub keys: TokenKeys,
    pub sealer: Sealer,
    pub files: Arc<dyn FileStore>,
    pub settings: Settings,
    /// The reference data petition views read, kept in memory.
    pub reference: ReferenceCache,
    /// The clients made to wait for guessing tracking codes, as far as this process has seen.
    pub lookup_waits: KnownWaits,
    /// The public statistics as last computed for each query.
    pub public_statistics: RecentlyComputed<StatisticsQuery, Statistics>,
    /// The totals of the public lists, as last counted for each filter.
    pub public_list_totals: RecentlyComputed<PetitionFilter, i64>,
    /// The public status pages as last rendered, each with what it was rendered from.
    pub public_pages: PublicPages,
    /// The pages of the public lists as last rendered, each with what it was rendered from.
    pub public_lists: KeptPages<ListStamp>,
}

/// Settings of the use cases, from `Config`.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Links in e-mails start with this (the web front end).
    pub public_base_url: String,
    pub mail_max_attempts: u32,
    pub mail_retry_base: Duration,
    pub identity_storage: IdentityStorage,
    pub triage_agency_code: String,
    /// Where an Open311 request located only by coordinates or an address text is placed.
    pub open311_default_unit: Option<crate::domain::admin_unit::AdminUnitCode>,
    /// A staging Open311 endpoint that discovery lists as `test`.
    pub open311_test_endpoint: Option<String>,
    /// How many requests one Open311 key may file in an hour.
    pub open311_filings_per_hour: u32,
    pub max_attachment_bytes: usize,
    pub max_attachments: u32,
    pub reminder_working_days: u32,
    pub auto_close_days: u32,
    pub confirmation_days: u32,
    /// Where the daily open data files are written.
    pub open_data_dir: std::path::PathBuf,
    /// Below this many petitions received, a group's public rates are withheld.
    pub public_stats_minimum: i64,
    /// How long the public statistics and the public lists' totals are served before they are
    /// computed again.
    pub public_stats_max_age: Duration,
    /// Proxies whose `X-Forwarded-For` names the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The longest a request's database work may take before its caller is answered 503.
    pub db_query_timeout: Duration,
}

impl Deref for Context {
    type Target = Parts;

    fn deref(&self) -> &Parts {
        &self.0
    }
}

impl Context {
    pub fn new(parts: Parts) -> Self {
        Context(Arc::new(parts))
    }

    pub fn now(&self) -> NaiveDateTime {
        self.clock.now_utc()
    }

    pub fn today(&self) -> NaiveDate {
        self.clock.today_in_vietnam()
    }

    /// A front-end link carrying a one-time token as `token=`.
    pub fn link(&self, path: &str, token: &str) -> String {
        format!("{}{path}?token={token}", self.settings.public_base_url)
    }

    /// The deployment's settings the workflow follows.
    pub fn handling_policy(&self) -> HandlingPolicy {
        HandlingPolicy {
            reminder_working_days: self.settings.reminder_working_days,
            auto_close_days: self.settings.auto_close_days,
            confirmation_days: self.settings.confirmation_days,
        }
    }

    /// Runs work that changes reference data, then drops this process's copy of it so that the
    /// next read sees the change (other processes see it within a second: `ReferenceCache`).
    pub async fn run_changing_reference<T, F>(&self, work: F) -> ServiceResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection, &Context) -> ServiceResult<T> + Send + 'static,
    {
        let outcome = self.run(work).await;
        self.reference.changed();
        outcome
    }

    /// Runs database work on the blocking pool, with a pooled connection and this context: diesel
    /// is synchronous and must never run on an async worker thread.
    ///
    /// The caller waits at most `db_query_timeout` (the wait for a connection included) and is
    /// then answered [`ServiceError::DatabaseTimeout`], a 503 to retry: a PostgreSQL that hangs
    /// with its connections open (no RST, no FIN) would otherwise hold the request for ever
    /// (`tests/api/faults/database_hangs.rs`).
    ///
    /// Why giving up on the thread is safe: a blocking task cannot be cancelled once it runs, so
    /// the thread stuck in libpq keeps its pooled connection until libpq returns (the server
    /// answers, `statement_timeout` cancels the statement, or the TCP limits in `db::pool` end a
    /// dead connection). Only then does the connection go back to the pool, never mid-query; a
    /// broken one is dropped there (`Manager::has_broken`, `is_valid`). diesel gives no handle to
    /// libpq's socket to close it from here, and a cancel request would need a new connection to
    /// the very server that hangs. While threads are stuck the pool and the blocking threads
    /// shrink and later callers get 503 sooner; nothing waits unbounded. Work that is late may
    /// still commit after its caller was told 503, as when a connection drops after a commit: a
    /// filing retried with its `Idempotency-Key` then answers the petition already saved.
    pub async fn run<T, F>(&self, work: F) -> ServiceResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection, &Context) -> ServiceResult<T> + Send + 'static,
    {
        let context = self.clone();
        let limit = self.settings.db_query_timeout;
        let deadline = Instant::now() + limit;
        let job = tokio::task::spawn_blocking(move || {
            // Queued behind threads stuck on a hung database, this may start after its caller
            // was answered 503: it must not act then (a filing its citizen was told failed).
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(ServiceError::DatabaseTimeout(limit));
            }
            let wait = left.min(context.pool.connection_timeout());
            let mut connection = context.pool.get_timeout(wait).map_err(ServiceError::DatabaseUnavailable)?;
            work(&mut connection, &context)
        });
        match tokio::time::timeout(limit, job).await {
            Ok(joined) => {
                joined.map_err(|joined| ServiceError::Internal(anyhow::anyhow!("database task failed: {joined}")))?
            }
            Err(_elapsed) => Err(ServiceError::DatabaseTimeout(limit)),
        }
    }
}
