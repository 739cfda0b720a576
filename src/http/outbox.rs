//! `/api/v1/admin/emails`: the outbox as administrators see it, to find and retry failed e-mails.

use actix_web::web;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::authorization::Action;
use crate::domain::ids::EmailId;
use crate::domain::outbox::{EmailStatus, OutboxEmail};
use crate::error::ApiError;
use crate::http::extract::{QueryCheck, id_in_path};
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, vietnam_time};
use crate::service::{Context, outbox};

/// Never the body: it may hold one-time links meant for the recipient alone. Never the recipient
/// of mail to a confidential petition's petitioner, nor of mail past its retention.
#[derive(Debug, Serialize)]
pub struct EmailResponse {
    id: EmailId,
    to_address: Option<String>,
    recipient_hidden: bool,
    subject: String,
    status: EmailStatus,
    attempts: i32,
    next_attempt_at: DateTime<FixedOffset>,
    last_error: Option<String>,
    created_at: DateTime<FixedOffset>,
    sent_at: Option<DateTime<FixedOffset>>,
    erased_at: Option<DateTime<FixedOffset>>,
}

impl From<OutboxEmail> for EmailResponse {
    fn from(email: OutboxEmail) -> Self {
        EmailResponse {
            to_address: email.shown_recipient().map(str::to_string),
            last_error: email.shown_error(),
            id: email.id,
            recipient_hidden: email.recipient_hidden,
            subject: email.subject,
            status: email.status,
            attempts: email.attempts,
            next_attempt_at: vietnam_time(email.next_attempt_at),
            created_at: vietnam_time(email.created_at),
            sent_at: email.sent_at.map(vietnam_time),
            erased_at: email.erased_at.map(vietnam_time),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
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
    let status = check.optional("status", params.status.as_deref(), str::parse::<EmailStatus>);
    let size = check.page_size(params.limit.as_deref());
    let cursor = check.cursor(params.cursor.as_deref());
    check.finish()?;
    let page = context.run(move |c, _| outbox::list(c, status, size, cursor.as_ref())).await?;
    Ok(web::Json(ListResponse::from_page(page, EmailResponse::from)))
}

pub async fn retry_email(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<EmailResponse>, ApiError> {
    signed_in.may(&Action::ManageOutbox)?;
    let id: EmailId = id_in_path(&id, "e-mail")?;
    let now = context.now();
    let email = context.run(move |c, _| outbox::retry(c, &id, now)).await?;
    Ok(web::Json(email.into()))
}
