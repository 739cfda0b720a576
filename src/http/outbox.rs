//! `/api/v1/admin/emails`: the outbox as administrators see it, to find and retry failed e-mails.

use actix_web::web;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::db::outbox::OutboxEmailRow;
use crate::domain::authorization::Action;
use crate::error::ApiError;
use crate::http::extract::QueryCheck;
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, vietnam_time};
use crate::service::{Context, outbox, with_connection};

/// Never the body: it may hold one-time links meant for the recipient alone.
#[derive(Debug, Serialize)]
pub struct EmailResponse {
    id: String,
    to_address: String,
    subject: String,
    status: String,
    attempts: i32,
    next_attempt_at: DateTime<FixedOffset>,
    last_error: Option<String>,
    created_at: DateTime<FixedOffset>,
    sent_at: Option<DateTime<FixedOffset>>,
}

impl From<OutboxEmailRow> for EmailResponse {
    fn from(row: OutboxEmailRow) -> Self {
        EmailResponse {
            id: row.id,
            to_address: row.to_address,
            subject: row.subject,
            status: row.status,
            attempts: row.attempts,
            next_attempt_at: vietnam_time(row.next_attempt_at),
            last_error: row.last_error,
            created_at: vietnam_time(row.created_at),
            sent_at: row.sent_at.map(vietnam_time),
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct ListParams {
    status: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

pub async fn list_emails(
    context: web::Data<Context>,
    signed_in: SignedIn,
    params: web::Query<ListParams>,
) -> Result<web::Json<ListResponse<EmailResponse>>, ApiError> {
    signed_in.may(&Action::ManageOutbox)?;
    let mut check = QueryCheck::default();
    let status = check.optional("status", params.status.as_deref(), |t| match t {
        "pending" | "sent" | "failed" => Ok(t.to_string()),
        _ => Err("must be one of: pending, sent, failed"),
    });
    let size = check.page_size(params.limit.as_deref());
    let cursor = check.cursor(params.cursor.as_deref());
    check.finish()?;
    let page =
        with_connection(&context.pool, move |c| outbox::list(c, status.as_deref(), size, cursor.as_ref())).await?;
    Ok(web::Json(ListResponse::from_page(page, EmailResponse::from)))
}

pub async fn retry_email(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<EmailResponse>, ApiError> {
    signed_in.may(&Action::ManageOutbox)?;
    let id = uuid::Uuid::parse_str(&id)
        .map(|id| id.to_string())
        .map_err(|_| ApiError::NotFound(format!("no e-mail has the id {:?}", id.as_str())))?;
    let now = context.now();
    let email = with_connection(&context.pool, move |c| outbox::retry(c, &id, now)).await?;
    Ok(web::Json(email.into()))
}
