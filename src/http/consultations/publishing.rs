//! `/api/v1/consultations`: the agency drafts a consultation, edits the draft, publishes it and
//! extends its window; anyone signed in reads a published one, the agency and its overseers a
//! draft too, and an agency's list of its own, drafts included.

use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use serde::Deserialize;

use super::wire::{ConsultationResponse, ConsultationSummary};
use crate::domain::consultations::ConsultationStatus;
use crate::domain::ids::{AgencyId, ConsultationId};
use crate::error::ApiError;
use crate::http::extract::{JsonBody, QueryCheck, id_in_path};
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, not_null};
use crate::service::Context;
use crate::service::consultations::publishing::{self, Draft, NewSection};
use crate::service::consultations::reading::{self, AgencyQuery};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionRequest {
    number: i64,
    heading: String,
    text: String,
}

fn sections(sent: Option<Vec<SectionRequest>>) -> Option<Vec<NewSection>> {
    sent.map(|all| all.into_iter().map(|s| NewSection { number: s.number, heading: s.heading, text: s.text }).collect())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsultationRequest {
    #[serde(default, deserialize_with = "not_null")]
    agency_id: Option<String>,
    kind: String,
    title: String,
    summary: String,
    admin_unit_codes: Vec<String>,
    opens_on: NaiveDate,
    closes_on: NaiveDate,
    #[serde(default)]
    sections: Vec<SectionRequest>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsultationEditRequest {
    #[serde(default, deserialize_with = "not_null")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    title: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    summary: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    admin_unit_codes: Option<Vec<String>>,
    #[serde(default, deserialize_with = "not_null")]
    opens_on: Option<NaiveDate>,
    #[serde(default, deserialize_with = "not_null")]
    closes_on: Option<NaiveDate>,
    #[serde(default, deserialize_with = "not_null")]
    sections: Option<Vec<SectionRequest>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtendRequest {
    closes_on: NaiveDate,
    notice: String,
}

pub async fn draft_consultation(
    context: web::Data<Context>,
    signed_in: SignedIn,
    body: JsonBody<ConsultationRequest>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    let draft = Draft {
        agency_id: b.agency_id,
        kind: Some(b.kind),
        title: Some(b.title),
        summary: Some(b.summary),
        admin_unit_codes: Some(b.admin_unit_codes),
        opens_on: Some(b.opens_on),
        closes_on: Some(b.closes_on),
        sections: sections(Some(b.sections)),
    };
    let (actor, today) = (signed_in.actor().clone(), context.today());
    let made = context.run(move |c, context| publishing::create(c, context, &actor, draft)).await?;
    Ok(HttpResponse::Created().json(ConsultationResponse::bare(made, today)))
}

pub async fn get_consultation(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<ConsultationResponse>, ApiError> {
    let id: ConsultationId = id_in_path(&id, "consultation")?;
    let (actor, today) = (signed_in.actor().clone(), context.today());
    let view = context.run(move |c, _| reading::find(c, &actor, &id, today)).await?;
    Ok(web::Json(ConsultationResponse::of(view, today)))
}

/// An agency's own listing: the agency (the signed-in staff's own when not given), a status.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencyConsultationParams {
    agency_id: Option<String>,
    status: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

pub async fn list_agency_consultations(
    context: web::Data<Context>,
    signed_in: SignedIn,
    params: web::Query<AgencyConsultationParams>,
) -> Result<web::Json<ListResponse<ConsultationSummary>>, ApiError> {
    let mut check = QueryCheck::default();
    let query = AgencyQuery {
        agency_id: check.optional("agency_id", params.agency_id.as_deref(), |text| {
            AgencyId::parse(text).map_err(|_| "is not an agency id")
        }),
        status: check.optional("status", params.status.as_deref(), str::parse::<ConsultationStatus>),
        size: check.page_size(params.limit.as_deref()),
        cursor: check.cursor(params.cursor.as_deref()),
    };
    check.finish()?;
    let (actor, today) = (signed_in.actor().clone(), context.today());
    let page = context.run(move |c, _| reading::of_agency(c, &actor, &query, today)).await?;
    Ok(web::Json(ListResponse::from_page(page, |x| ConsultationSummary::of(&x, today))))
}

pub async fn edit_consultation(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<ConsultationEditRequest>,
) -> Result<web::Json<ConsultationResponse>, ApiError> {
    let id: ConsultationId = id_in_path(&id, "consultation")?;
    let b = body.0;
    let draft = Draft {
        agency_id: None,
        kind: b.kind,
        title: b.title,
        summary: b.summary,
        admin_unit_codes: b.admin_unit_codes,
        opens_on: b.opens_on,
        closes_on: b.closes_on,
        sections: sections(b.sections),
    };
    let (actor, today) = (signed_in.actor().clone(), context.today());
    let edited = context.run(move |c, context| publishing::edit(c, context, &actor, &id, draft)).await?;
    Ok(web::Json(ConsultationResponse::of(edited, today)))
}

pub async fn publish_consultation(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<ConsultationResponse>, ApiError> {
    let id: ConsultationId = id_in_path(&id, "consultation")?;
    let (actor, today) = (signed_in.actor().clone(), context.today());
    let published = context.run(move |c, context| publishing::publish(c, context, &actor, &id)).await?;
    Ok(web::Json(ConsultationResponse::of(published, today)))
}

pub async fn extend_consultation(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<ExtendRequest>,
) -> Result<web::Json<ConsultationResponse>, ApiError> {
    let id: ConsultationId = id_in_path(&id, "consultation")?;
    let b = body.0;
    let (actor, today) = (signed_in.actor().clone(), context.today());
    let view =
        context.run(move |c, context| publishing::extend(c, context, &actor, &id, b.closes_on, &b.notice)).await?;
    Ok(web::Json(ConsultationResponse::of(view, today)))
}
