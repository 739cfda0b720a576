//! Where pakn keeps its data, and how long a request waits on the database.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::parse::{ConfigError, Read, number, setting};
use crate::db::DatabaseUrl;

pub(super) fn data_dir(read: Read) -> PathBuf {
    PathBuf::from(read("PAKN_DATA_DIR").unwrap_or_else(|| "./data".into()))
}

pub(super) fn url(read: Read, data_dir: &Path) -> Result<DatabaseUrl, ConfigError> {
    let default_database = format!("sqlite://{}", data_dir.join("pakn.db").display());
    setting(read, "PAKN_DATABASE_URL", &default_database, DatabaseUrl::parse)
}

pub(super) fn pool_size(read: Read) -> Result<u32, ConfigError> {
    number(read, "PAKN_DB_POOL_SIZE", "4", 1, 64)
}

/// Five jobs take turns on these: two let the outbox deliver while a long sweep runs.
pub(super) fn background_pool_size(read: Read) -> Result<u32, ConfigError> {
    number(read, "PAKN_DB_BACKGROUND_POOL_SIZE", "2", 1, 16)
}

pub(super) fn connect_timeout(read: Read) -> Result<Duration, ConfigError> {
    number(read, "PAKN_DB_CONNECT_TIMEOUT_SECONDS", "5", 1, 300).map(Duration::from_secs)
}

pub(super) fn query_timeout(read: Read) -> Result<Duration, ConfigError> {
    number(read, "PAKN_DB_QUERY_TIMEOUT_SECONDS", "15", 1, 300).map(Duration::from_secs)
}
