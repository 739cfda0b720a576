//! `GET /api/v1/agencies/{id}/dashboard`, and `POST /api/v1/admin/reassign` and
//! `/api/v1/admin/reassign-unit` for reorganisations.

use std::collections::BTreeMap;

use actix_web::web;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::signed_in::SignedIn;
use crate::service::handling::agency_work::{self, Dashboard};
use crate::service::{Context, with_connection};

#[derive(Debug, Serialize)]
pub struct DashboardResponse {
    agency_id: String,
    as_of: NaiveDate,
    by_status: BTreeMap<String, i64>,
    total: i64,
    overdue: i64,
    due_this_week: i64,
    week_ends: NaiveDate,
    resolved: i64,
    /// Calendar days from receipt to resolution; null until something is resolved.
    average_days_to_resolve: Option<f64>,
}

impl From<Dashboard> for DashboardResponse {
    fn from(d: Dashboard) -> Self {
        let by_status: BTreeMap<String, i64> = d.figures.by_status.into_iter().collect();
        DashboardResponse {
            agency_id: d.agency_id,
            as_of: d.as_of,
            total: by_status.values().sum(),
            by_status,
            overdue: d.figures.overdue,
            due_this_week: d.figures.due_by,
            week_ends: d.week_ends,
            resolved: d.figures.resolved,
            average_days_to_resolve: d.figures.average_days_to_resolve.map(|days| (days * 10.0).round() / 10.0),
        }
    }
}

pub async fn agency_dashboard(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<DashboardResponse>, ApiError> {
    let actor = signed_in.0.actor;
    let today = context.clock.today_in_vietnam();
    let id = id.into_inner();
    let dashboard = with_connection(&context.pool, move |c| agency_work::dashboard(c, &actor, &id, today)).await?;
    Ok(web::Json(dashboard.into()))
}

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
    let actor = signed_in.0.actor;
    let ctx = context.get_ref().clone();
    let ReassignRequest { from_agency, to_agency } = body.0;
    let (from, to) = (from_agency.clone(), to_agency.clone());
    let moved = with_connection(&context.pool, move |c| agency_work::reassign(c, &ctx, &actor, &from, &to)).await?;
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
    let actor = signed_in.0.actor;
    let ctx = context.get_ref().clone();
    let ReassignUnitRequest { from_unit, to_unit } = body.0;
    let (from, to) = (from_unit.clone(), to_unit.clone());
    let moved =
        with_connection(&context.pool, move |c| agency_work::reassign_unit(c, &ctx, &actor, &from, &to)).await?;
    Ok(web::Json(ReassignUnitResponse { from_unit, to_unit, moved }))
}
