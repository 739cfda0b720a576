//! `/api/v1/consultations/{id}/meetings`: the agency schedules a dialogue meeting and, once it has
//! been held, records its minutes; both are on the public page.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

use super::wire::MeetingBody;
use crate::domain::ids::{ConsultationId, ConsultationMeetingId};
use crate::error::ApiError;
use crate::http::extract::{JsonBody, id_in_path};
use crate::http::signed_in::SignedIn;
use crate::service::Context;
use crate::service::consultations::meetings;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingRequest {
    held_at: DateTime<FixedOffset>,
    place: String,
    agenda: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinutesRequest {
    attendance: i64,
    minutes: String,
}

pub async fn schedule_meeting(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<MeetingRequest>,
) -> Result<HttpResponse, ApiError> {
    let id: ConsultationId = id_in_path(&id, "consultation")?;
    let b = body.0;
    let actor = signed_in.actor().clone();
    let held_at = b.held_at.naive_utc();
    let meeting = context
        .run(move |c, context| meetings::schedule(c, context, &actor, &id, held_at, &b.place, &b.agenda))
        .await?;
    Ok(HttpResponse::Created().json(MeetingBody::of(meeting)))
}

pub async fn record_meeting_minutes(
    context: web::Data<Context>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
    body: JsonBody<MinutesRequest>,
) -> Result<web::Json<MeetingBody>, ApiError> {
    let id: ConsultationId = id_in_path(&path.0, "consultation")?;
    let meeting_id: ConsultationMeetingId = id_in_path(&path.1, "meeting")?;
    let b = body.0;
    let actor = signed_in.actor().clone();
    let meeting = context
        .run(move |c, context| meetings::record_minutes(c, context, &actor, &id, &meeting_id, b.attendance, &b.minutes))
        .await?;
    Ok(web::Json(MeetingBody::of(meeting)))
}
