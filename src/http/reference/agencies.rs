//! `GET /api/v1/agencies` and `GET /api/v1/agencies/{id}`.

use actix_web::web;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::db::agencies::AgencyRow;
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::agency::AgencyKind;
use crate::error::ApiError;
use crate::http::AppState;
use crate::http::extract::QueryCheck;
use crate::http::wire::ListResponse;
use crate::service::reference::agencies::{self, AgencyDetail, AgencyQuery};
use crate::service::with_connection;

#[derive(Debug, Deserialize)]
pub struct ListParams {
    kind: Option<String>,
    admin_unit: Option<String>,
    parent_id: Option<String>,
    valid_on: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AgencyResponse {
    id: String,
    code: String,
    name: String,
    name_en: Option<String>,
    kind: String,
    admin_unit_code: String,
    parent_id: Option<String>,
    /// The title of the head who answers for the agency; never a personal contact.
    head_title: String,
    email: Option<String>,
    phone: Option<String>,
    address: Option<String>,
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
    successor_id: Option<String>,
}

impl From<AgencyRow> for AgencyResponse {
    fn from(row: AgencyRow) -> Self {
        AgencyResponse {
            id: row.id,
            code: row.code,
            name: row.name,
            name_en: row.name_en,
            kind: row.kind,
            admin_unit_code: row.admin_unit_code,
            parent_id: row.parent_id,
            head_title: row.head_title,
            email: row.email,
            phone: row.phone,
            address: row.address,
            valid_from: row.valid_from,
            valid_to: row.valid_to,
            successor_id: row.successor_id,
        }
    }
}

/// Another agency named from this one (its parent, its successor).
#[derive(Debug, Serialize)]
pub struct AgencyReference {
    id: String,
    code: String,
    name: String,
}

impl From<AgencyRow> for AgencyReference {
    fn from(row: AgencyRow) -> Self {
        AgencyReference { id: row.id, code: row.code, name: row.name }
    }
}

#[derive(Debug, Serialize)]
pub struct AgencyDetailResponse {
    #[serde(flatten)]
    agency: AgencyResponse,
    parent: Option<AgencyReference>,
    successor: Option<AgencyReference>,
}

/// Agencies in force today unless `valid_on` names another day; `valid_on=any` lists all.
pub async fn list_agencies(
    state: web::Data<AppState>,
    params: web::Query<ListParams>,
) -> Result<web::Json<ListResponse<AgencyResponse>>, ApiError> {
    let mut check = QueryCheck::default();
    let query = AgencyQuery {
        kind: check.optional("kind", params.kind.as_deref(), str::parse::<AgencyKind>),
        admin_unit: check.optional("admin_unit", params.admin_unit.as_deref(), AdminUnitCode::parse),
        parent_id: check.optional("parent_id", params.parent_id.as_deref(), |text| {
            uuid::Uuid::parse_str(text).map_err(|_| "must be an agency id (a UUID)")
        }),
        valid_on: match params.valid_on.as_deref() {
            Some("any") => None,
            given => Some(check.date("valid_on", given).unwrap_or_else(|| state.clock.today_in_vietnam())),
        },
        size: check.page_size(params.limit.as_deref()),
        cursor: check.cursor(params.cursor.as_deref()),
    };
    check.finish()?;
    let page = with_connection(&state.pool, move |c| agencies::list(c, &query)).await?;
    Ok(web::Json(ListResponse::from_page(page, AgencyResponse::from)))
}

pub async fn get_agency(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<web::Json<AgencyDetailResponse>, ApiError> {
    let id = uuid::Uuid::parse_str(&id)
        .map_err(|_| ApiError::NotFound(format!("no agency has the id {:?}", id.as_str())))?;
    let detail = with_connection(&state.pool, move |c| agencies::find(c, id)).await?;
    Ok(web::Json(detail.into()))
}

impl From<AgencyDetail> for AgencyDetailResponse {
    fn from(detail: AgencyDetail) -> Self {
        AgencyDetailResponse {
            agency: detail.agency.into(),
            parent: detail.parent.map(Into::into),
            successor: detail.successor.map(Into::into),
        }
    }
}
