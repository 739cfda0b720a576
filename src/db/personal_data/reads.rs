//! The access log of personal data: appended on every staff read, listed per petition (monitors,
//! administrators) and per person (their own export), and purged when its retention ends.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::decode::Columns;
use crate::db::schema::{personal_data_reads, petitions};
use crate::domain::authorization::Actor;
use crate::domain::ids::{AgencyId, AttachmentId, DataReadId, PetitionId, UserId};
use crate::domain::personal_data::reads::{DataRead, ReadOf, RecordRead};

const COLUMNS: Columns = Columns("personal_data_reads");

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = personal_data_reads)]
struct ReadRow {
    id: String,
    read_at: NaiveDateTime,
    reader_id: String,
    reader_role: String,
    reader_agency_id: Option<String>,
    record: String,
    petition_id: Option<String>,
    user_id: Option<String>,
    attachment_id: Option<String>,
    reason: Option<String>,
}

impl ReadRow {
    fn into_read(self) -> QueryResult<DataRead> {
        let of = match (self.petition_id, self.attachment_id, self.user_id) {
            (Some(petition), Some(attachment), _) => {
                ReadOf::Attachment(PetitionId::from_stored(petition), AttachmentId::from_stored(attachment))
            }
            (Some(petition), None, _) => ReadOf::Petition(PetitionId::from_stored(petition)),
            (None, _, Some(user)) => ReadOf::Account(UserId::from_stored(user)),
            (None, _, None) => {
                return Err(COLUMNS.unreadable("petition_id", "null", "a read names a petition or an account"));
            }
        };
        Ok(DataRead {
            id: DataReadId::from_stored(self.id),
            read_at: self.read_at,
            reader_id: UserId::from_stored(self.reader_id),
            reader_role: COLUMNS.parse("reader_role", &self.reader_role)?,
            reader_agency_id: self.reader_agency_id.map(AgencyId::from_stored),
            record: COLUMNS.parse("record", &self.record)?,
            of,
            reason: self.reason,
        })
    }
}

pub fn insert(connection: &mut DbConnection, read: &DataRead) -> QueryResult<usize> {
    let (petition_id, attachment_id, user_id) = match &read.of {
        ReadOf::Petition(petition) => (Some(petition.as_str()), None, None),
        ReadOf::Attachment(petition, attachment) => (Some(petition.as_str()), Some(attachment.as_str()), None),
        ReadOf::Account(user) => (None, None, Some(user.as_str())),
    };
    diesel::insert_into(personal_data_reads::table)
        .values((
            personal_data_reads::id.eq(read.id.as_str()),
            personal_data_reads::read_at.eq(read.read_at),
            personal_data_reads::reader_id.eq(read.reader_id.as_str()),
            personal_data_reads::reader_role.eq(read.reader_role.as_str()),
            personal_data_reads::reader_agency_id.eq(read.reader_agency_id.as_ref().map(AgencyId::as_str)),
            personal_data_reads::record.eq(read.record.as_str()),
            personal_data_reads::petition_id.eq(petition_id),
            personal_data_reads::attachment_id.eq(attachment_id),
            personal_data_reads::user_id.eq(user_id),
            personal_data_reads::reason.eq(read.reason.as_deref()),
        ))
        .execute(connection)
}

fn load(rows: Vec<ReadRow>) -> QueryResult<Vec<DataRead>> {
    rows.into_iter().map(ReadRow::into_read).collect()
}

/// The reads of one petition's personal data, oldest first, at most `limit`.
pub fn of_petition(connection: &mut DbConnection, petition: &PetitionId, limit: i64) -> QueryResult<Vec<DataRead>> {
    load(
        personal_data_reads::table
            .filter(personal_data_reads::petition_id.eq(petition.as_str()))
            .order((personal_data_reads::read_at.asc(), personal_data_reads::id.asc()))
            .limit(limit)
            .select(ReadRow::as_select())
            .load(connection)?,
    )
}

/// The reads of a person's data: their account, and the petitions they are the petitioner of.
pub fn of_person(connection: &mut DbConnection, user: &UserId) -> QueryResult<Vec<DataRead>> {
    let own_petitions = petitions::table.filter(petitions::petitioner_id.eq(user.as_str())).select(petitions::id);
    load(
        personal_data_reads::table
            .filter(
                personal_data_reads::user_id
                    .eq(user.as_str())
                    .or(personal_data_reads::petition_id.eq_any(own_petitions.nullable())),
            )
            .order((personal_data_reads::read_at.asc(), personal_data_reads::id.asc()))
            .select(ReadRow::as_select())
            .load(connection)?,
    )
}

/// Deletes up to `at_most` of the reads made before `cutoff`; returns how many.
pub fn delete_before(connection: &mut DbConnection, cutoff: NaiveDateTime, at_most: i64) -> QueryResult<usize> {
    let past = personal_data_reads::table
        .filter(personal_data_reads::read_at.lt(cutoff))
        .select(personal_data_reads::id)
        .limit(at_most)
        .load::<String>(connection)?;
    diesel::delete(personal_data_reads::table.filter(personal_data_reads::id.eq_any(past))).execute(connection)
}

/// Appends a read by `reader` as they now are (role and agency).
pub fn record(
    connection: &mut DbConnection,
    reader: &Actor,
    record: RecordRead,
    of: ReadOf,
    reason: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let read = DataRead {
        id: DataReadId::from(uuid::Uuid::new_v4()),
        read_at: now,
        reader_id: reader.user_id.clone(),
        reader_role: reader.role,
        reader_agency_id: reader.agency_id.clone(),
        record,
        of,
        reason: reason.map(str::to_string),
    };
    insert(connection, &read)
}
