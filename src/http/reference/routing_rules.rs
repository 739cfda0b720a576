//! `/api/v1/routing-rules`: where feedback and proposals go, readable by everyone, written by
//! administrators.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::db::routing_rules::RoutingRuleRow;
use crate::domain::authorization::Action;
use crate::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, vietnam_time};
use crate::service::reference::routing_rules::{self as routing, NewRule};
use crate::service::{Context, with_connection};

#[derive(Debug, Serialize)]
pub struct RoutingRuleResponse {
    id: String,
    kind: Option<String>,
    category: String,
    admin_unit_code: String,
    agency_id: String,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
    created_at: DateTime<FixedOffset>,
}

impl From<RoutingRuleRow> for RoutingRuleResponse {
    fn from(row: RoutingRuleRow) -> Self {
        RoutingRuleResponse {
            id: row.id,
            kind: row.kind,
            category: row.category_code,
            admin_unit_code: row.admin_unit_code,
            agency_id: row.agency_id,
            valid_from: row.valid_from,
            valid_to: row.valid_to,
            created_at: vietnam_time(row.created_at),
        }
    }
}

/// The rules in force today.
pub async fn list_routing_rules(
    context: web::Data<Context>,
) -> Result<web::Json<ListResponse<RoutingRuleResponse>>, ApiError> {
    let today = context.clock.today_in_vietnam();
    let rows = with_connection(&context.pool, move |c| routing::in_force(c, today)).await?;
    Ok(web::Json(ListResponse::complete(rows.into_iter().map(Into::into).collect())))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateRuleRequest {
    kind: Option<String>,
    category: String,
    admin_unit_code: String,
    agency_id: String,
}

pub async fn create_routing_rule(
    context: web::Data<Context>,
    signed_in: SignedIn,
    body: JsonBody<CreateRuleRequest>,
) -> Result<HttpResponse, ApiError> {
    signed_in.may(&Action::ManageReferenceData)?;
    let b = body.0;
    let rule =
        NewRule { kind: b.kind, category: b.category, admin_unit_code: b.admin_unit_code, agency_id: b.agency_id };
    let (admin, today, now) = (signed_in.0.user.id, context.clock.today_in_vietnam(), context.now());
    let row = with_connection(&context.pool, move |c| routing::create(c, &admin, rule, today, now)).await?;
    Ok(HttpResponse::Created().json(RoutingRuleResponse::from(row)))
}

/// Ends a rule from today; petitions it already routed keep their agency.
pub async fn end_routing_rule(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    signed_in.may(&Action::ManageReferenceData)?;
    let id = uuid::Uuid::parse_str(&id)
        .map(|id| id.to_string())
        .map_err(|_| ApiError::NotFound(format!("no routing rule has the id {:?}", id.as_str())))?;
    let (admin, today, now) = (signed_in.0.user.id, context.clock.today_in_vietnam(), context.now());
    with_connection(&context.pool, move |c| routing::end(c, &admin, &id, today, now)).await?;
    Ok(HttpResponse::NoContent().finish())
}
