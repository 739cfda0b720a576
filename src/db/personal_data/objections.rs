//! What each person objects to among the processing the law does not require.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::processing_objections;
use crate::domain::ids::UserId;
use crate::domain::personal_data::requests::OptionalProcessing;

pub fn objects(connection: &mut DbConnection, user: &UserId, purpose: OptionalProcessing) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        processing_objections::table
            .filter(processing_objections::user_id.eq(user.as_str()))
            .filter(processing_objections::purpose.eq(purpose.as_str())),
    ))
    .get_result(connection)
}

/// Records or withdraws an objection; returns whether anything changed.
pub fn set(
    connection: &mut DbConnection,
    user: &UserId,
    purpose: OptionalProcessing,
    objecting: bool,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let row = processing_objections::table
        .filter(processing_objections::user_id.eq(user.as_str()))
        .filter(processing_objections::purpose.eq(purpose.as_str()));
    let changed = if objecting {
        let values = (
            processing_objections::user_id.eq(user.as_str()),
            processing_objections::purpose.eq(purpose.as_str()),
            processing_objections::objected_at.eq(now),
        );
        let insert = diesel::insert_into(processing_objections::table).values(values).on_conflict_do_nothing();
        match connection {
            DbConnection::Postgres(pg) => insert.execute(pg)?,
            DbConnection::Sqlite(sqlite) => insert.execute(sqlite)?,
        }
    } else {
        diesel::delete(row).execute(connection)?
    };
    Ok(changed > 0)
}

/// An erased account objects to nothing any more: it is gone.
pub fn forget_user(connection: &mut DbConnection, user: &UserId) -> QueryResult<usize> {
    diesel::delete(processing_objections::table.filter(processing_objections::user_id.eq(user.as_str())))
        .execute(connection)
}
