//! The keys of Open311 clients: issued by an administrator to a named client (the key is shown
//! once; only its hash is kept), listed, revoked; and checked on every filing.

use chrono::NaiveDateTime;

use crate::db::{self, DbConnection};
use crate::domain::FieldError;
use crate::domain::ids::{Open311KeyId, UserId};
use crate::domain::open311::ClientKey;
use crate::domain::text::reference_text;
use crate::security::tokens;
use crate::service::{ServiceError, ServiceResult};

/// A key as issued: the record, and the secret, which is never shown again.
#[derive(Debug, Clone)]
pub struct IssuedKey {
    pub key: ClientKey,
    pub secret: String,
}

pub fn issue(
    connection: &mut DbConnection,
    admin: &UserId,
    client_name: &str,
    now: NaiveDateTime,
) -> ServiceResult<IssuedKey> {
    let mut errors = Vec::<FieldError>::new();
    let client_name = reference_text(&mut errors, "client_name", client_name, 100, false);
    ServiceError::unless_valid(errors)?;
    let key = ClientKey {
        id: Open311KeyId::from(uuid::Uuid::new_v4()),
        client_name,
        created_by: admin.clone(),
        created_at: now,
        revoked_at: None,
    };
    let secret = tokens::new_secret();
    db::open311::insert_key(connection, &key, &tokens::hash_secret(&secret))?;
    Ok(IssuedKey { key, secret })
}

pub fn list(connection: &mut DbConnection) -> ServiceResult<Vec<ClientKey>> {
    Ok(db::open311::keys(connection)?)
}

/// Revokes a key; revoking it again changes nothing.
pub fn revoke(connection: &mut DbConnection, id: &str, now: NaiveDateTime) -> ServiceResult<ClientKey> {
    let id = Open311KeyId::parse(id).map_err(|_| ServiceError::NotFound("no Open311 key has this id".into()))?;
    db::open311::revoke_key(connection, &id, now)?;
    db::open311::find_key(connection, &id)?.ok_or_else(|| ServiceError::NotFound("no Open311 key has this id".into()))
}

/// The client a presented `api_key` belongs to: unknown and revoked keys are refused alike.
pub fn client_of(connection: &mut DbConnection, presented: Option<&str>) -> ServiceResult<ClientKey> {
    let presented = presented.map(str::trim).filter(|k| !k.is_empty());
    let Some(presented) = presented else {
        return Err(ServiceError::Unauthenticated("an api_key is required to file a request".into()));
    };
    let key = if tokens::looks_like_secret(presented) {
        db::open311::find_key_by_hash(connection, &tokens::hash_secret(presented))?
    } else {
        None
    };
    match key {
        Some(key) if !key.is_revoked() => Ok(key),
        _ => Err(ServiceError::Unauthenticated("the api_key is not valid, or was revoked".into())),
    }
}
