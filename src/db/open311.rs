//! Open311's own tables: the keys issued to Open311 clients (hashed), and what a client sent
//! with a petition beyond pakn's fields.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::{open311_keys, open311_requests};
use crate::domain::ids::{Open311KeyId, PetitionId, UserId};
use crate::domain::open311::ClientKey;

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = open311_keys)]
struct KeyRow {
    id: String,
    client_name: String,
    created_by_id: String,
    created_at: NaiveDateTime,
    revoked_at: Option<NaiveDateTime>,
}

impl From<KeyRow> for ClientKey {
    fn from(row: KeyRow) -> Self {
        ClientKey {
            id: Open311KeyId::from_stored(row.id),
            client_name: row.client_name,
            created_by: UserId::from_stored(row.created_by_id),
            created_at: row.created_at,
            revoked_at: row.revoked_at,
        }
    }
}

pub fn insert_key(connection: &mut DbConnection, key: &ClientKey, key_hash: &str) -> QueryResult<usize> {
    diesel::insert_into(open311_keys::table)
        .values((
            open311_keys::id.eq(key.id.as_str()),
            open311_keys::client_name.eq(&key.client_name),
            open311_keys::key_hash.eq(key_hash),
            open311_keys::created_by_id.eq(key.created_by.as_str()),
            open311_keys::created_at.eq(key.created_at),
        ))
        .execute(connection)
}

/// Every key, the newest first (there are a handful: one per client).
pub fn keys(connection: &mut DbConnection) -> QueryResult<Vec<ClientKey>> {
    let rows = open311_keys::table
        .order((open311_keys::created_at.desc(), open311_keys::id.desc()))
        .select(KeyRow::as_select())
        .load(connection)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

pub fn find_key(connection: &mut DbConnection, id: &Open311KeyId) -> QueryResult<Option<ClientKey>> {
    let row = open311_keys::table.find(id.as_str()).select(KeyRow::as_select()).get_result(connection).optional()?;
    Ok(row.map(Into::into))
}

pub fn find_key_by_hash(connection: &mut DbConnection, key_hash: &str) -> QueryResult<Option<ClientKey>> {
    let row = open311_keys::table
        .filter(open311_keys::key_hash.eq(key_hash))
        .select(KeyRow::as_select())
        .get_result(connection)
        .optional()?;
    Ok(row.map(Into::into))
}

/// Revokes a key that is not revoked yet; the number of keys revoked (0 or 1).
pub fn revoke_key(connection: &mut DbConnection, id: &Open311KeyId, at: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(open311_keys::table.find(id.as_str()).filter(open311_keys::revoked_at.is_null()))
        .set(open311_keys::revoked_at.eq(Some(at)))
        .execute(connection)
}

/// Records which key filed a petition, and the client's link to its media.
pub fn insert_request(
    connection: &mut DbConnection,
    petition: &PetitionId,
    key: &Open311KeyId,
    media_url: Option<&str>,
) -> QueryResult<usize> {
    diesel::insert_into(open311_requests::table)
        .values((
            open311_requests::petition_id.eq(petition.as_str()),
            open311_requests::key_id.eq(key.as_str()),
            open311_requests::media_url.eq(media_url),
        ))
        .execute(connection)
}

/// The key that filed a petition through Open311, if one did.
pub fn key_of_request(connection: &mut DbConnection, petition: &PetitionId) -> QueryResult<Option<Open311KeyId>> {
    let key = open311_requests::table
        .find(petition.as_str())
        .select(open311_requests::key_id)
        .get_result::<String>(connection)
        .optional()?;
    Ok(key.map(Open311KeyId::from_stored))
}
