//! The conversation on a petition between its petitioner and the handling agency, with staff
//! notes; rows become `Message` here.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::decode::Columns;
use super::schema::petition_messages;
use crate::domain::ids::{MessageId, PetitionId, UserId};
use crate::domain::petition::message::{Message, MessagePurpose, Sender};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = petition_messages)]
struct MessageRow {
    id: String,
    petition_id: String,
    seq: i32,
    author_id: Option<String>,
    sender: String,
    purpose: String,
    body: String,
    internal: bool,
    created_at: NaiveDateTime,
}

const COLUMNS: Columns = Columns("petition_messages");

impl MessageRow {
    fn into_message(self) -> QueryResult<Message> {
        Ok(Message {
            sender: COLUMNS.parse("sender", &self.sender)?,
            purpose: COLUMNS.parse("purpose", &self.purpose)?,
            id: MessageId::from_stored(self.id),
            petition_id: PetitionId::from_stored(self.petition_id),
            seq: self.seq,
            author_id: self.author_id.map(UserId::from_stored),
            body: self.body,
            internal: self.internal,
            created_at: self.created_at,
        })
    }
}

/// A message about to be appended.
#[derive(Debug, Clone)]
pub struct NewMessage<'a> {
    pub id: &'a MessageId,
    pub petition_id: &'a PetitionId,
    pub author_id: Option<&'a UserId>,
    pub sender: Sender,
    pub purpose: MessagePurpose,
    pub body: &'a str,
    pub internal: bool,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = petition_messages)]
struct NewMessageRow<'a> {
    id: &'a str,
    petition_id: &'a str,
    author_id: Option<&'a str>,
    sender: &'a str,
    purpose: &'a str,
    body: &'a str,
    internal: bool,
    created_at: NaiveDateTime,
}

/// Appends a message as the petition's next (inside the transaction of the step that writes it;
/// the unique (petition, seq) makes a racing writer fail rather than reorder).
pub fn append(connection: &mut DbConnection, message: &NewMessage) -> QueryResult<usize> {
    let last: Option<i32> = petition_messages::table
        .filter(petition_messages::petition_id.eq(message.petition_id.as_str()))
        .select(diesel::dsl::max(petition_messages::seq))
        .get_result(connection)?;
    let row = NewMessageRow {
        id: message.id.as_str(),
        petition_id: message.petition_id.as_str(),
        author_id: message.author_id.map(UserId::as_str),
        sender: message.sender.as_str(),
        purpose: message.purpose.as_str(),
        body: message.body,
        internal: message.internal,
        created_at: message.created_at,
    };
    diesel::insert_into(petition_messages::table)
        .values((row, petition_messages::seq.eq(last.unwrap_or(0) + 1)))
        .execute(connection)
}

/// A petition's messages in order; staff notes only when `with_internal`.
pub fn of_petition(
    connection: &mut DbConnection,
    petition_id: &PetitionId,
    with_internal: bool,
) -> QueryResult<Vec<Message>> {
    let mut query =
        petition_messages::table.filter(petition_messages::petition_id.eq(petition_id.as_str())).into_boxed();
    if !with_internal {
        query = query.filter(petition_messages::internal.eq(false));
    }
    let rows = query.order(petition_messages::seq.asc()).select(MessageRow::as_select()).load(connection)?;
    rows.into_iter().map(MessageRow::into_message).collect()
}
