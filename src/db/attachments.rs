//! Evidence files attached to petitions (their bytes are in the file store); rows become
//! `Attachment` here.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::decode::Columns;
use super::schema::petition_attachments;
use crate::domain::evidence::Attachment;
use crate::domain::ids::{AttachmentId, PetitionId, UserId};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = petition_attachments)]
struct AttachmentRow {
    id: String,
    petition_id: String,
    content_hash: String,
    media_type: String,
    byte_size: i64,
    file_name: String,
    uploaded_by: Option<String>,
    location_shared: bool,
    created_at: NaiveDateTime,
    purpose: String,
}

impl AttachmentRow {
    fn of(attachment: &Attachment) -> Self {
        AttachmentRow {
            id: attachment.id.to_string(),
            petition_id: attachment.petition_id.to_string(),
            content_hash: attachment.content_hash.clone(),
            media_type: attachment.media_type.as_str().to_string(),
            byte_size: attachment.byte_size,
            file_name: attachment.file_name.clone(),
            uploaded_by: attachment.uploaded_by.as_ref().map(ToString::to_string),
            location_shared: attachment.location_shared,
            created_at: attachment.created_at,
            purpose: attachment.purpose.as_str().to_string(),
        }
    }

    fn into_attachment(self) -> QueryResult<Attachment> {
        Ok(Attachment {
            media_type: Columns("petition_attachments").parse("media_type", &self.media_type)?,
            purpose: Columns("petition_attachments").parse("purpose", &self.purpose)?,
            id: AttachmentId::from_stored(self.id),
            petition_id: PetitionId::from_stored(self.petition_id),
            content_hash: self.content_hash,
            byte_size: self.byte_size,
            file_name: self.file_name,
            uploaded_by: self.uploaded_by.map(UserId::from_stored),
            location_shared: self.location_shared,
            created_at: self.created_at,
        })
    }
}

pub fn insert(connection: &mut DbConnection, attachment: &Attachment) -> QueryResult<usize> {
    diesel::insert_into(petition_attachments::table).values(AttachmentRow::of(attachment)).execute(connection)
}

pub fn of_petition(connection: &mut DbConnection, petition_id: &PetitionId) -> QueryResult<Vec<Attachment>> {
    let rows = petition_attachments::table
        .filter(petition_attachments::petition_id.eq(petition_id.as_str()))
        .order((petition_attachments::created_at.asc(), petition_attachments::id.asc()))
        .select(AttachmentRow::as_select())
        .load(connection)?;
    rows.into_iter().map(AttachmentRow::into_attachment).collect()
}

pub fn count_of_petition(connection: &mut DbConnection, petition_id: &PetitionId) -> QueryResult<i64> {
    petition_attachments::table
        .filter(petition_attachments::petition_id.eq(petition_id.as_str()))
        .count()
        .get_result(connection)
}

pub fn find(
    connection: &mut DbConnection,
    petition_id: &PetitionId,
    id: &AttachmentId,
) -> QueryResult<Option<Attachment>> {
    let row = petition_attachments::table
        .filter(petition_attachments::petition_id.eq(petition_id.as_str()))
        .filter(petition_attachments::id.eq(id.as_str()))
        .select(AttachmentRow::as_select())
        .get_result(connection)
        .optional()?;
    row.map(AttachmentRow::into_attachment).transpose()
}
