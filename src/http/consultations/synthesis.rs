//! `/api/v1/consultations/{id}/answers` and `/synthesis`: after the window, the agency answers the
//! comments (one or a group of similar ones at a time) and publishes its synthesis.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::wire::ConsultationResponse;
use crate::domain::ids::ConsultationId;
use crate::error::ApiError;
use crate::http::extract::{JsonBody, id_in_path};
use crate::http::signed_in::SignedIn;
use crate::service::Context;
use crate::service::consultations::synthesis;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerRequest {
    comment_ids: Vec<String>,
    position: String,
    explanation: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynthesisRequest {
    summary: String,
}

pub async fn answer_comments(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<AnswerRequest>,
) -> Result<HttpResponse, ApiError> {
    let id: ConsultationId = id_in_path(&id, "consultation")?;
    let b = body.0;
    let (actor, today) = (signed_in.actor().clone(), context.today());
    let view = context
        .run(move |c, context| synthesis::answer(c, context, &actor, &id, &b.comment_ids, &b.position, &b.explanation))
        .await?;
    Ok(HttpResponse::Created().json(ConsultationResponse::of(view, today)))
}

pub async fn publish_synthesis(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<SynthesisRequest>,
) -> Result<web::Json<ConsultationResponse>, ApiError> {
    let id: ConsultationId = id_in_path(&id, "consultation")?;
    let summary = body.0.summary;
    let (actor, today) = (signed_in.actor().clone(), context.today());
    let view = context.run(move |c, context| synthesis::conclude(c, context, &actor, &id, &summary)).await?;
    Ok(web::Json(ConsultationResponse::of(view, today)))
}
