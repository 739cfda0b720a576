//! `/api/v1/oversight/findings`: what a monitor found about a petition, an agency, an agency over
//! a period, or a consultation — recorded once, read (one, or an agency's, a petition's or a
//! consultation's a page at a time) by those who may read what it is about.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::account::OversightBody;
use crate::domain::ids::{AgencyId, ConsultationId, FindingId, PetitionId, UserId};
use crate::domain::oversight::recommendations::{Finding, FindingAbout, Severity};
use crate::error::ApiError;
use crate::http::extract::{JsonBody, QueryCheck, id_in_path};
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, not_null, vietnam_time};
use crate::service::Context;
use crate::service::oversight::findings::{self, FindingsWanted, NewFinding};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingRequest {
    #[serde(default, deserialize_with = "not_null")]
    petition_id: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    agency_id: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    consultation_id: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    period_from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "not_null")]
    period_to: Option<NaiveDate>,
    severity: String,
    text: String,
}

#[derive(Debug, Serialize)]
pub struct FindingResponse {
    id: FindingId,
    monitor_id: UserId,
    oversight_body: OversightBody,
    petition_id: Option<PetitionId>,
    agency_id: Option<AgencyId>,
    period_from: Option<NaiveDate>,
    period_to: Option<NaiveDate>,
    consultation_id: Option<ConsultationId>,
    severity: Severity,
    text: String,
    created_at: DateTime<FixedOffset>,
}

impl From<Finding> for FindingResponse {
    fn from(f: Finding) -> Self {
        let (mut petition_id, mut agency_id, mut period_from, mut period_to, mut consultation_id) =
            (None, None, None, None, None);
        match f.about {
            FindingAbout::Petition(id) => petition_id = Some(id),
            FindingAbout::Agency(id) => agency_id = Some(id),
            FindingAbout::Period { agency_id: id, from, to } => {
                (agency_id, period_from, period_to) = (Some(id), Some(from), Some(to));
            }
            FindingAbout::Consultation(id) => consultation_id = Some(id),
        }
        FindingResponse {
            id: f.id,
            monitor_id: f.monitor_id,
            oversight_body: f.oversight_body,
            petition_id,
            agency_id,
            period_from,
            period_to,
            consultation_id,
            severity: f.severity,
            text: f.text,
            created_at: vietnam_time(f.created_at),
        }
    }
}

pub async fn record_finding(
    context: web::Data<Context>,
    signed_in: SignedIn,
    body: JsonBody<FindingRequest>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    let period = match (b.period_from, b.period_to) {
        (Some(from), Some(to)) => Some((from, to)),
        (None, None) => None,
        _ => return Err(ApiError::validation("period_to", "give both period_from and period_to, or neither")),
    };
    let new = NewFinding {
        petition_id: b.petition_id,
        agency_id: b.agency_id,
        consultation_id: b.consultation_id,
        period,
        severity: b.severity,
        text: b.text,
    };
    let (actor, now, today) = (signed_in.actor().clone(), context.now(), context.today());
    let finding = context.run(move |c, _| findings::record(c, &actor, new, now, today)).await?;
    Ok(HttpResponse::Created().json(FindingResponse::from(finding)))
}

pub async fn get_finding(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<FindingResponse>, ApiError> {
    let id: FindingId = id_in_path(&id, "finding")?;
    let (actor, today) = (signed_in.actor().clone(), context.today());
    let finding = context.run(move |c, _| findings::find(c, &actor, &id, today)).await?;
    Ok(web::Json(finding.into()))
}

/// Whose findings: an agency's, a petition's or a consultation's (one of the three), a page at a
/// time.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindingsParams {
    agency_id: Option<String>,
    petition_id: Option<String>,
    consultation_id: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

pub async fn list_findings(
    context: web::Data<Context>,
    signed_in: SignedIn,
    params: web::Query<FindingsParams>,
) -> Result<web::Json<ListResponse<FindingResponse>>, ApiError> {
    let params = params.into_inner();
    let mut check = QueryCheck::default();
    let size = check.page_size(params.limit.as_deref());
    let cursor = check.cursor(params.cursor.as_deref());
    check.finish()?;
    let wanted = match (params.agency_id, params.petition_id, params.consultation_id) {
        (Some(agency), None, None) => FindingsWanted::Agency(agency),
        (None, Some(petition), None) => FindingsWanted::Petition(petition),
        (None, None, Some(consultation)) => FindingsWanted::Consultation(consultation),
        _ => return Err(ApiError::validation("agency_id", "give one of agency_id, petition_id and consultation_id")),
    };
    let (actor, today) = (signed_in.actor().clone(), context.today());
    let page = context.run(move |c, _| findings::list(c, &actor, wanted, size, cursor.as_ref(), today)).await?;
    Ok(web::Json(ListResponse::from_page(page, FindingResponse::from)))
}
