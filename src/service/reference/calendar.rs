//! The holiday calendar: listing a year's days and building the working-day calendar from them.

use chrono::NaiveDate;

use crate::db::calendar::{self, CalendarDayRow, NewCalendarDayRow};
use crate::db::{DbConnection, now_utc};
use crate::domain::FieldError;
use crate::domain::calendar::{DayKind, WorkingCalendar};
use crate::service::{ServiceError, ServiceResult};

/// Years the API accepts: wide enough for history and planning, narrow enough to catch typos.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

pub fn days_of_year(connection: &mut DbConnection, year: i32) -> ServiceResult<Vec<CalendarDayRow>> {
    let (Some(first), Some(last)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31)) else {
        return Err(ServiceError::invalid("year", format!("must be from {} to {}", YEARS.start(), YEARS.end())));
    };
    Ok(calendar::between(connection, first, last)?)
}

/// The working-day calendar for deadlines that run from `first` to `last`.
pub fn working_calendar(
    connection: &mut DbConnection,
    first: NaiveDate,
    last: NaiveDate,
) -> ServiceResult<WorkingCalendar> {
    let rows = calendar::between(connection, first, last)?;
    let days = rows
        .into_iter()
        .filter_map(|row| row.kind.parse::<DayKind>().ok().map(|kind| (row.day, kind)))
        .collect::<Vec<_>>();
    Ok(WorkingCalendar::new(days))
}

#[derive(Debug, serde::Deserialize)]
struct CalendarCsvRow {
    day: NaiveDate,
    kind: String,
    name_vi: String,
    name_en: String,
    source: String,
}

/// Adds the listed days of a CSV file (`day,kind,name_vi,name_en,source`); days already listed
/// are kept as they are. Returns how many were added.
pub fn import_csv(connection: &mut DbConnection, csv_text: &str) -> ServiceResult<usize> {
    let now = now_utc();
    let mut added = 0;
    for (index, row) in csv::Reader::from_reader(csv_text.as_bytes()).deserialize::<CalendarCsvRow>().enumerate() {
        let line = index + 2;
        let row =
            row.map_err(|e| ServiceError::Invalid(vec![FieldError::new(format!("line {line}"), e.to_string())]))?;
        let kind = row
            .kind
            .parse::<DayKind>()
            .map_err(|e| ServiceError::invalid(format!("line {line}, kind"), e.to_string()))?;
        if !calendar::between(connection, row.day, row.day)?.is_empty() {
            continue;
        }
        calendar::insert(
            connection,
            &NewCalendarDayRow {
                day: row.day,
                kind: kind.as_str(),
                name_vi: &row.name_vi,
                name_en: &row.name_en,
                source: &row.source,
                created_at: now,
                updated_at: now,
            },
        )?;
        added += 1;
    }
    Ok(added)
}
