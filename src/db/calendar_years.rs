//! Which years of the holiday calendar the government has announced; rows become `CalendarYear`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::decode::Columns;
use super::schema::calendar_years;
use crate::domain::calendar::{CalendarYear, YearStatus};

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = calendar_years)]
struct CalendarYearRow {
    year: i32,
    status: String,
    source: String,
    updated_at: NaiveDateTime,
}

impl CalendarYearRow {
    fn into_year(self) -> QueryResult<CalendarYear> {
        Ok(CalendarYear {
            status: Columns("calendar_years").parse::<YearStatus>("status", &self.status)?,
            year: self.year,
            source: self.source,
            updated_at: self.updated_at,
        })
    }

    fn of(year: &CalendarYear) -> Self {
        CalendarYearRow {
            year: year.year,
            status: year.status.as_str().to_string(),
            source: year.source.clone(),
            updated_at: year.updated_at,
        }
    }
}

/// Every year the calendar speaks of, in order.
pub fn all(connection: &mut DbConnection) -> QueryResult<Vec<CalendarYear>> {
    let rows = calendar_years::table
        .order(calendar_years::year.asc())
        .select(CalendarYearRow::as_select())
        .load(connection)?;
    rows.into_iter().map(CalendarYearRow::into_year).collect()
}

pub fn find(connection: &mut DbConnection, year: i32) -> QueryResult<Option<CalendarYear>> {
    let row =
        calendar_years::table.find(year).select(CalendarYearRow::as_select()).get_result(connection).optional()?;
    row.map(CalendarYearRow::into_year).transpose()
}

/// Writes a year as given, whether or not it was there.
pub fn save(connection: &mut DbConnection, year: &CalendarYear) -> QueryResult<()> {
    let row = CalendarYearRow::of(year);
    let updated = diesel::update(calendar_years::table.find(year.year)).set(&row).execute(connection)?;
    if updated == 0 {
        diesel::insert_into(calendar_years::table).values(&row).execute(connection)?;
    }
    Ok(())
}
