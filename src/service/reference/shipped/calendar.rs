//! The shipped holiday calendar (`migrations/data/vn_calendar_*.csv`) and how it reaches a
//! database: a fresh one gets every day; an installed one gets the corrections of a new version —
//! days added, changed or withdrawn — except where an administrator has decided otherwise (their
//! edit is in the event log). Every change is recorded as an event of the system.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde_json::json;

use crate::db::calendar::{self, NewCalendarDayRow};
use crate::db::{DbConnection, calendar_years, events as event_log};
use crate::domain::calendar::{CalendarYear, DayKind, ListedDay, WorkingCalendar, YearStatus};
use crate::domain::events::{EventKind, Subject};
use crate::service::{ServiceError, ServiceResult, events};

const DAYS: &str = include_str!("../../../../migrations/data/vn_calendar_days.csv");
const YEARS: &str = include_str!("../../../../migrations/data/vn_calendar_years.csv");

#[derive(Debug, serde::Deserialize)]
struct DayCsvRow {
    day: NaiveDate,
    kind: DayKind,
    name_vi: String,
    name_en: String,
    source: String,
}

#[derive(Debug, serde::Deserialize)]
struct YearCsvRow {
    year: i32,
    status: YearStatus,
    source: String,
}

fn broken(file: &str, error: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(anyhow::anyhow!("shipped {file} is malformed: {error}"))
}

fn shipped_days() -> ServiceResult<Vec<DayCsvRow>> {
    csv::Reader::from_reader(DAYS.as_bytes())
        .deserialize()
        .collect::<Result<_, _>>()
        .map_err(|e| broken("vn_calendar_days.csv", e))
}

fn shipped_years() -> ServiceResult<Vec<YearCsvRow>> {
    csv::Reader::from_reader(YEARS.as_bytes())
        .deserialize()
        .collect::<Result<_, _>>()
        .map_err(|e| broken("vn_calendar_years.csv", e))
}

/// The working-day calendar exactly as shipped, for tests that must count on the real data.
pub fn shipped_calendar() -> ServiceResult<WorkingCalendar> {
    let announced = shipped_years()?.into_iter().filter(|y| y.status == YearStatus::Announced).map(|y| y.year);
    Ok(WorkingCalendar::new(shipped_days()?.into_iter().map(|row| (row.day, row.kind))).with_announced_years(announced))
}

/// What a reconciliation changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reconciled {
    pub added: usize,
    pub corrected: usize,
    pub withdrawn: usize,
    /// Days and years an administrator decided, left as they are.
    pub kept: usize,
}

/// Brings the database's calendar in line with the shipped one, day by day, within the years the
/// shipped data covers.
pub fn reconcile(connection: &mut DbConnection, now: NaiveDateTime) -> ServiceResult<Reconciled> {
    let mut report = Reconciled::default();
    let years = shipped_years()?;
    for row in &years {
        reconcile_year(connection, row, now, &mut report)?;
    }
    let shipped: BTreeMap<NaiveDate, DayCsvRow> = shipped_days()?.into_iter().map(|row| (row.day, row)).collect();
    let (Some(first), Some(last)) = (years.first().map(|y| y.year), years.last().map(|y| y.year)) else {
        return Ok(report);
    };
    let (Some(from), Some(to)) = (NaiveDate::from_ymd_opt(first, 1, 1), NaiveDate::from_ymd_opt(last, 12, 31)) else {
        return Err(broken("vn_calendar_years.csv", "a year out of range"));
    };
    let listed: BTreeMap<NaiveDate, ListedDay> =
        calendar::between(connection, from, to)?.into_iter().map(|day| (day.day, day)).collect();
    for (day, row) in &shipped {
        if event_log::touched_by_someone(connection, Subject::CalendarDay(*day))? {
            report.kept += 1;
            continue;
        }
        let new = NewCalendarDayRow {
            day: *day,
            kind: row.kind.as_str(),
            name_vi: &row.name_vi,
            name_en: &row.name_en,
            source: &row.source,
            created_at: now,
            updated_at: now,
        };
        match listed.get(day) {
            None => {
                calendar::insert(connection, &new)?;
                report.added += 1;
            }
            Some(existing) if differs(existing, row) => {
                calendar::update(connection, &new)?;
                report.corrected += 1;
            }
            Some(_) => continue,
        }
        let data = json!({ "kind": row.kind.as_str(), "shipped": true });
        events::record(connection, None, EventKind::CalendarDayListed, Subject::CalendarDay(*day), data, now)?;
    }
    for day in listed.keys().filter(|day| !shipped.contains_key(day) && (first..=last).contains(&day.year())) {
        if event_log::touched_by_someone(connection, Subject::CalendarDay(*day))? {
            report.kept += 1;
            continue;
        }
        calendar::delete(connection, *day)?;
        let data = json!({ "shipped": true });
        events::record(connection, None, EventKind::CalendarDayRemoved, Subject::CalendarDay(*day), data, now)?;
        report.withdrawn += 1;
    }
    Ok(report)
}

fn differs(listed: &ListedDay, shipped: &DayCsvRow) -> bool {
    listed.kind != shipped.kind
        || listed.name_vi != shipped.name_vi
        || listed.name_en != shipped.name_en
        || listed.source != shipped.source
}

fn reconcile_year(
    connection: &mut DbConnection,
    row: &YearCsvRow,
    now: NaiveDateTime,
    report: &mut Reconciled,
) -> ServiceResult<()> {
    if event_log::touched_by_someone(connection, Subject::CalendarYear(row.year))? {
        report.kept += 1;
        return Ok(());
    }
    let current = calendar_years::find(connection, row.year)?;
    if current.as_ref().is_some_and(|year| year.status == row.status && year.source == row.source) {
        return Ok(());
    }
    let year = CalendarYear { year: row.year, status: row.status, source: row.source.clone(), updated_at: now };
    calendar_years::save(connection, &year)?;
    let data = json!({ "status": row.status.as_str(), "shipped": true });
    events::record(connection, None, EventKind::CalendarYearSet, Subject::CalendarYear(row.year), data, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_calendar_reads_whole() {
        assert!(shipped_days().unwrap().len() > 30);
        let years: Vec<(i32, YearStatus)> = shipped_years().unwrap().iter().map(|y| (y.year, y.status)).collect();
        assert_eq!(
            years,
            [(2025, YearStatus::Announced), (2026, YearStatus::Announced), (2027, YearStatus::Provisional)]
        );
    }
}
