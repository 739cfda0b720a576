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
    pub visibility: String,
    pub note: Option<String>,
    pub seq: i32,
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
    pub visibility: &'a str,
    pub note: Option<&'a str>,
}

/// Appends an event as the next of its subject's (call inside the transaction of the change).
pub fn append(connection: &mut DbConnection, row: &NewEventRow) -> QueryResult<usize> {
    let last: Option<i32> = events::table
        .filter(events::subject_type.eq(row.subject_type))
        .filter(events::subject_id.eq(row.subject_id))
        .select(diesel::dsl::max(events::seq))
        .first(connection)?;
    diesel::insert_into(events::table).values((row, events::seq.eq(last.unwrap_or(0) + 1))).execute(connection)
}

pub fn of_subject(connection: &mut DbConnection, subject_type: &str, subject_id: &str) -> QueryResult<Vec<EventRow>> {
    events::table
        .filter(events::subject_type.eq(subject_type))
        .filter(events::subject_id.eq(subject_id))
        .order(events::seq.asc())
        .select(EventRow::as_select())
        .load(connection)
}

/// A petition's timeline; only the public entries when `public_only`.
pub fn timeline(connection: &mut DbConnection, petition_id: &str, public_only: bool) -> QueryResult<Vec<EventRow>> {
    let mut query = events::table
        .filter(events::subject_type.eq("petition"))
        .filter(events::subject_id.eq(petition_id))
        .into_boxed();
    if public_only {
        query = query.filter(events::visibility.eq("public"));
    }
    query.order(events::seq.asc()).select(EventRow::as_select()).load(connection)
}
