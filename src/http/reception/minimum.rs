//! The reception-day minimum over HTTP: its versions (`/api/v1/admin/reception-rules`), one
//! agency's month judged against it, and the heads whose month falls short
//! (`/api/v1/oversight/reception-shortfalls`).

use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::agency::AgencyKind;
use crate::domain::ids::{AgencyId, ReceptionRuleId, UserId};
use crate::domain::reception::minimum::{Per, ReceptionRule};
use crate::domain::reception::month::Month;
use crate::error::ApiError;
use crate::http::extract::{JsonBody, QueryCheck, id_in_path};
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, vietnam_time, whole};
use crate::service::Context;
use crate::service::reception::minimum::{self, MonthStanding, NewRule};

#[derive(Debug, Serialize)]
pub struct RuleResponse {
    id: ReceptionRuleId,
    agency_kind: AgencyKind,
    days: i32,
    per: Per,
    basis: String,
    effective_from: NaiveDate,
    effective_to: Option<NaiveDate>,
    created_by: Option<UserId>,
    created_at: DateTime<FixedOffset>,
}

impl RuleResponse {
    fn of(rule: ReceptionRule) -> Self {
        RuleResponse {
            id: rule.id,
            agency_kind: rule.agency_kind,
            days: rule.days,
            per: rule.per,
            basis: rule.basis,
            effective_from: rule.effective_from,
            effective_to: rule.effective_to,
            created_by: rule.created_by,
            created_at: vietnam_time(rule.created_at),
        }
    }
}

pub async fn list_reception_rules(
    context: web::Data<Context>,
    signed_in: SignedIn,
) -> Result<web::Json<ListResponse<RuleResponse>>, ApiError> {
    let actor = signed_in.actor().clone();
    let rules = context.run(move |c, _| minimum::list_rules(c, &actor)).await?;
    Ok(web::Json(ListResponse::complete(rules.into_iter().map(RuleResponse::of).collect())))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleRequest {
    agency_kind: String,
    #[serde(deserialize_with = "whole")]
    days: i32,
    per: String,
    basis: String,
    effective_from: NaiveDate,
}

pub async fn add_reception_rule(
    context: web::Data<Context>,
    signed_in: SignedIn,
    body: JsonBody<RuleRequest>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    let new = NewRule {
        agency_kind: b.agency_kind,
        days: b.days,
        per: b.per,
        basis: b.basis,
        effective_from: b.effective_from,
    };
    let actor = signed_in.actor().clone();
    let rule = context.run(move |c, context| minimum::add_rule(c, context, &actor, new)).await?;
    Ok(HttpResponse::Created().json(RuleResponse::of(rule)))
}

#[derive(Debug, Serialize)]
pub struct HeadBody {
    user_id: UserId,
    full_name: String,
}

/// A head's month against the minimum in force on its first day.
#[derive(Debug, Serialize)]
pub struct MonthResponse {
    agency_id: AgencyId,
    agency_name: String,
    month: String,
    head: Option<HeadBody>,
    /// The version in force; null where the law sets no minimum for this kind of agency.
    rule: Option<RuleResponse>,
    required: i32,
    counted: i32,
    short_by: i32,
    short: bool,
    /// Under a weekly rule, the Mondays of the weeks without enough days.
    short_weeks: Vec<NaiveDate>,
}

impl MonthResponse {
    fn of(standing: MonthStanding) -> Self {
        let MonthStanding { agency, month, head, rule, judgement } = standing;
        let (required, counted, short_by, short_weeks) = match judgement {
            Some(j) => (j.required, j.counted, j.short_by(), j.short_weeks),
            None => (0, 0, 0, Vec::new()),
        };
        MonthResponse {
            agency_id: agency.id,
            agency_name: agency.name,
            month: month.to_string(),
            head: head.map(|(user_id, full_name)| HeadBody { user_id, full_name }),
            rule: rule.map(RuleResponse::of),
            required,
            counted,
            short_by,
            short: short_by > 0,
            short_weeks,
        }
    }
}

fn month_in_path(text: &str) -> Result<Month, ApiError> {
    Month::parse(text).map_err(|e| ApiError::validation("month", e.to_string()))
}

pub async fn get_reception_month(
    context: web::Data<Context>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<web::Json<MonthResponse>, ApiError> {
    let (id, month) = path.into_inner();
    let agency_id: AgencyId = id_in_path(&id, "agency")?;
    let month = month_in_path(&month)?;
    let (actor, today) = (signed_in.actor().clone(), context.today());
    let standing = context.run(move |c, _| minimum::month_of_agency(c, &actor, &agency_id, month, today)).await?;
    Ok(web::Json(MonthResponse::of(standing)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShortfallParams {
    month: Option<String>,
    admin_unit: Option<String>,
}

/// The heads short of the minimum in `month` (the current one by default), in the caller's scope.
pub async fn list_reception_shortfalls(
    context: web::Data<Context>,
    signed_in: SignedIn,
    params: web::Query<ShortfallParams>,
) -> Result<web::Json<ListResponse<MonthResponse>>, ApiError> {
    let today = context.today();
    let mut check = QueryCheck::default();
    let month = check.optional("month", params.month.as_deref(), Month::parse);
    let unit = check.optional("admin_unit", params.admin_unit.as_deref(), AdminUnitCode::parse);
    check.finish()?;
    let month = month.unwrap_or_else(|| Month::of(today));
    let actor = signed_in.actor().clone();
    let short = context
        .run(move |c, _| minimum::shortfalls(c, &actor, month, unit.as_ref().map(AdminUnitCode::as_str), today))
        .await?;
    Ok(web::Json(ListResponse::complete(short.into_iter().map(MonthResponse::of).collect())))
}
