//! The holiday calendar: a year's listed days, the working-day calendar deadlines count on, and
//! administrators listing a day (a holiday, a day off, a make-up working day) or removing it.

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::json;

use crate::db::calendar::{self, NewCalendarDayRow};
use crate::db::{self, DbConnection};
use crate::domain::FieldError;
use crate::domain::calendar::{DayKind, ListedDay, WorkingCalendar};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::UserId;
use crate::domain::text::reference_text;
use crate::service::{ServiceError, ServiceResult, events};

/// Years the API accepts: wide enough for history and planning, narrow enough to catch typos.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

pub fn days_of_year(connection: &mut DbConnection, year: i32) -> ServiceResult<Vec<ListedDay>> {
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
    let days = calendar::between(connection, first, last)?;
    Ok(WorkingCalendar::new(days.into_iter().map(|listed| (listed.day, listed.kind))))
}

/// What the calendar says of a listed day, as an administrator writes it.
#[derive(Debug, Clone)]
pub struct DayEntry {
    pub kind: String,
    pub name_vi: String,
    pub name_en: String,
    pub source: String,
}

/// Lists a day in the calendar, or replaces what it said. True when the day was not listed before.
pub fn put_day(
    connection: &mut DbConnection,
    actor: &UserId,
    day: NaiveDate,
    entry: DayEntry,
    now: NaiveDateTime,
) -> ServiceResult<(ListedDay, bool)> {
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
        Ok((stored, created))
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
