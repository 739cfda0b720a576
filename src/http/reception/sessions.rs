//! `/api/v1/agencies/{id}/reception-sessions` and `/api/v1/reception-sessions/{id}`: an agency's
//! reception schedule — published, listed, withdrawn, and recorded after each session.

use actix_web::{HttpResponse, web};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::wire::SessionResponse;
use crate::domain::ids::{AgencyId, ReceptionSessionId};
use crate::error::ApiError;
use crate::http::extract::{JsonBody, QueryCheck, id_in_path};
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, whole, whole_not_null};
use crate::service::Context;
use crate::service::reception::records::{self, SessionOutcome};
use crate::service::reception::schedule::{self, NewSession};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionRequest {
    held_on: NaiveDate,
    starts_at: String,
    ends_at: String,
    place: String,
    receiver: String,
    receiver_name: String,
    #[serde(default, deserialize_with = "whole_not_null")]
    capacity: Option<i32>,
}

pub async fn schedule_reception_session(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<SessionRequest>,
) -> Result<HttpResponse, ApiError> {
    let agency_id: AgencyId = id_in_path(&id, "agency")?;
    let b = body.0;
    let new = NewSession {
        held_on: b.held_on,
        starts_at: b.starts_at,
        ends_at: b.ends_at,
        place: b.place,
        receiver: b.receiver,
        receiver_name: b.receiver_name,
        capacity: b.capacity,
    };
    let actor = signed_in.actor().clone();
    let session = context.run(move |c, context| schedule::schedule(c, context, &actor, &agency_id, new)).await?;
    Ok(HttpResponse::Created().json(SessionResponse::of(session)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleParams {
    from: Option<String>,
    to: Option<String>,
}

/// The agency's sessions from `from` to `to` (the current month when not given), at most 500.
pub async fn list_agency_reception_sessions(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    params: web::Query<ScheduleParams>,
) -> Result<web::Json<ListResponse<SessionResponse>>, ApiError> {
    let agency_id: AgencyId = id_in_path(&id, "agency")?;
    let today = context.today();
    let mut check = QueryCheck::default();
    let from = check.date("from", params.from.as_deref());
    let to = check.date("to", params.to.as_deref());
    check.finish()?;
    let from = from.unwrap_or_else(|| today.with_day(1).unwrap_or(today));
    let to = to.unwrap_or_else(|| from + chrono::Months::new(1) - chrono::TimeDelta::days(1));
    let actor = signed_in.actor().clone();
    let listed = context.run(move |c, _| schedule::of_agency(c, &actor, &agency_id, from, to, today)).await?;
    Ok(web::Json(ListResponse::complete(listed.into_iter().map(SessionResponse::of).collect())))
}

pub async fn get_reception_session(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<SessionResponse>, ApiError> {
    let id: ReceptionSessionId = id_in_path(&id, "reception session")?;
    let (actor, today) = (signed_in.actor().clone(), context.today());
    let session = context.run(move |c, _| schedule::find(c, &actor, &id, today)).await?;
    Ok(web::Json(SessionResponse::of(session)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReasonRequest {
    reason: String,
}

pub async fn cancel_reception_session(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<ReasonRequest>,
) -> Result<web::Json<SessionResponse>, ApiError> {
    let id: ReceptionSessionId = id_in_path(&id, "reception session")?;
    let (actor, reason) = (signed_in.actor().clone(), body.0.reason);
    let session = context.run(move |c, context| schedule::cancel(c, context, &actor, &id, &reason)).await?;
    Ok(web::Json(SessionResponse::of(session)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeldRequest {
    #[serde(deserialize_with = "whole")]
    attended: i32,
    summary: String,
    #[serde(default)]
    petition_ids: Vec<String>,
}

async fn record(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: &str,
    outcome: SessionOutcome,
) -> Result<web::Json<SessionResponse>, ApiError> {
    let id: ReceptionSessionId = id_in_path(id, "reception session")?;
    let actor = signed_in.actor().clone();
    let session = context.run(move |c, context| records::record(c, context, &actor, &id, outcome)).await?;
    Ok(web::Json(SessionResponse::of(session)))
}

/// The session was held: how many were received, a summary, the petitions received there.
pub async fn record_session_held(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<HeldRequest>,
) -> Result<web::Json<SessionResponse>, ApiError> {
    let b = body.0;
    let outcome = SessionOutcome::Held { attended: b.attended, summary: b.summary, petition_ids: b.petition_ids };
    record(context, signed_in, &id, outcome).await
}

/// The session was not held, and why.
pub async fn record_session_not_held(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<ReasonRequest>,
) -> Result<web::Json<SessionResponse>, ApiError> {
    record(context, signed_in, &id, SessionOutcome::NotHeld { reason: body.0.reason }).await
}
