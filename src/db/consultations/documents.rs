//! A consultation's documents: added, never changed or removed; listed per consultation.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::decode::Columns;
use crate::db::schema::consultation_documents;
use crate::domain::consultations::Document;
use crate::domain::ids::{ConsultationDocumentId, ConsultationId, UserId};

const COLUMNS: Columns = Columns("consultation_documents");

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = consultation_documents)]
struct DocumentRow {
    id: String,
    consultation_id: String,
    content_hash: String,
    media_type: String,
    byte_size: i64,
    file_name: String,
    uploaded_by: String,
    created_at: NaiveDateTime,
}

impl DocumentRow {
    fn into_document(self) -> QueryResult<Document> {
        Ok(Document {
            media_type: COLUMNS.parse("media_type", &self.media_type)?,
            id: ConsultationDocumentId::from_stored(self.id),
            consultation_id: ConsultationId::from_stored(self.consultation_id),
            file_name: self.file_name,
            content_hash: self.content_hash,
            byte_size: self.byte_size,
            uploaded_by: UserId::from_stored(self.uploaded_by),
            created_at: self.created_at,
        })
    }
}

pub fn insert(connection: &mut DbConnection, d: &Document) -> QueryResult<usize> {
    diesel::insert_into(consultation_documents::table)
        .values((
            consultation_documents::id.eq(d.id.as_str()),
            consultation_documents::consultation_id.eq(d.consultation_id.as_str()),
            consultation_documents::content_hash.eq(&d.content_hash),
            consultation_documents::media_type.eq(d.media_type.as_str()),
            consultation_documents::byte_size.eq(d.byte_size),
            consultation_documents::file_name.eq(&d.file_name),
            consultation_documents::uploaded_by.eq(d.uploaded_by.as_str()),
            consultation_documents::created_at.eq(d.created_at),
        ))
        .execute(connection)
}

/// The documents of `consultation`, the earliest added first.
pub fn of_consultation(connection: &mut DbConnection, consultation: &ConsultationId) -> QueryResult<Vec<Document>> {
    let rows = consultation_documents::table
        .filter(consultation_documents::consultation_id.eq(consultation.as_str()))
        .order((consultation_documents::created_at.asc(), consultation_documents::id.asc()))
        .select(DocumentRow::as_select())
        .load(connection)?;
    rows.into_iter().map(DocumentRow::into_document).collect()
}

pub fn count_of(connection: &mut DbConnection, consultation: &ConsultationId) -> QueryResult<i64> {
    consultation_documents::table
        .filter(consultation_documents::consultation_id.eq(consultation.as_str()))
        .count()
        .get_result(connection)
}
