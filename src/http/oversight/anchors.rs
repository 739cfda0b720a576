//! Anchors of the audit chain: listed for anyone (`/api/v1/public/audit/anchors`), published on
//! demand by monitors and administrators, and e-mailed to those who subscribe.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::authorization::Action;
use crate::domain::oversight::audit::Anchor;
use crate::error::ApiError;
use crate::http::extract::{JsonBody, QueryCheck};
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, vietnam_time};
use crate::service::Context;
use crate::service::oversight::audit::anchors;

#[derive(Debug, Serialize)]
pub struct AnchorResponse {
    /// The entries sealed when it was published: 1 to `position`.
    position: i64,
    /// The chain's hash at `position`.
    hash: String,
    published_at: DateTime<FixedOffset>,
}

impl From<Anchor> for AnchorResponse {
    fn from(anchor: Anchor) -> Self {
        AnchorResponse { position: anchor.position, hash: anchor.hash, published_at: vietnam_time(anchor.published_at) }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    limit: Option<String>,
    cursor: Option<String>,
}

pub async fn list_audit_anchors(
    context: web::Data<Context>,
    params: web::Query<ListParams>,
) -> Result<web::Json<ListResponse<AnchorResponse>>, ApiError> {
    let mut check = QueryCheck::default();
    let size = check.page_size(params.limit.as_deref());
    let cursor = check.cursor(params.cursor.as_deref());
    check.finish()?;
    let page = context.run(move |c, _| anchors::list(c, size, cursor.as_ref())).await?;
    Ok(web::Json(ListResponse::from_page(page, AnchorResponse::from)))
}

/// 201 with the new anchor; 200 with the latest when nothing was sealed since.
pub async fn publish_audit_anchor(context: web::Data<Context>, signed_in: SignedIn) -> Result<HttpResponse, ApiError> {
    signed_in.may(&Action::VerifyAuditChain)?;
    let by = signed_in.actor().user_id.clone();
    let published = context.run(move |c, context| anchors::publish(c, context, Some(&by))).await?;
    let mut response = if published.new { HttpResponse::Created() } else { HttpResponse::Ok() };
    Ok(response.json(AnchorResponse::from(published.anchor)))
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubscriptionBody {
    subscribed: bool,
}

pub async fn get_anchor_subscription(
    context: web::Data<Context>,
    signed_in: SignedIn,
) -> Result<web::Json<SubscriptionBody>, ApiError> {
    set_subscription(context, signed_in, None).await
}

pub async fn put_anchor_subscription(
    context: web::Data<Context>,
    signed_in: SignedIn,
    body: JsonBody<SubscriptionBody>,
) -> Result<web::Json<SubscriptionBody>, ApiError> {
    set_subscription(context, signed_in, Some(body.0.subscribed)).await
}

async fn set_subscription(
    context: web::Data<Context>,
    signed_in: SignedIn,
    subscribe: Option<bool>,
) -> Result<web::Json<SubscriptionBody>, ApiError> {
    signed_in.may(&Action::VerifyAuditChain)?;
    let (user, now) = (signed_in.actor().user_id.clone(), context.now());
    let subscribed = context.run(move |c, _| anchors::subscription(c, &user, subscribe, now)).await?;
    Ok(web::Json(SubscriptionBody { subscribed }))
}
