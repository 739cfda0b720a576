//! What use cases need besides their input: the pool, the clock, password hashing, token keys and
//! the settings that shape links and limits.

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDateTime;

use crate::clock::Clock;
use crate::config::IdentityStorage;
use crate::db::DbPool;
use crate::security::identity::IdentitySealer;
use crate::security::jwt::TokenKeys;
use crate::security::passwords::PasswordHasherPool;
use crate::storage::FileStore;

#[derive(Clone)]
pub struct Context {
    pub pool: DbPool,
    pub clock: Arc<dyn Clock>,
    pub hasher: PasswordHasherPool,
    pub keys: TokenKeys,
    pub sealer: IdentitySealer,
    pub files: Arc<dyn FileStore>,
    pub settings: Arc<Settings>,
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
    pub max_attachment_bytes: usize,
    pub max_attachments: u32,
    pub reminder_working_days: u32,
    pub auto_close_days: u32,
}

impl Context {
    pub fn now(&self) -> NaiveDateTime {
        self.clock.now_utc()
    }

    /// A front-end link carrying a one-time token as `token=`.
    pub fn link(&self, path: &str, token: &str) -> String {
        format!("{}{path}?token={token}", self.settings.public_base_url)
    }
}
