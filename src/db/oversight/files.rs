//! The evidence files of findings and recommendations: added, never changed; listed per record.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::decode::Columns;
use crate::db::schema::supervision_files;
use crate::db::{DbConnection, MultiBackend};
use crate::domain::ids::{FindingId, RecommendationId, SupervisionFileId, UserId};
use crate::domain::oversight::files::{EvidenceOf, SupervisionFile};

const COLUMNS: Columns = Columns("supervision_files");

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = supervision_files)]
struct FileRow {
    id: String,
    finding_id: Option<String>,
    recommendation_id: Option<String>,
    content_hash: String,
    media_type: String,
    byte_size: i64,
    file_name: String,
    location_shared: bool,
    uploaded_by: String,
    created_at: NaiveDateTime,
}

impl FileRow {
    fn of(file: &SupervisionFile) -> Self {
        let (finding_id, recommendation_id) = match &file.of {
            EvidenceOf::Finding(id) => (Some(id.to_string()), None),
            EvidenceOf::Recommendation(id) => (None, Some(id.to_string())),
        };
        FileRow {
            id: file.id.to_string(),
            finding_id,
            recommendation_id,
            content_hash: file.content_hash.clone(),
            media_type: file.media_type.as_str().to_string(),
            byte_size: file.byte_size,
            file_name: file.file_name.clone(),
            location_shared: file.location_shared,
            uploaded_by: file.uploaded_by.to_string(),
            created_at: file.created_at,
        }
    }

    fn into_file(self) -> QueryResult<SupervisionFile> {
        let of = match (self.finding_id, self.recommendation_id) {
            (Some(finding), None) => EvidenceOf::Finding(FindingId::from_stored(finding)),
            (None, Some(recommendation)) => EvidenceOf::Recommendation(RecommendationId::from_stored(recommendation)),
            _ => return Err(COLUMNS.unreadable("finding_id", "both or neither", "a file is on one record")),
        };
        Ok(SupervisionFile {
            id: SupervisionFileId::from_stored(self.id),
            of,
            media_type: COLUMNS.parse("media_type", &self.media_type)?,
            file_name: self.file_name,
            content_hash: self.content_hash,
            byte_size: self.byte_size,
            location_shared: self.location_shared,
            uploaded_by: UserId::from_stored(self.uploaded_by),
            created_at: self.created_at,
        })
    }
}

pub fn insert(connection: &mut DbConnection, file: &SupervisionFile) -> QueryResult<usize> {
    diesel::insert_into(supervision_files::table).values(FileRow::of(file)).execute(connection)
}

fn of_record(of: &EvidenceOf) -> supervision_files::BoxedQuery<'static, MultiBackend> {
    let query = supervision_files::table.into_boxed();
    match of {
        EvidenceOf::Finding(id) => query.filter(supervision_files::finding_id.eq(id.to_string())),
        EvidenceOf::Recommendation(id) => query.filter(supervision_files::recommendation_id.eq(id.to_string())),
    }
}

/// The files of one record, oldest first.
pub fn of(connection: &mut DbConnection, of: &EvidenceOf) -> QueryResult<Vec<SupervisionFile>> {
    let rows = of_record(of)
        .order((supervision_files::created_at.asc(), supervision_files::id.asc()))
        .select(FileRow::as_select())
        .load(connection)?;
    rows.into_iter().map(FileRow::into_file).collect()
}

pub fn count_of(connection: &mut DbConnection, of: &EvidenceOf) -> QueryResult<i64> {
    of_record(of).count().get_result(connection)
}

/// One file of the record, if it is one of its files.
pub fn find(
    connection: &mut DbConnection,
    of: &EvidenceOf,
    id: &SupervisionFileId,
) -> QueryResult<Option<SupervisionFile>> {
    let row = of_record(of)
        .filter(supervision_files::id.eq(id.to_string()))
        .select(FileRow::as_select())
        .get_result(connection)
        .optional()?;
    row.map(FileRow::into_file).transpose()
}
