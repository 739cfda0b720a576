//! Reading one variable: its default when unset, its checks, and the error that names it.

use std::fmt::Display;
use std::str::FromStr;

/// A `PAKN_*` variable's value; `None` when it is unset or blank, so blank means the default.
pub(super) type Read<'a> = &'a dyn Fn(&'static str) -> Option<String>;

/// A configuration value that cannot be used: names the variable so the operator can fix it.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("configuration error: {variable}={value:?} {problem}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub value: String,
    pub problem: String,
}

/// `variable` as `parse` reads it, or `default` when it is unset.
pub(super) fn setting<T>(
    read: Read,
    variable: &'static str,
    default: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<T, ConfigError> {
    parse_with(variable, read(variable), default, parse)
}

/// `variable` as `parse` reads it, or `None` when it is unset: for what has no default.
pub(super) fn optional<T>(
    read: Read,
    variable: &'static str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<Option<T>, ConfigError> {
    read(variable).map(|value| parse_with(variable, Some(value), "", parse)).transpose()
}

pub(super) fn number<T>(read: Read, variable: &'static str, default: &str, min: T, max: T) -> Result<T, ConfigError>
where
    T: FromStr + PartialOrd + Display + Copy,
{
    setting(read, variable, default, |v| number_in(v, min, max))
}

fn parse_with<T>(
    variable: &'static str,
    given: Option<String>,
    default: &str,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<T, ConfigError> {
    let value = given.unwrap_or_else(|| default.to_string());
    // The value is repeated in the error, and a database URL may carry a password.
    parse(value.trim()).map_err(|problem| ConfigError { variable, value: crate::db::redact_password(&value), problem })
}

fn number_in<T>(value: &str, min: T, max: T) -> Result<T, String>
where
    T: FromStr + PartialOrd + Display + Copy,
{
    match value.parse::<T>() {
        Ok(n) if n >= min && n <= max => Ok(n),
        _ => Err(format!("must be a whole number from {min} to {max}")),
    }
}
