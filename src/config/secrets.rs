//! The keys pakn holds (for access tokens and for sealed identities), where denouncers'
//! identities are kept, and what production demands of the keys.

use super::parse::{ConfigError, Read, optional, setting};
use super::{Config, Environment};
use crate::security::jwt;

/// Where denouncers' identities are kept (Decision 774/QĐ-TTg may class them as state secrets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentityStorage {
    /// Sealed with AES-256-GCM in the database.
    Encrypted,
    /// Never online: a denunciation records only a reference to the agency's offline register.
    Offline,
}

/// A key refused is not repeated in the error: the error ends up in the logs.
fn hidden(mut error: ConfigError) -> ConfigError {
    error.value = "(hidden)".into();
    error
}

pub(super) fn jwt_secret(read: Read) -> Result<Option<String>, ConfigError> {
    optional(read, "PAKN_JWT_SECRET", |v| {
        if v.len() >= jwt::MIN_SECRET_BYTES {
            Ok(v.to_string())
        } else {
            Err(format!("must be at least {} bytes", jwt::MIN_SECRET_BYTES))
        }
    })
    .map_err(hidden)
}

pub(super) fn identity_key(read: Read) -> Result<Option<String>, ConfigError> {
    optional(read, "PAKN_IDENTITY_KEY", |v| {
        let valid = v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit());
        if valid { Ok(v.to_string()) } else { Err("must be 64 hexadecimal characters (32 bytes)".into()) }
    })
    .map_err(hidden)
}

pub(super) fn identity_storage(read: Read) -> Result<IdentityStorage, ConfigError> {
    setting(read, "PAKN_IDENTITY_STORAGE", "encrypted", |v| match v {
        "encrypted" => Ok(IdentityStorage::Encrypted),
        "offline" => Ok(IdentityStorage::Offline),
        _ => Err("must be encrypted or offline".into()),
    })
}

/// What production demands beyond each value's own form: secrets that look random.
pub(super) fn check_production(config: &Config) -> Result<(), ConfigError> {
    if config.environment != Environment::Production {
        return Ok(());
    }
    if let Some(secret) = &config.jwt_secret
        && !jwt::looks_random(secret)
    {
        return Err(ConfigError {
            variable: "PAKN_JWT_SECRET",
            value: "(hidden)".into(),
            problem: "does not look random: in production use 32 random bytes, e.g. `openssl rand -hex 32`".into(),
        });
    }
    Ok(())
}
