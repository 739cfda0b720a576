//! What pakn publishes and reports (issue #13): the public lists of petitions, the public
//! statistics with their definitions, and (as they come) the open data export and the six-month
//! and annual reports.

pub mod open_data;
pub mod public_petitions;
pub mod statistics;

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

use crate::domain::time::end_of_vietnam_day_utc;

/// The instants [from, before) that the Vietnamese days `from` to `to` (inclusive) span.
pub fn vietnam_days(from: NaiveDate, to: NaiveDate) -> (NaiveDateTime, NaiveDateTime) {
    (end_of_vietnam_day_utc(from) - TimeDelta::days(1), end_of_vietnam_day_utc(to))
}
