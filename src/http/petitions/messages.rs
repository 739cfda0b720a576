//! `/api/v1/petitions/{id}/messages`: the conversation between the petitioner and the agency,
//! with staff notes marked internal (never shown to the petitioner or the public).

use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::ids::{MessageId, PetitionId};
use crate::domain::petition::message::{Message, MessagePurpose, Sender};
use crate::error::ApiError;
use crate::http::extract::{JsonBody, id_in_path};
use crate::http::signed_in::SignedIn;
use crate::http::wire::vietnam_time;
use crate::service::Context;
use crate::service::petitions::messages;

/// A message names its side (petitioner or agency), never the petitioner in person.
#[derive(Debug, Serialize)]
pub struct MessageResponse {
    id: MessageId,
    sender: Sender,
    purpose: MessagePurpose,
    body: String,
    internal: bool,
    created_at: DateTime<FixedOffset>,
}

impl From<Message> for MessageResponse {
    fn from(message: Message) -> Self {
        MessageResponse {
            id: message.id,
            sender: message.sender,
            purpose: message.purpose,
            body: message.body,
            internal: message.internal,
            created_at: vietnam_time(message.created_at),
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
    let id: PetitionId = id_in_path(&id, "petition")?;
    let actor = signed_in.actor().clone();
    let messages = context.run(move |c, _| messages::list(c, &id, &actor)).await?;
    Ok(web::Json(MessagesResponse { items: messages.into_iter().map(MessageResponse::from).collect() }))
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
    let id: PetitionId = id_in_path(&id, "petition")?;
    let actor = signed_in.actor().clone();
    let MessageRequest { body, internal } = body.0;
    let message = context.run(move |c, context| messages::post(c, context, &id, &actor, &body, internal)).await?;
    Ok(HttpResponse::Created().json(MessageResponse::from(message)))
}
