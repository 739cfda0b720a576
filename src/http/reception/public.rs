//! `GET /api/v1/public/reception-sessions`: the upcoming reception schedule, soonest first, and
//! one session — for anyone, without signing in.

use actix_web::web;
use serde::Deserialize;

use super::wire::PublicSessionResponse;
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::ids::{AgencyId, ReceptionSessionId};
use crate::error::ApiError;
use crate::http::extract::{QueryCheck, id_in_path};
use crate::http::wire::ListResponse;
use crate::service::Context;
use crate::service::reception::schedule;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpcomingParams {
    agency_id: Option<String>,
    admin_unit: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

pub async fn list_upcoming_reception_sessions(
    context: web::Data<Context>,
    params: web::Query<UpcomingParams>,
) -> Result<web::Json<ListResponse<PublicSessionResponse>>, ApiError> {
    let mut check = QueryCheck::default();
    let agency = check
        .optional("agency_id", params.agency_id.as_deref(), |t| AgencyId::parse(t).map_err(|_| "is not an agency id"));
    let unit = check.optional("admin_unit", params.admin_unit.as_deref(), AdminUnitCode::parse);
    let size = check.page_size(params.limit.as_deref());
    let cursor = check.cursor(params.cursor.as_deref());
    check.finish()?;
    let today = context.today();
    let page = context.run(move |c, _| schedule::upcoming(c, agency, unit, size, cursor.as_ref(), today)).await?;
    Ok(web::Json(ListResponse::from_page(page, PublicSessionResponse::of)))
}

pub async fn get_public_reception_session(
    context: web::Data<Context>,
    id: web::Path<String>,
) -> Result<web::Json<PublicSessionResponse>, ApiError> {
    let id: ReceptionSessionId = id_in_path(&id, "reception session")?;
    let session = context.run(move |c, _| schedule::public(c, &id)).await?;
    Ok(web::Json(PublicSessionResponse::of(session)))
}
