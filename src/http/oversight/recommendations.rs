//! `/api/v1/oversight/recommendations`: recommendations after supervision — issued by monitors
//! to an agency, answered and remedied by its head, closed or escalated by the monitor.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::account::OversightBody;
use crate::domain::ids::{AgencyId, FindingId, PetitionId, RecommendationId, UserId};
use crate::domain::oversight::recommendations::{Position, ProgressReport, Recommendation, RecommendationStatus};
use crate::error::ApiError;
use crate::http::extract::{JsonBody, id_in_path};
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, not_null, vietnam_time};
use crate::service::Context;
use crate::service::oversight::recommendations::{self, NewRecommendation, Step};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecommendationRequest {
    agency_id: String,
    #[serde(default)]
    petition_ids: Vec<String>,
    #[serde(default)]
    finding_ids: Vec<String>,
    text: String,
    #[serde(default, deserialize_with = "not_null")]
    respond_by: Option<NaiveDate>,
}

#[derive(Debug, Serialize)]
pub struct RecommendationResponse {
    id: RecommendationId,
    monitor_id: UserId,
    oversight_body: OversightBody,
    agency_id: AgencyId,
    text: String,
    respond_by: NaiveDate,
    status: RecommendationStatus,
    overdue: bool,
    response: Option<ResponseBody>,
    progress: i32,
    progress_reports: Option<Vec<ProgressBody>>,
    closing_note: Option<String>,
    closed_at: Option<DateTime<FixedOffset>>,
    escalated_from_id: Option<RecommendationId>,
    petition_ids: Vec<PetitionId>,
    finding_ids: Vec<FindingId>,
    created_at: DateTime<FixedOffset>,
    updated_at: DateTime<FixedOffset>,
}

#[derive(Debug, Serialize)]
pub struct ResponseBody {
    position: Position,
    text: String,
    remedy_plan: Option<String>,
    responded_by: UserId,
    responded_at: DateTime<FixedOffset>,
}

#[derive(Debug, Serialize)]
pub struct ProgressBody {
    percent: i32,
    note: String,
    reported_by: UserId,
    reported_at: DateTime<FixedOffset>,
}

impl RecommendationResponse {
    fn of(r: Recommendation, reports: Option<Vec<ProgressReport>>, today: NaiveDate) -> Self {
        RecommendationResponse {
            overdue: r.is_overdue(today),
            id: r.id,
            monitor_id: r.monitor_id,
            oversight_body: r.oversight_body,
            agency_id: r.agency_id,
            text: r.text,
            respond_by: r.respond_by,
            status: r.status,
            response: r.response.map(|x| ResponseBody {
                position: x.position,
                text: x.text,
                remedy_plan: x.remedy_plan,
                responded_by: x.responded_by,
                responded_at: vietnam_time(x.responded_at),
            }),
            progress: r.progress,
            progress_reports: reports.map(|reports| {
                reports
                    .into_iter()
                    .map(|p| ProgressBody {
                        percent: p.percent,
                        note: p.note,
                        reported_by: p.reported_by,
                        reported_at: vietnam_time(p.reported_at),
                    })
                    .collect()
            }),
            closing_note: r.closing_note,
            closed_at: r.closed_at.map(vietnam_time),
            escalated_from_id: r.escalated_from_id,
            petition_ids: r.petition_ids,
            finding_ids: r.finding_ids,
            created_at: vietnam_time(r.created_at),
            updated_at: vietnam_time(r.updated_at),
        }
    }
}

pub async fn issue_recommendation(
    context: web::Data<Context>,
    signed_in: SignedIn,
    body: JsonBody<RecommendationRequest>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    let new = NewRecommendation {
        agency_id: b.agency_id,
        petition_ids: b.petition_ids,
        finding_ids: b.finding_ids,
        text: b.text,
        respond_by: b.respond_by,
    };
    let (actor, today) = (signed_in.actor().clone(), context.today());
    let issued = context.run(move |c, context| recommendations::issue(c, context, &actor, new)).await?;
    Ok(HttpResponse::Created().json(RecommendationResponse::of(issued, Some(Vec::new()), today)))
}

/// At most 500, newest first: those the reader may see.
pub async fn list_recommendations(
    context: web::Data<Context>,
    signed_in: SignedIn,
) -> Result<web::Json<ListResponse<RecommendationResponse>>, ApiError> {
    let (actor, today) = (signed_in.actor().clone(), context.today());
    let listed = context.run(move |c, _| recommendations::list(c, &actor, today)).await?;
    Ok(web::Json(ListResponse::complete(
        listed.into_iter().map(|r| RecommendationResponse::of(r, None, today)).collect(),
    )))
}

pub async fn get_recommendation(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<RecommendationResponse>, ApiError> {
    let id: RecommendationId = id_in_path(&id, "recommendation")?;
    let (actor, today) = (signed_in.actor().clone(), context.today());
    let (r, reports) = context.run(move |c, _| recommendations::find(c, &actor, &id, today)).await?;
    Ok(web::Json(RecommendationResponse::of(r, Some(reports), today)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RespondRequest {
    position: String,
    text: String,
    #[serde(default, deserialize_with = "not_null")]
    remedy_plan: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressRequest {
    percent: i32,
    note: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteRequest {
    note: String,
}

async fn take(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: &str,
    step: Step,
) -> Result<web::Json<RecommendationResponse>, ApiError> {
    let id: RecommendationId = id_in_path(id, "recommendation")?;
    let (actor, today) = (signed_in.actor().clone(), context.today());
    let r = context.run(move |c, context| recommendations::take(c, context, &actor, &id, step)).await?;
    Ok(web::Json(RecommendationResponse::of(r, None, today)))
}

pub async fn respond_to_recommendation(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<RespondRequest>,
) -> Result<web::Json<RecommendationResponse>, ApiError> {
    let b = body.0;
    take(context, signed_in, &id, Step::Respond { position: b.position, text: b.text, remedy_plan: b.remedy_plan })
        .await
}

pub async fn report_remedy_progress(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<ProgressRequest>,
) -> Result<web::Json<RecommendationResponse>, ApiError> {
    let b = body.0;
    take(context, signed_in, &id, Step::ReportProgress { percent: b.percent, note: b.note }).await
}

pub async fn close_recommendation(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<NoteRequest>,
) -> Result<web::Json<RecommendationResponse>, ApiError> {
    take(context, signed_in, &id, Step::Close { note: body.0.note }).await
}

pub async fn escalate_recommendation(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<NoteRequest>,
) -> Result<web::Json<RecommendationResponse>, ApiError> {
    take(context, signed_in, &id, Step::Escalate { note: body.0.note }).await
}
