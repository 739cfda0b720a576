//! How petitions move without anyone acting: where they arrive, when reminders go out, when they
//! close by themselves, and how often the deadline sweep looks.

use std::time::Duration;

use super::parse::{ConfigError, Read, number, setting};

pub(super) fn triage_agency_code(read: Read) -> Result<String, ConfigError> {
    setting(read, "PAKN_TRIAGE_AGENCY_CODE", "hue-ban-tiep-cong-dan", |v| {
        let valid =
            (2..=64).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if valid { Ok(v.to_string()) } else { Err("must be an agency code".into()) }
    })
}

pub(super) fn reminder_working_days(read: Read) -> Result<u32, ConfigError> {
    number(read, "PAKN_REMINDER_WORKING_DAYS", "2", 0, 30)
}

pub(super) fn auto_close_days(read: Read) -> Result<u32, ConfigError> {
    number(read, "PAKN_AUTO_CLOSE_DAYS", "45", 1, 365)
}

pub(super) fn confirmation_days(read: Read) -> Result<u32, ConfigError> {
    number(read, "PAKN_CONFIRMATION_DAYS", "7", 1, 90)
}

pub(super) fn sweep_interval(read: Read) -> Result<Duration, ConfigError> {
    number(read, "PAKN_SWEEP_SECONDS", "300", 1, 86_400).map(Duration::from_secs)
}
