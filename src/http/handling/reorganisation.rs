//! `POST /api/v1/admin/reassign` and `/api/v1/admin/reassign-unit`: after a reorganisation,
//! moving every open petition of a dissolved agency or merged unit to its successor.

use actix_web::web;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::signed_in::SignedIn;
use crate::service::Context;
use crate::service::handling::reorganisation;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReassignRequest {
    from_agency: String,
    to_agency: String,
}

#[derive(Debug, Serialize)]
pub struct ReassignResponse {
    from_agency: String,
    to_agency: String,
    moved: usize,
}

/// Moves every open petition of one agency (dissolved, merged) to another, in one audited step.
pub async fn reassign(
    context: web::Data<Context>,
    signed_in: SignedIn,
    body: JsonBody<ReassignRequest>,
) -> Result<web::Json<ReassignResponse>, ApiError> {
    let actor = signed_in.actor().clone();
    let ReassignRequest { from_agency, to_agency } = body.0;
    let (from, to) = (from_agency.clone(), to_agency.clone());
    let moved = context.run(move |c, context| reorganisation::reassign(c, context, &actor, &from, &to)).await?;
    Ok(web::Json(ReassignResponse { from_agency, to_agency, moved }))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReassignUnitRequest {
    from_unit: String,
    to_unit: String,
}

#[derive(Debug, Serialize)]
pub struct ReassignUnitResponse {
    from_unit: String,
    to_unit: String,
    moved: usize,
}

/// Moves every open petition filed in one administrative unit (merged, dissolved) to its successor.
pub async fn reassign_unit(
    context: web::Data<Context>,
    signed_in: SignedIn,
    body: JsonBody<ReassignUnitRequest>,
) -> Result<web::Json<ReassignUnitResponse>, ApiError> {
    let actor = signed_in.actor().clone();
    let ReassignUnitRequest { from_unit, to_unit } = body.0;
    let (from, to) = (from_unit.clone(), to_unit.clone());
    let moved = context.run(move |c, context| reorganisation::reassign_unit(c, context, &actor, &from, &to)).await?;
    Ok(web::Json(ReassignUnitResponse { from_unit, to_unit, moved }))
}
