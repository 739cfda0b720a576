//! The holiday calendar: a year's listed days, the working-day calendar deadlines count on (which
//! knows the years the government has announced), and administrators listing a day (a holiday, a
//! day off, a make-up working day), removing it, or marking a year announced.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde_json::json;

use crate::db::calendar::{self, NewCalendarDayRow};
use crate::db::{self, DbConnection, calendar_years};
use crate::domain::FieldError;
use crate::domain::calendar::{CalendarYear, DayKind, ListedDay, WorkingCalendar, YearStatus};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::UserId;
use crate::domain::text::reference_text;
use crate::service::{ServiceError, ServiceResult, events};

/// Years the API accepts: wide enough for history and planning, narrow enough to catch typos.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// A year's listed days, and whether the government has announced them.
pub fn days_of_year(connection: &mut DbConnection, year: i32) -> ServiceResult<(Vec<ListedDay>, YearStatus)> {
    let (Some(first), Some(last)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31)) else {
        return Err(ServiceError::invalid("year", format!("must be from {} to {}", YEARS.start(), YEARS.end())));
    };
    Ok((calendar::between(connection, first, last)?, status_of(connection, year)?))
}

/// A year nobody has spoken of is provisional: its holidays are not announced.
pub fn status_of(connection: &mut DbConnection, year: i32) -> ServiceResult<YearStatus> {
    Ok(calendar_years::find(connection, year)?.map_or(YearStatus::Provisional, |y| y.status))
}

/// The working-day calendar for deadlines that run from `first` to `last`, knowing which years
/// are announced.
pub fn working_calendar(
    connection: &mut DbConnection,
    first: NaiveDate,
    last: NaiveDate,
) -> ServiceResult<WorkingCalendar> {
    let days = calendar::between(connection, first, last)?;
    let announced = calendar_years::all(connection)?
        .into_iter()
        .filter(|year| year.status == YearStatus::Announced)
        .map(|year| year.year);
    Ok(WorkingCalendar::new(days.into_iter().map(|listed| (listed.day, listed.kind))).with_announced_years(announced))
}

pub fn years(connection: &mut DbConnection) -> ServiceResult<Vec<CalendarYear>> {
    Ok(calendar_years::all(connection)?)
}

/// The years from `today`'s to the next whose holidays are not announced: deadlines can reach
/// into them, so operators are warned.
pub fn provisional_years_ahead(connection: &mut DbConnection, today: NaiveDate) -> ServiceResult<Vec<i32>> {
    let mut provisional = Vec::new();
    for year in today.year()..=today.year() + 1 {
        if calendar_years::find(connection, year)?.is_none_or(|y| y.status != YearStatus::Announced) {
            provisional.push(year);
        }
    }
    Ok(provisional)
}

/// An administrator says whether a year's holidays are announced, and by which act; from then
/// on shipped corrections leave the year as they set it.
pub fn set_year(
    connection: &mut DbConnection,
    actor: &UserId,
    year: i32,
    (status, source): (&str, &str),
    now: NaiveDateTime,
) -> ServiceResult<CalendarYear> {
    let mut errors = Vec::new();
    if !YEARS.contains(&year) {
        errors.push(FieldError::new("year", format!("must be from {} to {}", YEARS.start(), YEARS.end())));
    }
    let status = status.parse::<YearStatus>().map_err(|e| errors.push(FieldError::new("status", e.to_string()))).ok();
    let source = reference_text(&mut errors, "source", source, 500, false);
    let Some(status) = status.filter(|_| errors.is_empty()) else { return Err(ServiceError::Invalid(errors)) };
    db::transaction(connection, |c| {
        let year = CalendarYear { year, status, source, updated_at: now };
        calendar_years::save(c, &year)?;
        let data = json!({ "status": status.as_str() });
        events::record(c, Some(actor), EventKind::CalendarYearSet, Subject::CalendarYear(year.year), data, now)?;
        Ok(year)
    })
}

/// What the calendar says of a listed day, as an administrator writes it.
#[derive(Debug, Clone)]
pub struct DayEntry {
    pub kind: String,
    pub name_vi: String,
    pub name_en: String,
    pub source: String,
}

/// Lists a day in the calendar, or replaces what it said. True when the day was not listed before;
/// also says whether its year is announced.
pub fn put_day(
    connection: &mut DbConnection,
    actor: &UserId,
    day: NaiveDate,
    entry: DayEntry,
    now: NaiveDateTime,
) -> ServiceResult<(ListedDay, YearStatus, bool)> {
    let mut errors = Vec::new();
    let kind = entry.kind.parse::<DayKind>().map_err(|e| errors.push(FieldError::new("kind", e.to_string()))).ok();
    let name_vi = reference_text(&mut errors, "name_vi", &entry.name_vi, 200, false);
    let name_en = reference_text(&mut errors, "name_en", &entry.name_en, 200, false);
    let source = reference_text(&mut errors, "source", &entry.source, 500, false);
    let Some(kind) = kind.filter(|_| errors.is_empty()) else { return Err(ServiceError::Invalid(errors)) };
    db::transaction(connection, |c| {
        let row = NewCalendarDayRow {
            day,
            kind: kind.as_str(),
            name_vi: &name_vi,
            name_en: &name_en,
            source: &source,
            created_at: now,
            updated_at: now,
        };
        let created = calendar::between(c, day, day)?.is_empty();
        if created {
            calendar::insert(c, &row)?;
        } else {
            calendar::update(c, &row)?;
        }
        let data = json!({ "kind": kind.as_str() });
        events::record(c, Some(actor), EventKind::CalendarDayListed, Subject::CalendarDay(day), data, now)?;
        let stored =
            calendar::between(c, day, day)?.pop().ok_or_else(|| ServiceError::NotFound("the day vanished".into()))?;
        Ok((stored, status_of(c, day.year())?, created))
    })
}

pub fn remove_day(
    connection: &mut DbConnection,
    actor: &UserId,
    day: NaiveDate,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    db::transaction(connection, |c| {
        if calendar::delete(c, day)? == 0 {
            return Err(ServiceError::NotFound(format!("{day} is not listed in the calendar")));
        }
        events::record(c, Some(actor), EventKind::CalendarDayRemoved, Subject::CalendarDay(day), json!({}), now)
    })
}
