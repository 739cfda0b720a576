//! The append-only event log: every change, who made it and when.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::events;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = events)]
pub struct EventRow {
    pub id: String,
    pub occurred_at: NaiveDateTime,
    pub actor_id: Option<String>,
    pub kind: String,
    pub subject_type: String,
    pub subject_id: String,
    pub data: String,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = events)]
pub struct NewEventRow<'a> {
    pub id: &'a str,
    pub occurred_at: NaiveDateTime,
    pub actor_id: Option<&'a str>,
    pub kind: &'a str,
    pub subject_type: &'a str,
    pub subject_id: &'a str,
    pub data: &'a str,
}

pub fn append(connection: &mut DbConnection, row: &NewEventRow) -> QueryResult<usize> {
    diesel::insert_into(events::table).values(row).execute(connection)
}

pub fn of_subject(connection: &mut DbConnection, subject_type: &str, subject_id: &str) -> QueryResult<Vec<EventRow>> {
    events::table
        .filter(events::subject_type.eq(subject_type))
        .filter(events::subject_id.eq(subject_id))
        .order((events::occurred_at.asc(), events::id.asc()))
        .select(EventRow::as_select())
        .load(connection)
}
