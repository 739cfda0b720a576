//! Typed configuration read once from `PAKN_*` environment variables and validated before start.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

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

/// Where denouncers' identities are kept (Decision 774/QĐ-TTg may class them as state secrets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentityStorage {
    /// Sealed with AES-256-GCM in the database.
    Encrypted,
    /// Never online: a denunciation records only a reference to the agency's offline register.
    Offline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Pretty,
    Json,
}

/// A configuration value that cannot be used: names the variable so the operator can fix it.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("configuration error: {variable}={value:?} {problem}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub value: String,
    pub problem: String,
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

        let data_dir = PathBuf::from(read("PAKN_DATA_DIR").unwrap_or_else(|| "./data".into()));
        let default_database = format!("sqlite://{}", data_dir.join("pakn.db").display());
        let database_url =
            parse_with("PAKN_DATABASE_URL", read("PAKN_DATABASE_URL"), &default_database, DatabaseUrl::parse)?;

        let config = Config {
            bind: parse_with("PAKN_BIND", read("PAKN_BIND"), "127.0.0.1:8080", |v| {
                v.parse::<SocketAddr>()
                    .map_err(|_| "is not a socket address (expected HOST:PORT, e.g. 127.0.0.1:8080)".into())
            })?,
            database_url,
            data_dir,
            log_format: parse_with("PAKN_LOG_FORMAT", read("PAKN_LOG_FORMAT"), "pretty", |v| {
                match v.to_ascii_lowercase().as_str() {
                    "pretty" => Ok(LogFormat::Pretty),
                    "json" => Ok(LogFormat::Json),
                    _ => Err("must be pretty or json".into()),
                }
            })?,
            db_pool_size: parse_with("PAKN_DB_POOL_SIZE", read("PAKN_DB_POOL_SIZE"), "4", |v| number_in(v, 1, 64))?,
            db_connect_timeout: parse_with(
                "PAKN_DB_CONNECT_TIMEOUT_SECONDS",
                read("PAKN_DB_CONNECT_TIMEOUT_SECONDS"),
                "5",
                |v| number_in(v, 1, 300).map(Duration::from_secs),
            )?,
            db_query_timeout: parse_with(
                "PAKN_DB_QUERY_TIMEOUT_SECONDS",
                read("PAKN_DB_QUERY_TIMEOUT_SECONDS"),
                "15",
                |v| number_in(v, 1, 300).map(Duration::from_secs),
            )?,
            max_json_body_bytes: parse_with(
                "PAKN_MAX_JSON_BODY_BYTES",
                read("PAKN_MAX_JSON_BODY_BYTES"),
                "65536",
                |v| number_in(v, 1024, 16 * 1024 * 1024),
            )?,
            workers: parse_with("PAKN_WORKERS", read("PAKN_WORKERS"), "2", |v| number_in(v, 1, 64))?,
            environment: parse_with("PAKN_ENV", read("PAKN_ENV"), "development", |v| match v {
                "development" => Ok(Environment::Development),
                "production" => Ok(Environment::Production),
                _ => Err("must be development or production".into()),
            })?,
            jwt_secret: read("PAKN_JWT_SECRET")
                .map(|secret| {
                    parse_with("PAKN_JWT_SECRET", Some(secret), "", |v| {
                        if v.len() >= crate::security::jwt::MIN_SECRET_BYTES {
                            Ok(v.to_string())
                        } else {
                            Err(format!("must be at least {} bytes", crate::security::jwt::MIN_SECRET_BYTES))
                        }
                    })
                })
                .transpose()
                .map_err(|mut error| {
                    error.value = "(hidden)".into();
                    error
                })?,
            smtp_url: read("PAKN_SMTP_URL")
                .map(|url| {
                    parse_with("PAKN_SMTP_URL", Some(url), "", |v| {
                        let valid =
                            (v.starts_with("smtp://") || v.starts_with("smtps://")) && v.len() > "smtps://".len();
                        if valid {
                            Ok(v.to_string())
                        } else {
                            Err("must be smtp://HOST:PORT or smtps://USER:PASSWORD@HOST".into())
                        }
                    })
                })
                .transpose()?,
            mail_from: parse_with("PAKN_MAIL_FROM", read("PAKN_MAIL_FROM"), "pakn <no-reply@pakn.invalid>", |v| {
                if v.contains('@') && !v.chars().any(char::is_control) {
                    Ok(v.to_string())
                } else {
                    Err("must be a mailbox such as: pakn <no-reply@hue.gov.vn>".into())
                }
            })?,
            public_base_url: parse_with(
                "PAKN_PUBLIC_BASE_URL",
                read("PAKN_PUBLIC_BASE_URL"),
                "http://127.0.0.1:8080",
                |v| {
                    let valid = (v.starts_with("http://") || v.starts_with("https://"))
                        && !v.chars().any(|c| c.is_whitespace() || c.is_control() || c == '?' || c == '#');
                    if valid {
                        Ok(v.trim_end_matches('/').to_string())
                    } else {
                        Err("must be an http:// or https:// address".into())
                    }
                },
            )?,
            mail_max_attempts: parse_with("PAKN_MAIL_MAX_ATTEMPTS", read("PAKN_MAIL_MAX_ATTEMPTS"), "8", |v| {
                number_in(v, 1, 100)
            })?,
            mail_retry_base: parse_with(
                "PAKN_MAIL_RETRY_BASE_MILLISECONDS",
                read("PAKN_MAIL_RETRY_BASE_MILLISECONDS"),
                "10000",
                |v| number_in(v, 10, 3_600_000).map(Duration::from_millis),
            )?,
            outbox_poll_interval: parse_with(
                "PAKN_OUTBOX_POLL_MILLISECONDS",
                read("PAKN_OUTBOX_POLL_MILLISECONDS"),
                "2000",
                |v| number_in(v, 10, 600_000).map(Duration::from_millis),
            )?,
            identity_key: read("PAKN_IDENTITY_KEY")
                .map(|key| {
                    parse_with("PAKN_IDENTITY_KEY", Some(key), "", |v| {
                        let valid = v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit());
                        if valid {
                            Ok(v.to_string())
                        } else {
                            Err("must be 64 hexadecimal characters (32 bytes)".into())
                        }
                    })
                })
                .transpose()
                .map_err(|mut error| {
                    error.value = "(hidden)".into();
                    error
                })?,
            identity_storage: parse_with("PAKN_IDENTITY_STORAGE", read("PAKN_IDENTITY_STORAGE"), "encrypted", |v| {
                match v {
                    "encrypted" => Ok(IdentityStorage::Encrypted),
                    "offline" => Ok(IdentityStorage::Offline),
                    _ => Err("must be encrypted or offline".into()),
                }
            })?,
            triage_agency_code: parse_with(
                "PAKN_TRIAGE_AGENCY_CODE",
                read("PAKN_TRIAGE_AGENCY_CODE"),
                "hue-ban-tiep-cong-dan",
                |v| {
                    let valid = (2..=64).contains(&v.len())
                        && v.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                    if valid { Ok(v.to_string()) } else { Err("must be an agency code".into()) }
                },
            )?,
            open311_default_unit: parse_with(
                "PAKN_OPEN311_DEFAULT_UNIT",
                read("PAKN_OPEN311_DEFAULT_UNIT"),
                "46",
                |v| match v {
                    "none" => Ok(None),
                    code => AdminUnitCode::parse(code).map(Some).map_err(|e| format!("{e}, or none")),
                },
            )?,
            open311_test_endpoint: parse_with(
                "PAKN_OPEN311_TEST_ENDPOINT",
                read("PAKN_OPEN311_TEST_ENDPOINT"),
                "",
                |v| match v {
                    "" => Ok(None),
                    url if (url.starts_with("http://") || url.starts_with("https://"))
                        && !url.chars().any(|c| c.is_whitespace() || c.is_control()) =>
                    {
                        Ok(Some(url.trim_end_matches('/').to_string()))
                    }
                    _ => Err("must be an http or https URL".into()),
                },
            )?,
            open311_filings_per_hour: parse_with(
                "PAKN_OPEN311_FILINGS_PER_HOUR",
                read("PAKN_OPEN311_FILINGS_PER_HOUR"),
                "1000",
                |v| number_in(v, 1, 1_000_000),
            )?,
            max_attachment_bytes: parse_with(
                "PAKN_MAX_ATTACHMENT_BYTES",
                read("PAKN_MAX_ATTACHMENT_BYTES"),
                "20971520",
                |v| number_in(v, 1024, 1024 * 1024 * 1024),
            )?,
            max_attachments: parse_with("PAKN_MAX_ATTACHMENTS", read("PAKN_MAX_ATTACHMENTS"), "10", |v| {
                number_in(v, 1, 1000)
            })?,
            max_concurrent_uploads: parse_with(
                "PAKN_MAX_CONCURRENT_UPLOADS",
                read("PAKN_MAX_CONCURRENT_UPLOADS"),
                "8",
                |v| number_in(v, 1, 1000),
            )?,
            upload_time_allowed: parse_with("PAKN_UPLOAD_SECONDS", read("PAKN_UPLOAD_SECONDS"), "120", |v| {
                number_in(v, 1, 3600).map(Duration::from_secs)
            })?,
            reminder_working_days: parse_with(
                "PAKN_REMINDER_WORKING_DAYS",
                read("PAKN_REMINDER_WORKING_DAYS"),
                "2",
                |v| number_in(v, 0, 30),
            )?,
            auto_close_days: parse_with("PAKN_AUTO_CLOSE_DAYS", read("PAKN_AUTO_CLOSE_DAYS"), "45", |v| {
                number_in(v, 1, 365)
            })?,
            confirmation_days: parse_with("PAKN_CONFIRMATION_DAYS", read("PAKN_CONFIRMATION_DAYS"), "7", |v| {
                number_in(v, 1, 90)
            })?,
            sweep_interval: parse_with("PAKN_SWEEP_SECONDS", read("PAKN_SWEEP_SECONDS"), "300", |v| {
                number_in(v, 1, 86_400).map(Duration::from_secs)
            })?,
            public_stats_minimum: parse_with(
                "PAKN_PUBLIC_STATS_MINIMUM",
                read("PAKN_PUBLIC_STATS_MINIMUM"),
                "20",
                |v| number_in(v, 1, 100_000),
            )?,
            public_stats_max_age: parse_with(
                "PAKN_PUBLIC_STATS_MAX_AGE_SECONDS",
                read("PAKN_PUBLIC_STATS_MAX_AGE_SECONDS"),
                "60",
                |v| number_in(v, 0, 3_600).map(Duration::from_secs),
            )?,
            audit_seal_interval: parse_with("PAKN_AUDIT_SEAL_SECONDS", read("PAKN_AUDIT_SEAL_SECONDS"), "5", |v| {
                number_in(v, 1, 3_600).map(Duration::from_secs)
            })?,
            password_hash_concurrency: parse_with(
                "PAKN_PASSWORD_HASH_CONCURRENCY",
                read("PAKN_PASSWORD_HASH_CONCURRENCY"),
                "1",
                |v| number_in(v, 1, 64),
            )?,
            trusted_proxies: parse_with("PAKN_TRUSTED_PROXIES", read("PAKN_TRUSTED_PROXIES"), "", |v| {
                v.split(',')
                    .map(str::trim)
                    .filter(|part| !part.is_empty())
                    .map(|part| {
                        part.parse::<IpAddr>()
                            .map_err(|_| format!("{part:?} is not an IP address (give a comma-separated list)"))
                    })
                    .collect()
            })?,
        };
        config.check_production()?;
        Ok(config)
    }

    /// What production demands beyond each value's own form: secrets that look random.
    fn check_production(&self) -> Result<(), ConfigError> {
        if self.environment != Environment::Production {
            return Ok(());
        }
        if let Some(secret) = &self.jwt_secret
            && !crate::security::jwt::looks_random(secret)
        {
            return Err(ConfigError {
                variable: "PAKN_JWT_SECRET",
                value: "(hidden)".into(),
                problem: "does not look random: in production use 32 random bytes, e.g. `openssl rand -hex 32`".into(),
            });
        }
        Ok(())
    }
}

fn parse_with<T>(
    variable: &'static str,
    given: Option<String>,
    default: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<T, ConfigError> {
    let value = given.unwrap_or_else(|| default.to_string());
    parse(value.trim()).map_err(|problem| ConfigError { variable, value: crate::db::redact_password(&value), problem })
}

fn number_in<T>(value: &str, min: T, max: T) -> Result<T, String>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
{
    match value.parse::<T>() {
        Ok(n) if n >= min && n <= max => Ok(n),
        _ => Err(format!("must be a whole number from {min} to {max}")),
    }
}

#[cfg(test)]
mod tests;
