//! `/api/v1/admin/open311-keys`: administrators issue a key to a named Open311 client (shown
//! once), list the keys, and revoke one. Part of pakn's own API: problem+json.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::authorization::Action;
use crate::domain::ids::Open311KeyId;
use crate::domain::open311::ClientKey;
use crate::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, vietnam_time};
use crate::service::Context;
use crate::service::open311::keys;

#[derive(Debug, Serialize)]
pub struct KeyResponse {
    id: Open311KeyId,
    client_name: String,
    created_at: DateTime<FixedOffset>,
    revoked_at: Option<DateTime<FixedOffset>>,
    /// Only in the answer that issues it.
    #[serde(skip_serializing_if = "Option::is_none")]
    api_key: Option<String>,
}

impl From<ClientKey> for KeyResponse {
    fn from(key: ClientKey) -> Self {
        KeyResponse {
            id: key.id,
            client_name: key.client_name,
            created_at: vietnam_time(key.created_at),
            revoked_at: key.revoked_at.map(vietnam_time),
            api_key: None,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueRequest {
    client_name: String,
}

pub async fn issue_key(
    context: web::Data<Context>,
    signed_in: SignedIn,
    body: JsonBody<IssueRequest>,
) -> Result<HttpResponse, ApiError> {
    signed_in.may(&Action::ManageUsers)?;
    let (admin, now, name) = (signed_in.actor().user_id.clone(), context.now(), body.0.client_name);
    let issued = context.run(move |c, _| keys::issue(c, &admin, &name, now)).await?;
    let mut response = KeyResponse::from(issued.key);
    response.api_key = Some(issued.secret);
    Ok(HttpResponse::Created().insert_header(("Cache-Control", "no-store")).json(response))
}

pub async fn list_keys(
    context: web::Data<Context>,
    signed_in: SignedIn,
) -> Result<web::Json<ListResponse<KeyResponse>>, ApiError> {
    signed_in.may(&Action::ManageUsers)?;
    let listed = context.run(|c, _| keys::list(c)).await?;
    Ok(web::Json(ListResponse::complete(listed.into_iter().map(Into::into).collect())))
}

pub async fn revoke_key(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<KeyResponse>, ApiError> {
    signed_in.may(&Action::ManageUsers)?;
    let (id, now) = (id.into_inner(), context.now());
    let revoked = context.run(move |c, _| keys::revoke(c, &id, now)).await?;
    Ok(web::Json(revoked.into()))
}
