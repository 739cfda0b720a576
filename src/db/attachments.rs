//! Evidence files attached to petitions (their bytes are in the file store).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::petition_attachments;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = petition_attachments)]
pub struct AttachmentRow {
    pub id: String,
    pub petition_id: String,
    pub content_hash: String,
    pub media_type: String,
    pub byte_size: i64,
    pub file_name: String,
    pub uploaded_by: Option<String>,
    pub location_shared: bool,
    pub created_at: NaiveDateTime,
}

pub fn insert(connection: &mut DbConnection, row: &AttachmentRow) -> QueryResult<usize> {
    diesel::insert_into(petition_attachments::table).values(row).execute(connection)
}

pub fn of_petition(connection: &mut DbConnection, petition_id: &str) -> QueryResult<Vec<AttachmentRow>> {
    petition_attachments::table
        .filter(petition_attachments::petition_id.eq(petition_id))
        .order((petition_attachments::created_at.asc(), petition_attachments::id.asc()))
        .select(AttachmentRow::as_select())
        .load(connection)
}

pub fn count_of_petition(connection: &mut DbConnection, petition_id: &str) -> QueryResult<i64> {
    petition_attachments::table.filter(petition_attachments::petition_id.eq(petition_id)).count().get_result(connection)
}

pub fn find(connection: &mut DbConnection, petition_id: &str, id: &str) -> QueryResult<Option<AttachmentRow>> {
    petition_attachments::table
        .filter(petition_attachments::petition_id.eq(petition_id))
        .filter(petition_attachments::id.eq(id))
        .select(AttachmentRow::as_select())
        .first(connection)
        .optional()
}
