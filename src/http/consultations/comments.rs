//! `/api/v1/consultations/{id}/comments`: citizens comment and support comments; the agency hides
//! one with a reason; the agency and its overseers list every comment with its author.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::wire::{PublicComment, StaffComment};
use crate::domain::ids::{ConsultationCommentId, ConsultationId};
use crate::error::ApiError;
use crate::http::extract::{JsonBody, id_in_path};
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, not_null};
use crate::service::Context;
use crate::service::consultations::comments;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommentRequest {
    #[serde(default, deserialize_with = "not_null")]
    section: Option<i64>,
    text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HideRequest {
    reason: String,
}

fn ids(path: &(String, String)) -> Result<(ConsultationId, ConsultationCommentId), ApiError> {
    Ok((id_in_path(&path.0, "consultation")?, id_in_path(&path.1, "comment")?))
}

pub async fn comment_on_consultation(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<CommentRequest>,
) -> Result<HttpResponse, ApiError> {
    let id: ConsultationId = id_in_path(&id, "consultation")?;
    let b = body.0;
    let actor = signed_in.actor().clone();
    let made = context.run(move |c, context| comments::comment(c, context, &actor, &id, b.section, &b.text)).await?;
    Ok(HttpResponse::Created().json(PublicComment::of(made, &[])))
}

pub async fn support_comment(
    context: web::Data<Context>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<web::Json<PublicComment>, ApiError> {
    let (id, comment) = ids(&path)?;
    let actor = signed_in.actor().clone();
    let supported = context.run(move |c, context| comments::support(c, context, &actor, &id, &comment)).await?;
    Ok(web::Json(PublicComment::of(supported, &[])))
}

pub async fn hide_comment(
    context: web::Data<Context>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
    body: JsonBody<HideRequest>,
) -> Result<HttpResponse, ApiError> {
    let (id, comment) = ids(&path)?;
    let actor = signed_in.actor().clone();
    let reason = body.0.reason;
    context.run(move |c, context| comments::hide(c, context, &actor, &id, &comment, &reason)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Every comment, hidden ones with their reasons, each with its author's account and name.
pub async fn list_consultation_comments(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<ListResponse<StaffComment>>, ApiError> {
    let id: ConsultationId = id_in_path(&id, "consultation")?;
    let actor = signed_in.actor().clone();
    let (view, names) = context.run(move |c, context| comments::staff_list(c, context, &actor, &id)).await?;
    let answers = view.answers;
    Ok(web::Json(ListResponse::complete(
        view.comments.into_iter().map(|comment| StaffComment::of(comment, &answers, &names)).collect(),
    )))
}
