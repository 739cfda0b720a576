//! The Open311 endpoint: where a loosely located request is placed, the test endpoint discovery
//! lists, and how much one key may file.

use super::parse::{ConfigError, Read, number, setting};
use crate::domain::admin_unit::AdminUnitCode;

/// `none` is a value of its own: a blank variable keeps the default unit.
pub(super) fn default_unit(read: Read) -> Result<Option<AdminUnitCode>, ConfigError> {
    setting(read, "PAKN_OPEN311_DEFAULT_UNIT", "46", |v| match v {
        "none" => Ok(None),
        code => AdminUnitCode::parse(code).map(Some).map_err(|e| format!("{e}, or none")),
    })
}

pub(super) fn test_endpoint(read: Read) -> Result<Option<String>, ConfigError> {
    setting(read, "PAKN_OPEN311_TEST_ENDPOINT", "", |v| match v {
        "" => Ok(None),
        url if (url.starts_with("http://") || url.starts_with("https://"))
            && !url.chars().any(|c| c.is_whitespace() || c.is_control()) =>
        {
            Ok(Some(url.trim_end_matches('/').to_string()))
        }
        _ => Err("must be an http or https URL".into()),
    })
}

pub(super) fn filings_per_hour(read: Read) -> Result<u32, ConfigError> {
    number(read, "PAKN_OPEN311_FILINGS_PER_HOUR", "1000", 1, 1_000_000)
}
