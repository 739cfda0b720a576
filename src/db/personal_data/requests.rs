//! People's requests over their data, kept as a register administrators read.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::decode::Columns;
use crate::db::schema::data_requests;
use crate::domain::ids::{DataRequestId, PetitionId, UserId};
use crate::domain::personal_data::requests::{DataRequest, DataRequestStatus};

const COLUMNS: Columns = Columns("data_requests");

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = data_requests)]
struct RequestRow {
    id: String,
    user_id: Option<String>,
    kind: String,
    status: String,
    received_at: NaiveDateTime,
    due_at: NaiveDateTime,
    completed_at: Option<NaiveDateTime>,
    outcome: Option<String>,
    petition_id: Option<String>,
    decided_by: Option<String>,
}

impl RequestRow {
    fn into_request(self) -> QueryResult<DataRequest> {
        Ok(DataRequest {
            id: DataRequestId::from_stored(self.id),
            user_id: self.user_id.map(UserId::from_stored),
            kind: COLUMNS.parse("kind", &self.kind)?,
            status: COLUMNS.parse("status", &self.status)?,
            received_at: self.received_at,
            due_at: self.due_at,
            completed_at: self.completed_at,
            outcome: self.outcome,
            petition_id: self.petition_id.map(PetitionId::from_stored),
            decided_by: self.decided_by.map(UserId::from_stored),
        })
    }
}

/// Records a request; `details` is what a correction asks for, sealed.
pub fn insert(connection: &mut DbConnection, request: &DataRequest, details: Option<&str>) -> QueryResult<usize> {
    diesel::insert_into(data_requests::table)
        .values((
            data_requests::id.eq(request.id.as_str()),
            data_requests::user_id.eq(request.user_id.as_ref().map(UserId::as_str)),
            data_requests::kind.eq(request.kind.as_str()),
            data_requests::status.eq(request.status.as_str()),
            data_requests::received_at.eq(request.received_at),
            data_requests::due_at.eq(request.due_at),
            data_requests::completed_at.eq(request.completed_at),
            data_requests::outcome.eq(request.outcome.as_deref()),
            data_requests::petition_id.eq(request.petition_id.as_ref().map(PetitionId::as_str)),
            data_requests::details.eq(details),
        ))
        .execute(connection)
}

fn load(rows: Vec<RequestRow>) -> QueryResult<Vec<DataRequest>> {
    rows.into_iter().map(RequestRow::into_request).collect()
}

pub fn of_user(connection: &mut DbConnection, user: &UserId) -> QueryResult<Vec<DataRequest>> {
    load(
        data_requests::table
            .filter(data_requests::user_id.eq(user.as_str()))
            .order((data_requests::received_at.asc(), data_requests::id.asc()))
            .select(RequestRow::as_select())
            .load(connection)?,
    )
}

/// The newest requests first, at most `limit`.
pub fn newest(connection: &mut DbConnection, limit: i64) -> QueryResult<Vec<DataRequest>> {
    load(
        data_requests::table
            .order((data_requests::received_at.desc(), data_requests::id.desc()))
            .limit(limit)
            .select(RequestRow::as_select())
            .load(connection)?,
    )
}

/// The requests stay in the register, counted, but no longer name the erased account.
pub fn forget_user(connection: &mut DbConnection, user: &UserId) -> QueryResult<usize> {
    diesel::update(data_requests::table.filter(data_requests::user_id.eq(user.as_str())))
        .set(data_requests::user_id.eq(None::<String>))
        .execute(connection)
}

/// One request and its sealed details.
pub fn find(connection: &mut DbConnection, id: &DataRequestId) -> QueryResult<Option<(DataRequest, Option<String>)>> {
    let row: Option<(RequestRow, Option<String>)> = data_requests::table
        .find(id.as_str())
        .select((RequestRow::as_select(), data_requests::details))
        .get_result(connection)
        .optional()?;
    row.map(|(row, details)| Ok((row.into_request()?, details))).transpose()
}

/// The corrections asked on a petition, oldest first, with their sealed details.
pub fn of_petition(
    connection: &mut DbConnection,
    petition: &PetitionId,
) -> QueryResult<Vec<(DataRequest, Option<String>)>> {
    let rows: Vec<(RequestRow, Option<String>)> = data_requests::table
        .filter(data_requests::petition_id.eq(petition.as_str()))
        .order((data_requests::received_at.asc(), data_requests::id.asc()))
        .select((RequestRow::as_select(), data_requests::details))
        .load(connection)?;
    rows.into_iter().map(|(row, details)| Ok((row.into_request()?, details))).collect()
}

/// Decides an open request, once: 0 when it was decided already (by someone else meanwhile). The
/// details asked for are forgotten with the decision.
pub fn decide(
    connection: &mut DbConnection,
    id: &DataRequestId,
    status: DataRequestStatus,
    outcome: &str,
    by: &UserId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        data_requests::table.find(id.as_str()).filter(data_requests::status.eq(DataRequestStatus::Open.as_str())),
    )
    .set((
        data_requests::status.eq(status.as_str()),
        data_requests::outcome.eq(outcome),
        data_requests::decided_by.eq(by.as_str()),
        data_requests::completed_at.eq(now),
        data_requests::details.eq(None::<String>),
    ))
    .execute(connection)
}
