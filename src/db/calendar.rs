//! Queries over the listed days of the working-day calendar; rows become `ListedDay` here.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::DbConnection;
use super::decode::Columns;
use super::schema::calendar_days;
use crate::domain::calendar::ListedDay;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = calendar_days)]
struct CalendarDayRow {
    day: NaiveDate,
    kind: String,
    name_vi: String,
    name_en: String,
    source: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl CalendarDayRow {
    fn into_listed_day(self) -> QueryResult<ListedDay> {
        Ok(ListedDay {
            kind: Columns("calendar_days").parse("kind", &self.kind)?,
            day: self.day,
            name_vi: self.name_vi,
            name_en: self.name_en,
            source: self.source,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
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
pub fn between(connection: &mut DbConnection, first: NaiveDate, last: NaiveDate) -> QueryResult<Vec<ListedDay>> {
    let rows = calendar_days::table
        .filter(calendar_days::day.ge(first))
        .filter(calendar_days::day.le(last))
        .order(calendar_days::day.asc())
        .select(CalendarDayRow::as_select())
        .load(connection)?;
    rows.into_iter().map(CalendarDayRow::into_listed_day).collect()
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
