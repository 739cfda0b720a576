//! `/api/v1/admin-units`: administrative units as they stood on any date, and administrators'
//! import of the statistics office's list as CSV.

use actix_web::{HttpRequest, web};
use chrono::NaiveDate;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};

use crate::domain::admin_unit::{AdminLevel, AdminUnit, AdminUnitCode};
use crate::domain::authorization::Action;
use crate::error::ApiError;
use crate::http::extract::QueryCheck;
use crate::http::signed_in::SignedIn;
use crate::http::wire::ListResponse;
use crate::service::reference::admin_unit_import;
use crate::service::reference::admin_units::{self, AdminUnitQuery};
use crate::service::{Context, ServiceError};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    level: Option<String>,
    parent: Option<String>,
    valid_on: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AdminUnitResponse {
    code: AdminUnitCode,
    name: String,
    level: AdminLevel,
    unit_type: String,
    parent_code: Option<AdminUnitCode>,
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
    source_note: String,
}

impl From<AdminUnit> for AdminUnitResponse {
    fn from(unit: AdminUnit) -> Self {
        AdminUnitResponse {
            code: unit.code,
            name: unit.name,
            level: unit.level,
            unit_type: unit.unit_type.to_string(),
            parent_code: unit.parent_code,
            valid_from: unit.validity.from,
            valid_to: unit.validity.to,
            source_note: unit.source_note,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct AdminUnitDetailResponse {
    #[serde(flatten)]
    unit: AdminUnitResponse,
    successor_codes: Vec<AdminUnitCode>,
    predecessors: Vec<AdminUnitResponse>,
}

/// Units valid today unless `valid_on` names another day; `valid_on=any` lists every version.
pub async fn list_admin_units(
    context: web::Data<Context>,
    params: web::Query<ListParams>,
) -> Result<web::Json<ListResponse<AdminUnitResponse>>, ApiError> {
    let mut check = QueryCheck::default();
    let query = AdminUnitQuery {
        level: check.optional("level", params.level.as_deref(), str::parse::<AdminLevel>),
        parent: check.optional("parent", params.parent.as_deref(), AdminUnitCode::parse),
        valid_on: check.valid_on(params.valid_on.as_deref(), context.today()),
        size: check.page_size(params.limit.as_deref()),
        cursor: check.cursor(params.cursor.as_deref()),
    };
    check.finish()?;
    let page = context.run(move |c, _| admin_units::list(c, &query)).await?;
    Ok(web::Json(ListResponse::from_page(page, AdminUnitResponse::from)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DetailParams {
    valid_on: Option<String>,
}

/// The version valid on `valid_on`, or the newest version of the code when no date is given.
pub async fn get_admin_unit(
    context: web::Data<Context>,
    code: web::Path<String>,
    params: web::Query<DetailParams>,
) -> Result<web::Json<AdminUnitDetailResponse>, ApiError> {
    let code = AdminUnitCode::parse(&code)
        .map_err(|_| ApiError::NotFound(format!("no administrative unit has the code {:?}", code.as_str())))?;
    let mut check = QueryCheck::default();
    let valid_on = check.date("valid_on", params.valid_on.as_deref());
    check.finish()?;
    let detail = context.run(move |c, _| admin_units::find(c, &code, valid_on)).await?;
    Ok(web::Json(AdminUnitDetailResponse {
        unit: detail.unit.into(),
        successor_codes: detail.successor_codes,
        predecessors: detail.predecessors.into_iter().map(Into::into).collect(),
    }))
}

/// The official list of a whole country is a few megabytes.
const MAX_CSV_BYTES: usize = 16 * 1024 * 1024;

#[derive(Debug, Serialize)]
pub struct ImportResponse {
    inserted: usize,
    updated: usize,
}

/// Imports units from a `text/csv` body; the whole file is checked first and nothing is stored
/// when any row is bad (422 listing each, by line and column).
pub async fn import_admin_units(
    context: web::Data<Context>,
    signed_in: SignedIn,
    request: HttpRequest,
    mut payload: web::Payload,
) -> Result<web::Json<ImportResponse>, ApiError> {
    signed_in.may(&Action::ManageReferenceData)?;
    let is_csv = request
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(';').next().is_some_and(|m| m.trim().eq_ignore_ascii_case("text/csv")));
    if !is_csv {
        return Err(ApiError::UnsupportedMediaType("send the units as CSV (Content-Type: text/csv)".into()));
    }
    let mut bytes = Vec::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|_| ApiError::BadRequest {
            code: "unreadable_body",
            detail: "the body could not be read".into(),
        })?;
        if bytes.len() + chunk.len() > MAX_CSV_BYTES {
            return Err(ApiError::PayloadTooLarge { limit: MAX_CSV_BYTES });
        }
        bytes.extend_from_slice(&chunk);
    }
    let text = String::from_utf8(bytes).map_err(|_| ServiceError::invalid("file", "is not valid UTF-8"))?;
    let now = context.now();
    let report = context.run_changing_reference(move |c, _| admin_unit_import::import_csv(c, &text, now)).await?;
    Ok(web::Json(ImportResponse { inserted: report.inserted, updated: report.updated }))
}
