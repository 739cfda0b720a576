//! `/api/v1/routing-rules`: where feedback and proposals go, readable by everyone, written by
//! administrators.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::authorization::Action;
use crate::domain::ids::{AgencyId, RoutingRuleId};
use crate::domain::petition::PetitionKind;
use crate::domain::routing::RoutingRuleRecord;
use crate::error::ApiError;
use crate::http::extract::{JsonBody, id_in_path};
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, vietnam_time};
use crate::service::Context;
use crate::service::reference::routing_rules::{self, NewRule};

#[derive(Debug, Serialize)]
pub struct RoutingRuleResponse {
    id: RoutingRuleId,
    kind: Option<PetitionKind>,
    category: String,
    admin_unit_code: AdminUnitCode,
    agency_id: AgencyId,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
    created_at: DateTime<FixedOffset>,
}

impl From<RoutingRuleRecord> for RoutingRuleResponse {
    fn from(record: RoutingRuleRecord) -> Self {
        RoutingRuleResponse {
            id: record.id,
            kind: record.rule.kind,
            category: record.rule.category.to_string(),
            admin_unit_code: record.rule.unit_code,
            agency_id: record.rule.agency_id,
            valid_from: record.valid_from,
            valid_to: record.valid_to,
            created_at: vietnam_time(record.created_at),
        }
    }
}

/// The rules in force today.
pub async fn list_routing_rules(
    context: web::Data<Context>,
) -> Result<web::Json<ListResponse<RoutingRuleResponse>>, ApiError> {
    let today = context.today();
    let rules = context.run(move |c, _| routing_rules::in_force(c, today)).await?;
    Ok(web::Json(ListResponse::complete(rules.into_iter().map(Into::into).collect())))
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
    let (admin, today, now) = (signed_in.actor().user_id.clone(), context.today(), context.now());
    let record = context.run_changing_reference(move |c, _| routing_rules::create(c, &admin, rule, today, now)).await?;
    Ok(HttpResponse::Created().json(RoutingRuleResponse::from(record)))
}

/// Ends a rule from today; petitions it already routed keep their agency.
pub async fn end_routing_rule(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    signed_in.may(&Action::ManageReferenceData)?;
    let id: RoutingRuleId = id_in_path(&id, "routing rule")?;
    let (admin, today, now) = (signed_in.actor().user_id.clone(), context.today(), context.now());
    context.run_changing_reference(move |c, _| routing_rules::end(c, &admin, &id, today, now)).await?;
    Ok(HttpResponse::NoContent().finish())
}
