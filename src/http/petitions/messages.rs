//! `/api/v1/petitions/{id}/messages`: the conversation between the petitioner and the agency,
//! with staff notes marked internal (never shown to the petitioner or the public).

use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::db::messages::MessageRow;
use crate::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::petitions::endpoints::petition_id;
use crate::http::signed_in::SignedIn;
use crate::http::wire::vietnam_time;
use crate::service::{Context, petitions::messages, with_connection};

/// A message names its side (petitioner or agency), never the petitioner in person.
#[derive(Debug, Serialize)]
pub struct MessageResponse {
    id: String,
    sender: String,
    purpose: String,
    body: String,
    internal: bool,
    created_at: DateTime<FixedOffset>,
}

impl From<MessageRow> for MessageResponse {
    fn from(row: MessageRow) -> Self {
        MessageResponse {
            id: row.id,
            sender: row.sender,
            purpose: row.purpose,
            body: row.body,
            internal: row.internal,
            created_at: vietnam_time(row.created_at),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct MessagesResponse {
    items: Vec<MessageResponse>,
}

pub async fn list_messages(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<MessagesResponse>, ApiError> {
    let id = petition_id(&id)?;
    let actor = signed_in.0.actor;
    let rows = with_connection(&context.pool, move |c| messages::list(c, &id, &actor)).await?;
    Ok(web::Json(MessagesResponse { items: rows.into_iter().map(MessageResponse::from).collect() }))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageRequest {
    body: String,
    #[serde(default)]
    internal: bool,
}

pub async fn post_message(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<MessageRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = petition_id(&id)?;
    let actor = signed_in.0.actor;
    let ctx = context.get_ref().clone();
    let MessageRequest { body, internal } = body.0;
    let row = with_connection(&context.pool, move |c| messages::post(c, &ctx, &id, &actor, &body, internal)).await?;
    Ok(HttpResponse::Created().json(MessageResponse::from(row)))
}
