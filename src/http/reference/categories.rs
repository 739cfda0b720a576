//! `GET /api/v1/categories` and `GET /api/v1/categories/{code}`.

use actix_web::web;
use serde::Serialize;

use crate::db::categories::CategoryRow;
use crate::domain::category::is_valid_category_code;
use crate::error::ApiError;
use crate::http::AppState;
use crate::http::wire::ListResponse;
use crate::service::{reference::categories, with_connection};

#[derive(Debug, Serialize)]
pub struct CategoryResponse {
    code: String,
    name_vi: String,
    name_en: String,
    description_vi: String,
    description_en: String,
    /// One of the subjects the provincial plan asks to resolve first.
    priority: bool,
    sort_order: i32,
    /// False once retired: no longer offered for new petitions.
    active: bool,
}

impl From<CategoryRow> for CategoryResponse {
    fn from(row: CategoryRow) -> Self {
        CategoryResponse {
            code: row.code,
            name_vi: row.name_vi,
            name_en: row.name_en,
            description_vi: row.description_vi,
            description_en: row.description_en,
            priority: row.priority,
            sort_order: row.sort_order,
            active: row.active,
        }
    }
}

pub async fn list_categories(
    state: web::Data<AppState>,
) -> Result<web::Json<ListResponse<CategoryResponse>>, ApiError> {
    let rows = with_connection(&state.pool, categories::list).await?;
    Ok(web::Json(ListResponse::complete(rows.into_iter().map(Into::into).collect())))
}

pub async fn get_category(
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<web::Json<CategoryResponse>, ApiError> {
    let code = code.into_inner();
    if !is_valid_category_code(&code) {
        return Err(ApiError::NotFound(format!("no category has the code {code:?}")));
    }
    let row = with_connection(&state.pool, move |c| categories::find(c, &code)).await?;
    Ok(web::Json(row.into()))
}
