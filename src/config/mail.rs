//! How e-mail leaves pakn: the server, the sender, the links it carries, and retrying.

use std::time::Duration;

use super::parse::{ConfigError, Read, number, optional, setting};

pub(super) fn smtp_url(read: Read) -> Result<Option<String>, ConfigError> {
    optional(read, "PAKN_SMTP_URL", |v| {
        let valid = (v.starts_with("smtp://") || v.starts_with("smtps://")) && v.len() > "smtps://".len();
        if valid { Ok(v.to_string()) } else { Err("must be smtp://HOST:PORT or smtps://USER:PASSWORD@HOST".into()) }
    })
}

/// Control characters are refused: the sender goes into a mail header as it is.
pub(super) fn mail_from(read: Read) -> Result<String, ConfigError> {
    setting(read, "PAKN_MAIL_FROM", "pakn <no-reply@pakn.invalid>", |v| {
        if v.contains('@') && !v.chars().any(char::is_control) {
            Ok(v.to_string())
        } else {
            Err("must be a mailbox such as: pakn <no-reply@hue.gov.vn>".into())
        }
    })
}

/// Paths are appended to it, so it must be a plain address: no query, fragment or trailing slash.
pub(super) fn public_base_url(read: Read) -> Result<String, ConfigError> {
    setting(read, "PAKN_PUBLIC_BASE_URL", "http://127.0.0.1:8080", |v| {
        let valid = (v.starts_with("http://") || v.starts_with("https://"))
            && !v.chars().any(|c| c.is_whitespace() || c.is_control() || c == '?' || c == '#');
        if valid {
            Ok(v.trim_end_matches('/').to_string())
        } else {
            Err("must be an http:// or https:// address".into())
        }
    })
}

pub(super) fn max_attempts(read: Read) -> Result<u32, ConfigError> {
    number(read, "PAKN_MAIL_MAX_ATTEMPTS", "8", 1, 100)
}

pub(super) fn retry_base(read: Read) -> Result<Duration, ConfigError> {
    number(read, "PAKN_MAIL_RETRY_BASE_MILLISECONDS", "10000", 10, 3_600_000).map(Duration::from_millis)
}

pub(super) fn outbox_poll_interval(read: Read) -> Result<Duration, ConfigError> {
    number(read, "PAKN_OUTBOX_POLL_MILLISECONDS", "2000", 10, 600_000).map(Duration::from_millis)
}
