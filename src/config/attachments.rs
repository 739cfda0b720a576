//! Limits on evidence files and on reading their uploads.

use std::time::Duration;

use super::parse::{ConfigError, Read, number};

pub(super) fn max_bytes(read: Read) -> Result<usize, ConfigError> {
    number(read, "PAKN_MAX_ATTACHMENT_BYTES", "20971520", 1024, 1024 * 1024 * 1024)
}

pub(super) fn max_per_petition(read: Read) -> Result<u32, ConfigError> {
    number(read, "PAKN_MAX_ATTACHMENTS", "10", 1, 1000)
}

pub(super) fn max_concurrent_uploads(read: Read) -> Result<usize, ConfigError> {
    number(read, "PAKN_MAX_CONCURRENT_UPLOADS", "8", 1, 1000)
}

pub(super) fn upload_time_allowed(read: Read) -> Result<Duration, ConfigError> {
    number(read, "PAKN_UPLOAD_SECONDS", "120", 1, 3600).map(Duration::from_secs)
}
