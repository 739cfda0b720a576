//! The reporting periods' days, as administrators set them.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::decode::Columns;
use crate::db::schema::report_periods;
use crate::domain::ids::UserId;
use crate::domain::reports::periods::{PeriodBounds, PeriodKind};

const COLUMNS: Columns = Columns("report_periods");

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = report_periods)]
struct PeriodRow {
    period: String,
    starts_month: i32,
    starts_day: i32,
    starts_previous_year: bool,
    ends_month: i32,
    ends_day: i32,
    basis: String,
    changed_by: Option<String>,
    updated_at: NaiveDateTime,
}

fn day_of_year(month: i32, day: i32) -> QueryResult<(u32, u32)> {
    let unreadable = || COLUMNS.unreadable("starts_month", &format!("{month}-{day}"), "not a month and day");
    Ok((u32::try_from(month).map_err(|_| unreadable())?, u32::try_from(day).map_err(|_| unreadable())?))
}

impl PeriodRow {
    fn into_bounds(self) -> QueryResult<PeriodBounds> {
        Ok(PeriodBounds {
            kind: COLUMNS.parse("period", &self.period)?,
            starts: day_of_year(self.starts_month, self.starts_day)?,
            starts_previous_year: self.starts_previous_year,
            ends: day_of_year(self.ends_month, self.ends_day)?,
            basis: self.basis,
            changed_by: self.changed_by.map(UserId::from_stored),
            updated_at: self.updated_at,
        })
    }
}

pub fn all(connection: &mut DbConnection) -> QueryResult<Vec<PeriodBounds>> {
    let rows =
        report_periods::table.order(report_periods::period.asc()).select(PeriodRow::as_select()).load(connection)?;
    rows.into_iter().map(PeriodRow::into_bounds).collect()
}

pub fn find(connection: &mut DbConnection, kind: PeriodKind) -> QueryResult<Option<PeriodBounds>> {
    let row =
        report_periods::table.find(kind.as_str()).select(PeriodRow::as_select()).get_result(connection).optional()?;
    row.map(PeriodRow::into_bounds).transpose()
}

/// Replaces a period's days and basis (its kind, changed_by and updated_at as given).
pub fn replace(connection: &mut DbConnection, bounds: &PeriodBounds) -> QueryResult<usize> {
    let number = |n: u32| i32::try_from(n).unwrap_or(i32::MAX);
    diesel::update(report_periods::table.find(bounds.kind.as_str()))
        .set((
            report_periods::starts_month.eq(number(bounds.starts.0)),
            report_periods::starts_day.eq(number(bounds.starts.1)),
            report_periods::starts_previous_year.eq(bounds.starts_previous_year),
            report_periods::ends_month.eq(number(bounds.ends.0)),
            report_periods::ends_day.eq(number(bounds.ends.1)),
            report_periods::basis.eq(&bounds.basis),
            report_periods::changed_by.eq(bounds.changed_by.as_ref().map(UserId::as_str)),
            report_periods::updated_at.eq(bounds.updated_at),
        ))
        .execute(connection)
}
