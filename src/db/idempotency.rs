//! Remembered answers to requests sent with an `Idempotency-Key`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::idempotency_keys;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = idempotency_keys)]
pub struct IdempotencyRow {
    pub scope: String,
    pub key: String,
    pub request_hash: String,
    pub response_status: i32,
    pub response_body: String,
    pub created_at: NaiveDateTime,
}

pub fn find(connection: &mut DbConnection, scope: &str, key: &str) -> QueryResult<Option<IdempotencyRow>> {
    idempotency_keys::table.find((scope, key)).select(IdempotencyRow::as_select()).get_result(connection).optional()
}

pub fn insert(
    connection: &mut DbConnection,
    scope: &str,
    key: &str,
    request_hash: &str,
    response_status: i32,
    response_body: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::scope.eq(scope),
            idempotency_keys::key.eq(key),
            idempotency_keys::request_hash.eq(request_hash),
            idempotency_keys::response_status.eq(response_status),
            idempotency_keys::response_body.eq(response_body),
            idempotency_keys::created_at.eq(now),
        ))
        .execute(connection)
}
