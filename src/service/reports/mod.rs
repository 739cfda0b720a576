//! What pakn publishes and reports (issue #13): the public lists of petitions, the public
//! statistics with their definitions, the open data export, and the six-month and annual reports.

pub mod open_data;
pub mod periodic;
pub mod public_petitions;
pub mod recently_computed;
pub mod statistics;

use chrono::NaiveDate;

use crate::service::{ServiceError, ServiceResult};

/// The first and last days a period may name: both databases store every instant between.
pub const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(day) => day,
    None => NaiveDate::MIN,
};
pub const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(day) => day,
    None => NaiveDate::MAX,
};

/// A day a period may start or end on: from `FIRST_DAY` to `LAST_DAY`.
pub fn check_day(field: &str, day: Option<NaiveDate>) -> ServiceResult<()> {
    match day {
        Some(day) if !(FIRST_DAY..=LAST_DAY).contains(&day) => {
            Err(ServiceError::invalid(field, "must be a date in the years 1 to 9999"))
        }
        _ => Ok(()),
    }
}
