//! The conversation on a petition between its petitioner and the handling agency, with staff notes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::petition_messages;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = petition_messages)]
pub struct MessageRow {
    pub id: String,
    pub petition_id: String,
    pub seq: i32,
    pub author_id: Option<String>,
    pub sender: String,
    pub purpose: String,
    pub body: String,
    pub internal: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = petition_messages)]
pub struct NewMessageRow<'a> {
    pub id: &'a str,
    pub petition_id: &'a str,
    pub author_id: Option<&'a str>,
    pub sender: &'a str,
    pub purpose: &'a str,
    pub body: &'a str,
    pub internal: bool,
    pub created_at: NaiveDateTime,
}

/// Appends a message as the petition's next (inside the transaction of the step that writes it;
/// the unique (petition, seq) makes a racing writer fail rather than reorder).
pub fn append(connection: &mut DbConnection, row: &NewMessageRow) -> QueryResult<usize> {
    let last: Option<i32> = petition_messages::table
        .filter(petition_messages::petition_id.eq(row.petition_id))
        .select(diesel::dsl::max(petition_messages::seq))
        .first(connection)?;
    diesel::insert_into(petition_messages::table)
        .values((row, petition_messages::seq.eq(last.unwrap_or(0) + 1)))
        .execute(connection)
}

/// A petition's messages in order; staff notes only when `with_internal`.
pub fn of_petition(
    connection: &mut DbConnection,
    petition_id: &str,
    with_internal: bool,
) -> QueryResult<Vec<MessageRow>> {
    let mut query = petition_messages::table.filter(petition_messages::petition_id.eq(petition_id)).into_boxed();
    if !with_internal {
        query = query.filter(petition_messages::internal.eq(false));
    }
    query.order(petition_messages::seq.asc()).select(MessageRow::as_select()).load(connection)
}
