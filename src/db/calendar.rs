//! Queries over the listed days of the working-day calendar.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::DbConnection;
use super::schema::calendar_days;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = calendar_days)]
pub struct CalendarDayRow {
    pub day: NaiveDate,
    pub kind: String,
    pub name_vi: String,
    pub name_en: String,
    pub source: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = calendar_days)]
pub struct NewCalendarDayRow<'a> {
    pub day: NaiveDate,
    pub kind: &'a str,
    pub name_vi: &'a str,
    pub name_en: &'a str,
    pub source: &'a str,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Listed days from `first` to `last` inclusive, in date order.
pub fn between(connection: &mut DbConnection, first: NaiveDate, last: NaiveDate) -> QueryResult<Vec<CalendarDayRow>> {
    calendar_days::table
        .filter(calendar_days::day.ge(first))
        .filter(calendar_days::day.le(last))
        .order(calendar_days::day.asc())
        .select(CalendarDayRow::as_select())
        .load(connection)
}

pub fn insert(connection: &mut DbConnection, row: &NewCalendarDayRow) -> QueryResult<usize> {
    diesel::insert_into(calendar_days::table).values(row).execute(connection)
}

pub fn update(connection: &mut DbConnection, row: &NewCalendarDayRow) -> QueryResult<usize> {
    diesel::update(calendar_days::table.find(row.day))
        .set((
            calendar_days::kind.eq(row.kind),
            calendar_days::name_vi.eq(row.name_vi),
            calendar_days::name_en.eq(row.name_en),
            calendar_days::source.eq(row.source),
            calendar_days::updated_at.eq(row.updated_at),
        ))
        .execute(connection)
}

pub fn delete(connection: &mut DbConnection, day: NaiveDate) -> QueryResult<usize> {
    diesel::delete(calendar_days::table.find(day)).execute(connection)
}
