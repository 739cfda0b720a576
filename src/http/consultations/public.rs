//! `GET /api/v1/public/consultations` and `/{id}`: published consultations for anyone, without
//! signing in — filtered, a page at a time — and the page of one with its visible comments,
//! answers and synthesis; drafts are not found.

use actix_web::web;
use serde::Deserialize;

use super::wire::{ConsultationResponse, ConsultationSummary};
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::consultations::{ConsultationKind, ConsultationStatus};
use crate::domain::ids::ConsultationId;
use crate::domain::text::has_forbidden_characters;
use crate::error::ApiError;
use crate::http::extract::{QueryCheck, id_in_path};
use crate::http::wire::ListResponse;
use crate::service::Context;
use crate::service::consultations::reading::{self, PublicQuery};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicConsultationParams {
    admin_unit: Option<String>,
    kind: Option<String>,
    status: Option<String>,
    q: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

fn public_query(params: &PublicConsultationParams) -> Result<PublicQuery, ApiError> {
    let mut check = QueryCheck::default();
    let query = PublicQuery {
        admin_unit: check.optional("admin_unit", params.admin_unit.as_deref(), AdminUnitCode::parse),
        kind: check.optional("kind", params.kind.as_deref(), str::parse::<ConsultationKind>),
        status: check.optional("status", params.status.as_deref(), |text| match text.parse::<ConsultationStatus>() {
            Ok(ConsultationStatus::Draft) => Err("drafts are not public".to_string()),
            Ok(status) => Ok(status),
            Err(e) => Err(e.to_string()),
        }),
        q: check.optional("q", params.q.as_deref(), |text| {
            if text.chars().count() > 200 || has_forbidden_characters(text, false) {
                Err("must be at most 200 characters with no control or invisible formatting characters")
            } else {
                Ok(text.to_string())
            }
        }),
        size: check.page_size(params.limit.as_deref()),
        cursor: check.cursor(params.cursor.as_deref()),
    };
    check.finish()?;
    Ok(query)
}

pub async fn list_public_consultations(
    context: web::Data<Context>,
    params: web::Query<PublicConsultationParams>,
) -> Result<web::Json<ListResponse<ConsultationSummary>>, ApiError> {
    let (query, today) = (public_query(&params)?, context.today());
    let page = context.run(move |c, _| reading::list(c, &query, today)).await?;
    Ok(web::Json(ListResponse::from_page(page, |x| ConsultationSummary::of(&x, today))))
}

pub async fn get_public_consultation(
    context: web::Data<Context>,
    id: web::Path<String>,
) -> Result<web::Json<ConsultationResponse>, ApiError> {
    let id: ConsultationId = id_in_path(&id, "consultation")?;
    let today = context.today();
    let view = context.run(move |c, _| reading::public(c, &id)).await?;
    Ok(web::Json(ConsultationResponse::of(view, today)))
}
