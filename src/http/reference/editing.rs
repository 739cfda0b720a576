//! Administrators' writes to the reference data: agencies, categories, the holiday calendar, and
//! the import of administrative units from the statistics office's CSV.

use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};

use crate::domain::authorization::Action;
use crate::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::signed_in::SignedIn;
use crate::http::wire::present;
use crate::service::reference::editing::{self as reference_editing, AgencyFields, CalendarEntry, CategoryFields};
use crate::service::{Context, ServiceError, reference::admin_unit_import, with_connection};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateAgencyRequest {
    code: String,
    name: String,
    name_en: Option<String>,
    kind: String,
    admin_unit_code: String,
    parent_id: Option<String>,
    head_title: String,
    email: Option<String>,
    phone: Option<String>,
    address: Option<String>,
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
    successor_id: Option<String>,
}

pub async fn create_agency(
    context: web::Data<Context>,
    signed_in: SignedIn,
    body: JsonBody<CreateAgencyRequest>,
) -> Result<HttpResponse, ApiError> {
    signed_in.may(&Action::ManageReferenceData)?;
    let b = body.0;
    let fields = AgencyFields {
        code: b.code,
        name: b.name,
        name_en: b.name_en,
        kind: b.kind,
        admin_unit_code: b.admin_unit_code,
        parent_id: b.parent_id,
        head_title: b.head_title,
        email: b.email,
        phone: b.phone,
        address: b.address,
        valid_from: b.valid_from,
        valid_to: b.valid_to,
        successor_id: b.successor_id,
    };
    let (actor, now) = (signed_in.0.user.id, context.now());
    let row = with_connection(&context.pool, move |c| reference_editing::create_agency(c, &actor, fields, now)).await?;
    let id = row.id.clone();
    let detail = with_connection(&context.pool, move |c| {
        crate::service::reference::agencies::find(c, uuid::Uuid::parse_str(&row.id).unwrap_or_default())
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/agencies/{id}")))
        .json(crate::http::reference::agencies::AgencyDetailResponse::from(detail)))
}

/// Fields left out keep their value; `null` clears an optional one.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateAgencyRequest {
    name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    name_en: Option<Option<String>>,
    kind: Option<String>,
    admin_unit_code: Option<String>,
    #[serde(default, deserialize_with = "present")]
    parent_id: Option<Option<String>>,
    head_title: Option<String>,
    #[serde(default, deserialize_with = "present")]
    email: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    address: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    valid_from: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "present")]
    valid_to: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "present")]
    successor_id: Option<Option<String>>,
}

fn set<T>(target: &mut T, value: Option<T>) {
    if let Some(value) = value {
        *target = value;
    }
}

pub async fn update_agency(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<UpdateAgencyRequest>,
) -> Result<web::Json<crate::http::reference::agencies::AgencyDetailResponse>, ApiError> {
    signed_in.may(&Action::ManageReferenceData)?;
    let uuid = uuid::Uuid::parse_str(&id)
        .map_err(|_| ApiError::NotFound(format!("no agency has the id {:?}", id.as_str())))?;
    let b = body.0;
    let (actor, now) = (signed_in.0.user.id, context.now());
    let detail = with_connection(&context.pool, move |c| {
        reference_editing::update_agency(
            c,
            &actor,
            &uuid.to_string(),
            |f| {
                set(&mut f.name, b.name);
                set(&mut f.name_en, b.name_en);
                set(&mut f.kind, b.kind);
                set(&mut f.admin_unit_code, b.admin_unit_code);
                set(&mut f.parent_id, b.parent_id);
                set(&mut f.head_title, b.head_title);
                set(&mut f.email, b.email);
                set(&mut f.phone, b.phone);
                set(&mut f.address, b.address);
                set(&mut f.valid_from, b.valid_from);
                set(&mut f.valid_to, b.valid_to);
                set(&mut f.successor_id, b.successor_id);
            },
            now,
        )?;
        crate::service::reference::agencies::find(c, uuid)
    })
    .await?;
    Ok(web::Json(detail.into()))
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
    #[serde(default)]
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
    let (actor, now, code) = (signed_in.0.user.id, context.now(), b.code);
    let row =
        with_connection(&context.pool, move |c| reference_editing::create_category(c, &actor, &code, fields, now))
            .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/categories/{}", row.code)))
        .json(crate::http::reference::categories::CategoryResponse::from(row)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateCategoryRequest {
    name_vi: Option<String>,
    name_en: Option<String>,
    description_vi: Option<String>,
    description_en: Option<String>,
    priority: Option<bool>,
    sort_order: Option<i32>,
    active: Option<bool>,
}

pub async fn update_category(
    context: web::Data<Context>,
    signed_in: SignedIn,
    code: web::Path<String>,
    body: JsonBody<UpdateCategoryRequest>,
) -> Result<web::Json<crate::http::reference::categories::CategoryResponse>, ApiError> {
    signed_in.may(&Action::ManageReferenceData)?;
    let code = code.into_inner();
    if !crate::domain::category::is_valid_category_code(&code) {
        return Err(ApiError::NotFound(format!("no category has the code {code:?}")));
    }
    let b = body.0;
    let (actor, now) = (signed_in.0.user.id, context.now());
    let row = with_connection(&context.pool, move |c| {
        reference_editing::update_category(
            c,
            &actor,
            &code,
            |f| {
                set(&mut f.name_vi, b.name_vi);
                set(&mut f.name_en, b.name_en);
                set(&mut f.description_vi, b.description_vi);
                set(&mut f.description_en, b.description_en);
                set(&mut f.priority, b.priority);
                set(&mut f.sort_order, b.sort_order);
                set(&mut f.active, b.active);
            },
            now,
        )
    })
    .await?;
    Ok(web::Json(row.into()))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarDayRequest {
    kind: String,
    name_vi: String,
    name_en: String,
    source: String,
}

fn day_of(path: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(path, "%Y-%m-%d")
        .map_err(|_| ApiError::NotFound(format!("{path:?} is not a date YYYY-MM-DD")))
}

/// Lists a day (201) or replaces what the calendar said of it (200).
pub async fn put_holiday(
    context: web::Data<Context>,
    signed_in: SignedIn,
    date: web::Path<String>,
    body: JsonBody<CalendarDayRequest>,
) -> Result<HttpResponse, ApiError> {
    signed_in.may(&Action::ManageReferenceData)?;
    let day = day_of(&date)?;
    let b = body.0;
    let (actor, now) = (signed_in.0.user.id, context.now());
    let (row, created) = with_connection(&context.pool, move |c| {
        let entry = CalendarEntry { kind: b.kind, name_vi: b.name_vi, name_en: b.name_en, source: b.source };
        reference_editing::put_calendar_day(c, &actor, day, entry, now)
    })
    .await?;
    let body = crate::http::reference::holidays::CalendarDayResponse::from(row);
    Ok(if created { HttpResponse::Created().json(body) } else { HttpResponse::Ok().json(body) })
}

pub async fn delete_holiday(
    context: web::Data<Context>,
    signed_in: SignedIn,
    date: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    signed_in.may(&Action::ManageReferenceData)?;
    let day = day_of(&date)?;
    let (actor, now) = (signed_in.0.user.id, context.now());
    with_connection(&context.pool, move |c| reference_editing::delete_calendar_day(c, &actor, day, now)).await?;
    Ok(HttpResponse::NoContent().finish())
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
    request: actix_web::HttpRequest,
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
    let report = with_connection(&context.pool, move |c| admin_unit_import::import_csv(c, &text)).await?;
    Ok(web::Json(ImportResponse { inserted: report.inserted, updated: report.updated }))
}
