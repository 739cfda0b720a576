//! Typed configuration read once from `PAKN_*` environment variables and validated before start.
//! Each variable is read and checked in the module of the job it serves; `Config` keeps them flat
//! so that a caller names a setting without knowing which module checked it.

mod attachments;
mod database;
mod mail;
mod open311;
mod parse;
mod public;
mod secrets;
mod server;
mod workflow;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

pub use parse::ConfigError;
use parse::Read;
pub use secrets::IdentityStorage;
pub use server::{Environment, LogFormat};

use crate::db::DatabaseUrl;
use crate::domain::admin_unit::AdminUnitCode;

/// Everything the service reads from its environment, already parsed.
#[derive(Debug, Clone)]
pub struct Config {
    pub bind: SocketAddr,
    pub database_url: DatabaseUrl,
    pub data_dir: PathBuf,
    pub log_format: LogFormat,
    pub db_pool_size: u32,
    /// The background jobs' connections, besides `db_pool_size`.
    pub db_background_pool_size: u32,
    pub db_connect_timeout: Duration,
    /// The longest a request's database work may take (waiting for a connection included) before
    /// it is answered 503; also PostgreSQL's `statement_timeout` for the sessions pakn serves from.
    pub db_query_timeout: Duration,
    /// Largest request body accepted on JSON endpoints; larger ones get 413.
    pub max_json_body_bytes: usize,
    /// HTTP worker threads; each gets its own small share of blocking threads.
    pub workers: usize,
    pub environment: Environment,
    /// HS256 secret for access tokens; when unset in development, one is generated and kept in
    /// the data folder. Production refuses to start without it.
    pub jwt_secret: Option<String>,
    /// `smtp://host:port`, `smtps://user:password@host`, `smtp://…?tls=required`; when unset,
    /// e-mails are written as .eml files under `data/mail/`.
    pub smtp_url: Option<String>,
    /// The sender of every e-mail, e.g. `pakn <no-reply@hue.gov.vn>`.
    pub mail_from: String,
    /// Where people open pakn's links (the web front end), without a trailing slash.
    pub public_base_url: String,
    /// Attempts before an e-mail is set aside as failed.
    pub mail_max_attempts: u32,
    /// The first retry waits this long, each next one twice as long (at most an hour).
    pub mail_retry_base: Duration,
    /// How often the outbox worker looks for e-mails to send.
    pub outbox_poll_interval: Duration,
    /// Password hashes computed at once; each takes a core for tens of milliseconds.
    pub password_hash_concurrency: usize,
    /// 64 hex characters: the AES-256 key sealing confidential identities. Generated and kept in
    /// the data folder in development; production refuses to start without it (unless offline).
    pub identity_key: Option<String>,
    pub identity_storage: IdentityStorage,
    /// The agency whose queue receives petitions before they are routed (the coordinating office).
    pub triage_agency_code: String,
    /// Where an Open311 request located only by coordinates or an address text is placed, while
    /// no boundary data is loaded (`none`: such requests are refused, asking for `address_id`).
    pub open311_default_unit: Option<AdminUnitCode>,
    /// The URL of a test Open311 endpoint (a staging pakn) that discovery lists beside this one.
    pub open311_test_endpoint: Option<String>,
    /// How many requests one Open311 key may file in an hour.
    pub open311_filings_per_hour: u32,
    /// The largest evidence file accepted.
    pub max_attachment_bytes: usize,
    /// How many evidence files a petition may have.
    pub max_attachments: u32,
    /// Uploads read at once by one process; more wait their turn with a 503.
    pub max_concurrent_uploads: usize,
    /// How long an upload's body may take to arrive.
    pub upload_time_allowed: Duration,
    /// Reminders go out this many working days before a deadline.
    pub reminder_working_days: u32,
    /// A resolved petition closes by itself this many days after resolution when nothing follows.
    pub auto_close_days: u32,
    /// Days a petitioner has, after feedback or a proposal is answered, to say it was not fixed;
    /// then it closes by itself.
    pub confirmation_days: u32,
    /// How often the deadline sweep runs.
    pub sweep_interval: Duration,
    /// Below this many petitions received in a period, an agency's or a category's rates are not
    /// published (too few to mean something).
    pub public_stats_minimum: i64,
    pub public_stats_max_age: Duration,
    /// How often new events are sealed into the audit chain (and the day's anchor published when
    /// due): the longest a committed event stays outside the chain.
    pub audit_seal_interval: Duration,
    /// The reverse proxies (load balancers) in front of pakn: only from these is
    /// `X-Forwarded-For` believed when telling one client from another.
    pub trusted_proxies: Vec<IpAddr>,
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        let vars: HashMap<String, String> = std::env::vars().filter(|(name, _)| name.starts_with("PAKN_")).collect();
        Self::from_lookup(|name| vars.get(name).cloned())
    }

    /// Reads any source of variables; tests pass a map instead of touching the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let read = |name: &'static str| lookup(name).filter(|value| !value.trim().is_empty());
        let read: Read = &read;

        let data_dir = database::data_dir(read);
        let database_url = database::url(read, &data_dir)?;

        // Read in this order, so that of several bad variables the same one is reported first.
        let config = Config {
            bind: server::bind(read)?,
            database_url,
            data_dir,
            log_format: server::log_format(read)?,
            db_pool_size: database::pool_size(read)?,
            db_background_pool_size: database::background_pool_size(read)?,
            db_connect_timeout: database::connect_timeout(read)?,
            db_query_timeout: database::query_timeout(read)?,
            max_json_body_bytes: server::max_json_body_bytes(read)?,
            workers: server::workers(read)?,
            environment: server::environment(read)?,
            jwt_secret: secrets::jwt_secret(read)?,
            smtp_url: mail::smtp_url(read)?,
            mail_from: mail::mail_from(read)?,
            public_base_url: mail::public_base_url(read)?,
            mail_max_attempts: mail::max_attempts(read)?,
            mail_retry_base: mail::retry_base(read)?,
            outbox_poll_interval: mail::outbox_poll_interval(read)?,
            identity_key: secrets::identity_key(read)?,
            identity_storage: secrets::identity_storage(read)?,
            triage_agency_code: workflow::triage_agency_code(read)?,
            open311_default_unit: open311::default_unit(read)?,
            open311_test_endpoint: open311::test_endpoint(read)?,
            open311_filings_per_hour: open311::filings_per_hour(read)?,
            max_attachment_bytes: attachments::max_bytes(read)?,
            max_attachments: attachments::max_per_petition(read)?,
            max_concurrent_uploads: attachments::max_concurrent_uploads(read)?,
            upload_time_allowed: attachments::upload_time_allowed(read)?,
            reminder_working_days: workflow::reminder_working_days(read)?,
            auto_close_days: workflow::auto_close_days(read)?,
            confirmation_days: workflow::confirmation_days(read)?,
            sweep_interval: workflow::sweep_interval(read)?,
            public_stats_minimum: public::stats_minimum(read)?,
            public_stats_max_age: public::stats_max_age(read)?,
            audit_seal_interval: public::audit_seal_interval(read)?,
            password_hash_concurrency: server::password_hash_concurrency(read)?,
            trusted_proxies: server::trusted_proxies(read)?,
        };
        secrets::check_production(&config)?;
        Ok(config)
    }
}

#[cfg(test)]
mod tests;
