//! `GET /api/v1/admin-units` and `GET /api/v1/admin-units/{code}`.

use actix_web::web;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::db::admin_units::AdminUnitRow;
use crate::domain::admin_unit::{AdminLevel, AdminUnitCode};
use crate::error::ApiError;
use crate::http::AppState;
use crate::http::extract::QueryCheck;
use crate::http::wire::ListResponse;
use crate::service::reference::admin_units::{self, AdminUnitQuery};
use crate::service::with_connection;

#[derive(Debug, Deserialize)]
pub struct ListParams {
    level: Option<String>,
    parent: Option<String>,
    valid_on: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AdminUnitResponse {
    code: String,
    name: String,
    level: String,
    unit_type: String,
    parent_code: Option<String>,
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
    source_note: String,
}

impl From<AdminUnitRow> for AdminUnitResponse {
    fn from(row: AdminUnitRow) -> Self {
        AdminUnitResponse {
            code: row.code,
            name: row.name,
            level: row.level,
            unit_type: row.unit_type,
            parent_code: row.parent_code,
            valid_from: row.valid_from,
            valid_to: row.valid_to,
            source_note: row.source_note,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct AdminUnitDetailResponse {
    #[serde(flatten)]
    unit: AdminUnitResponse,
    successor_codes: Vec<String>,
    predecessors: Vec<AdminUnitResponse>,
}

/// Units valid today unless `valid_on` names another day; `valid_on=any` lists every version.
pub async fn list_admin_units(
    state: web::Data<AppState>,
    params: web::Query<ListParams>,
) -> Result<web::Json<ListResponse<AdminUnitResponse>>, ApiError> {
    let mut check = QueryCheck::default();
    let query = AdminUnitQuery {
        level: check.optional("level", params.level.as_deref(), str::parse::<AdminLevel>),
        parent: check.optional("parent", params.parent.as_deref(), AdminUnitCode::parse),
        valid_on: match params.valid_on.as_deref() {
            Some("any") => None,
            given => Some(check.date("valid_on", given).unwrap_or_else(|| state.clock.today_in_vietnam())),
        },
        size: check.page_size(params.limit.as_deref()),
        cursor: check.cursor(params.cursor.as_deref()),
    };
    check.finish()?;
    let page = with_connection(&state.pool, move |c| admin_units::list(c, &query)).await?;
    Ok(web::Json(ListResponse::from_page(page, AdminUnitResponse::from)))
}

#[derive(Debug, Deserialize)]
pub struct DetailParams {
    valid_on: Option<String>,
}

/// The version valid on `valid_on`, or the newest version of the code when no date is given.
pub async fn get_admin_unit(
    state: web::Data<AppState>,
    code: web::Path<String>,
    params: web::Query<DetailParams>,
) -> Result<web::Json<AdminUnitDetailResponse>, ApiError> {
    let code = AdminUnitCode::parse(&code)
        .map_err(|_| ApiError::NotFound(format!("no administrative unit has the code {:?}", code.as_str())))?;
    let mut check = QueryCheck::default();
    let valid_on = check.date("valid_on", params.valid_on.as_deref());
    check.finish()?;
    let detail = with_connection(&state.pool, move |c| admin_units::find(c, &code, valid_on)).await?;
    Ok(web::Json(AdminUnitDetailResponse {
        unit: detail.unit.into(),
        successor_codes: detail.successor_codes,
        predecessors: detail.predecessors.into_iter().map(Into::into).collect(),
    }))
}
