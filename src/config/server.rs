//! How the process serves HTTP: where it listens, its workers, its logs, the environment it runs
//! as, and whom it believes about a client's address.

use std::net::{IpAddr, SocketAddr};

use super::parse::{ConfigError, Read, number, setting};

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

pub(super) fn bind(read: Read) -> Result<SocketAddr, ConfigError> {
    setting(read, "PAKN_BIND", "127.0.0.1:8080", |v| {
        v.parse::<SocketAddr>().map_err(|_| "is not a socket address (expected HOST:PORT, e.g. 127.0.0.1:8080)".into())
    })
}

pub(super) fn log_format(read: Read) -> Result<LogFormat, ConfigError> {
    setting(read, "PAKN_LOG_FORMAT", "pretty", |v| match v.to_ascii_lowercase().as_str() {
        "pretty" => Ok(LogFormat::Pretty),
        "json" => Ok(LogFormat::Json),
        _ => Err("must be pretty or json".into()),
    })
}

pub(super) fn max_json_body_bytes(read: Read) -> Result<usize, ConfigError> {
    number(read, "PAKN_MAX_JSON_BODY_BYTES", "65536", 1024, 16 * 1024 * 1024)
}

pub(super) fn workers(read: Read) -> Result<usize, ConfigError> {
    number(read, "PAKN_WORKERS", "2", 1, 64)
}

pub(super) fn environment(read: Read) -> Result<Environment, ConfigError> {
    setting(read, "PAKN_ENV", "development", |v| match v {
        "development" => Ok(Environment::Development),
        "production" => Ok(Environment::Production),
        _ => Err("must be development or production".into()),
    })
}

pub(super) fn password_hash_concurrency(read: Read) -> Result<usize, ConfigError> {
    number(read, "PAKN_PASSWORD_HASH_CONCURRENCY", "1", 1, 64)
}

pub(super) fn trusted_proxies(read: Read) -> Result<Vec<IpAddr>, ConfigError> {
    setting(read, "PAKN_TRUSTED_PROXIES", "", |v| {
        v.split(',')
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| {
                part.parse::<IpAddr>()
                    .map_err(|_| format!("{part:?} is not an IP address (give a comma-separated list)"))
            })
            .collect()
    })
}
