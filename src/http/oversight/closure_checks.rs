//! `/api/v1/oversight/closure-checks`: a random sample of an agency's answered petitions, drawn
//! by pakn for a monitor, with a verdict on each answer once checked against the facts.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::account::OversightBody;
use crate::domain::ids::{AgencyId, ClosureCheckId, PetitionId, UserId};
use crate::domain::oversight::closure_checks::{ClosureCheck, Verdict};
use crate::domain::tracking_code::TrackingCode;
use crate::error::ApiError;
use crate::http::extract::{JsonBody, id_in_path};
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, vietnam_time};
use crate::service::Context;
use crate::service::oversight::closure_checks::{self, NewClosureCheck, VerdictGiven};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosureCheckRequest {
    agency_id: String,
    resolved_from: NaiveDate,
    resolved_to: NaiveDate,
    sample_size: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerdictRequest {
    petition_id: String,
    verdict: String,
    note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosureCheckQuery {
    agency_id: String,
}

#[derive(Debug, Serialize)]
pub struct ClosureCheckResponse {
    id: ClosureCheckId,
    monitor_id: UserId,
    oversight_body: OversightBody,
    agency_id: AgencyId,
    resolved_from: NaiveDate,
    resolved_to: NaiveDate,
    population: i32,
    checked: usize,
    contested: usize,
    sample: Vec<SampledBody>,
    created_at: DateTime<FixedOffset>,
}

#[derive(Debug, Serialize)]
pub struct SampledBody {
    petition_id: PetitionId,
    tracking_code: TrackingCode,
    verdict: Option<Verdict>,
    note: Option<String>,
    decided_by: Option<UserId>,
    decided_at: Option<DateTime<FixedOffset>>,
}

impl From<ClosureCheck> for ClosureCheckResponse {
    fn from(check: ClosureCheck) -> Self {
        let (checked, contested) = check.tally();
        ClosureCheckResponse {
            id: check.id,
            monitor_id: check.monitor_id,
            oversight_body: check.oversight_body,
            agency_id: check.agency_id,
            resolved_from: check.resolved_from,
            resolved_to: check.resolved_to,
            population: check.population,
            checked,
            contested,
            sample: check
                .sample
                .into_iter()
                .map(|s| {
                    let v = s.verdict;
                    SampledBody {
                        petition_id: s.petition_id,
                        tracking_code: s.tracking_code,
                        verdict: v.as_ref().map(|v| v.verdict),
                        note: v.as_ref().map(|v| v.note.clone()),
                        decided_by: v.as_ref().map(|v| v.decided_by.clone()),
                        decided_at: v.as_ref().map(|v| vietnam_time(v.decided_at)),
                    }
                })
                .collect(),
            created_at: vietnam_time(check.created_at),
        }
    }
}

pub async fn draw_closure_check(
    context: web::Data<Context>,
    signed_in: SignedIn,
    body: JsonBody<ClosureCheckRequest>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    let new = NewClosureCheck {
        agency_id: b.agency_id,
        resolved_from: b.resolved_from,
        resolved_to: b.resolved_to,
        sample_size: b.sample_size,
    };
    let (actor, now, today) = (signed_in.actor().clone(), context.now(), context.today());
    let check = context.run(move |c, _| closure_checks::draw(c, &actor, new, now, today)).await?;
    Ok(HttpResponse::Created().json(ClosureCheckResponse::from(check)))
}

/// An agency's checks, newest first (at most 100).
pub async fn list_closure_checks(
    context: web::Data<Context>,
    signed_in: SignedIn,
    query: web::Query<ClosureCheckQuery>,
) -> Result<web::Json<ListResponse<ClosureCheckResponse>>, ApiError> {
    let agency = query.into_inner().agency_id;
    let (actor, today) = (signed_in.actor().clone(), context.today());
    let checks = context.run(move |c, _| closure_checks::of_agency(c, &actor, &agency, today)).await?;
    Ok(web::Json(ListResponse::complete(checks.into_iter().map(ClosureCheckResponse::from).collect())))
}

pub async fn get_closure_check(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<ClosureCheckResponse>, ApiError> {
    let id: ClosureCheckId = id_in_path(&id, "closure check")?;
    let (actor, today) = (signed_in.actor().clone(), context.today());
    let check = context.run(move |c, _| closure_checks::find(c, &actor, &id, today)).await?;
    Ok(web::Json(check.into()))
}

pub async fn record_closure_verdict(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<VerdictRequest>,
) -> Result<web::Json<ClosureCheckResponse>, ApiError> {
    let id: ClosureCheckId = id_in_path(&id, "closure check")?;
    let b = body.0;
    let given = VerdictGiven { petition_id: b.petition_id, verdict: b.verdict, note: b.note };
    let actor = signed_in.actor().clone();
    let check = context.run(move |c, context| closure_checks::record_verdict(c, context, &actor, &id, given)).await?;
    Ok(web::Json(check.into()))
}
