//! `/api/v1/categories`: the subjects petitions are about, and administrators creating, editing
//! and retiring them.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::domain::authorization::Action;
use crate::domain::category::{Category, CategoryCode};
use crate::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, not_null, set, whole, whole_not_null};
use crate::service::Context;
use crate::service::reference::categories::{self, CategoryFields};

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

impl From<Category> for CategoryResponse {
    fn from(category: Category) -> Self {
        CategoryResponse {
            code: category.code.to_string(),
            name_vi: category.name_vi,
            name_en: category.name_en,
            description_vi: category.description_vi,
            description_en: category.description_en,
            priority: category.priority,
            sort_order: category.sort_order,
            active: category.active,
        }
    }
}

fn code_in_path(code: &str) -> Result<CategoryCode, ApiError> {
    CategoryCode::parse(code).map_err(|_| ApiError::NotFound(format!("no category has the code {code:?}")))
}

pub async fn list_categories(
    context: web::Data<Context>,
) -> Result<web::Json<ListResponse<CategoryResponse>>, ApiError> {
    let categories = context.run(|c, _| categories::list(c)).await?;
    Ok(web::Json(ListResponse::complete(categories.into_iter().map(Into::into).collect())))
}

pub async fn get_category(
    context: web::Data<Context>,
    code: web::Path<String>,
) -> Result<web::Json<CategoryResponse>, ApiError> {
    let code = code_in_path(&code)?;
    let category = context.run(move |c, _| categories::find(c, &code)).await?;
    Ok(web::Json(category.into()))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateCategoryRequest {
    code: String,
    name_vi: String,
    name_en: String,
    #[serde(default)]
    description_vi: String,
    #[serde(default)]
    description_en: String,
    #[serde(default)]
    priority: bool,
    #[serde(default, deserialize_with = "whole")]
    sort_order: i32,
}

pub async fn create_category(
    context: web::Data<Context>,
    signed_in: SignedIn,
    body: JsonBody<CreateCategoryRequest>,
) -> Result<HttpResponse, ApiError> {
    signed_in.may(&Action::ManageReferenceData)?;
    let b = body.0;
    let fields = CategoryFields {
        name_vi: b.name_vi,
        name_en: b.name_en,
        description_vi: b.description_vi,
        description_en: b.description_en,
        priority: b.priority,
        sort_order: b.sort_order,
        active: true,
    };
    let (actor, now, code) = (signed_in.actor().user_id.clone(), context.now(), b.code);
    let category =
        context.run_changing_reference(move |c, _| categories::create(c, &actor, &code, fields, now)).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/categories/{}", category.code)))
        .json(CategoryResponse::from(category)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateCategoryRequest {
    #[serde(default, deserialize_with = "not_null")]
    name_vi: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    name_en: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    description_vi: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    description_en: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    priority: Option<bool>,
    #[serde(default, deserialize_with = "whole_not_null")]
    sort_order: Option<i32>,
    #[serde(default, deserialize_with = "not_null")]
    active: Option<bool>,
}

pub async fn update_category(
    context: web::Data<Context>,
    signed_in: SignedIn,
    code: web::Path<String>,
    body: JsonBody<UpdateCategoryRequest>,
) -> Result<web::Json<CategoryResponse>, ApiError> {
    signed_in.may(&Action::ManageReferenceData)?;
    let code = code_in_path(&code)?;
    let b = body.0;
    let edit = move |f: &mut CategoryFields| {
        set(&mut f.name_vi, b.name_vi);
        set(&mut f.name_en, b.name_en);
        set(&mut f.description_vi, b.description_vi);
        set(&mut f.description_en, b.description_en);
        set(&mut f.priority, b.priority);
        set(&mut f.sort_order, b.sort_order);
        set(&mut f.active, b.active);
    };
    let (actor, now) = (signed_in.actor().user_id.clone(), context.now());
    let category = context.run_changing_reference(move |c, _| categories::update(c, &actor, &code, edit, now)).await?;
    Ok(web::Json(category.into()))
}
