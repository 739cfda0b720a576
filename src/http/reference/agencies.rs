//! `/api/v1/agencies`: agencies in force on any day, administrators creating and editing them,
//! an agency's staff (for its own staff to delegate to) and its dashboard.

use std::collections::BTreeMap;

use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::account::{Role, User};
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::agency::{Agency, AgencyKind};
use crate::domain::authorization::Action;
use crate::domain::ids::{AgencyId, UserId};
use crate::error::ApiError;
use crate::http::extract::{JsonBody, QueryCheck, id_in_path};
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, not_null, present, set};
use crate::service::Context;
use crate::service::accounts::users;
use crate::service::handling::dashboard::{self, Dashboard};
use crate::service::reference::agencies::{self, AgencyDetail, AgencyFields, AgencyQuery};

#[derive(Debug, Serialize)]
pub struct AgencyResponse {
    id: AgencyId,
    code: String,
    name: String,
    name_en: Option<String>,
    kind: AgencyKind,
    admin_unit_code: AdminUnitCode,
    parent_id: Option<AgencyId>,
    /// The title of the head who answers for the agency; never a personal contact.
    head_title: String,
    email: Option<String>,
    phone: Option<String>,
    address: Option<String>,
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
    successor_id: Option<AgencyId>,
}

impl From<Agency> for AgencyResponse {
    fn from(agency: Agency) -> Self {
        AgencyResponse {
            id: agency.id,
            code: agency.code.to_string(),
            name: agency.name,
            name_en: agency.name_en,
            kind: agency.kind,
            admin_unit_code: agency.admin_unit_code,
            parent_id: agency.parent_id,
            head_title: agency.head_title,
            email: agency.email,
            phone: agency.phone,
            address: agency.address,
            valid_from: agency.validity.from,
            valid_to: agency.validity.to,
            successor_id: agency.successor_id,
        }
    }
}

/// Another agency named from this one (its parent, its successor).
#[derive(Debug, Serialize)]
pub struct AgencyReference {
    id: AgencyId,
    code: String,
    name: String,
}

impl From<Agency> for AgencyReference {
    fn from(agency: Agency) -> Self {
        AgencyReference { id: agency.id, code: agency.code.to_string(), name: agency.name }
    }
}

#[derive(Debug, Serialize)]
pub struct AgencyDetailResponse {
    #[serde(flatten)]
    agency: AgencyResponse,
    parent: Option<AgencyReference>,
    successor: Option<AgencyReference>,
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    kind: Option<String>,
    admin_unit: Option<String>,
    parent_id: Option<String>,
    valid_on: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

/// Agencies in force today unless `valid_on` names another day; `valid_on=any` lists all.
pub async fn list_agencies(
    context: web::Data<Context>,
    params: web::Query<ListParams>,
) -> Result<web::Json<ListResponse<AgencyResponse>>, ApiError> {
    let mut check = QueryCheck::default();
    let query = AgencyQuery {
        kind: check.optional("kind", params.kind.as_deref(), str::parse::<AgencyKind>),
        admin_unit: check.optional("admin_unit", params.admin_unit.as_deref(), AdminUnitCode::parse),
        parent_id: check.optional("parent_id", params.parent_id.as_deref(), AgencyId::parse),
        valid_on: check.valid_on(params.valid_on.as_deref(), context.today()),
        size: check.page_size(params.limit.as_deref()),
        cursor: check.cursor(params.cursor.as_deref()),
    };
    check.finish()?;
    let page = context.run(move |c, _| agencies::list(c, &query)).await?;
    Ok(web::Json(ListResponse::from_page(page, AgencyResponse::from)))
}

pub async fn get_agency(
    context: web::Data<Context>,
    id: web::Path<String>,
) -> Result<web::Json<AgencyDetailResponse>, ApiError> {
    let id: AgencyId = id_in_path(&id, "agency")?;
    let detail = context.run(move |c, _| agencies::find(c, &id)).await?;
    Ok(web::Json(detail.into()))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateAgencyRequest {
    code: String,
    name: String,
    #[serde(default, deserialize_with = "not_null")]
    name_en: Option<String>,
    kind: String,
    admin_unit_code: String,
    #[serde(default, deserialize_with = "not_null")]
    parent_id: Option<String>,
    head_title: String,
    #[serde(default, deserialize_with = "not_null")]
    email: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    phone: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    address: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    valid_from: Option<NaiveDate>,
    #[serde(default, deserialize_with = "not_null")]
    valid_to: Option<NaiveDate>,
    #[serde(default, deserialize_with = "not_null")]
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
    let (actor, now) = (signed_in.actor().user_id.clone(), context.now());
    let detail = context.run_changing_reference(move |c, _| agencies::create(c, &actor, fields, now)).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/agencies/{}", detail.agency.id)))
        .json(AgencyDetailResponse::from(detail)))
}

/// Fields left out keep their value; `null` clears an optional one.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateAgencyRequest {
    #[serde(default, deserialize_with = "not_null")]
    name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    name_en: Option<Option<String>>,
    #[serde(default, deserialize_with = "not_null")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    admin_unit_code: Option<String>,
    #[serde(default, deserialize_with = "present")]
    parent_id: Option<Option<String>>,
    #[serde(default, deserialize_with = "not_null")]
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

pub async fn update_agency(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<UpdateAgencyRequest>,
) -> Result<web::Json<AgencyDetailResponse>, ApiError> {
    signed_in.may(&Action::ManageReferenceData)?;
    let id: AgencyId = id_in_path(&id, "agency")?;
    let b = body.0;
    let edit = move |f: &mut AgencyFields| {
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
    };
    let (actor, now) = (signed_in.actor().user_id.clone(), context.now());
    let detail = context.run_changing_reference(move |c, _| agencies::update(c, &actor, &id, edit, now)).await?;
    Ok(web::Json(detail.into()))
}

/// A colleague as their agency sees them: no phone, no account state.
#[derive(Debug, Serialize)]
pub struct StaffMemberResponse {
    id: UserId,
    full_name: String,
    email: String,
    role: Role,
}

impl From<User> for StaffMemberResponse {
    fn from(user: User) -> Self {
        StaffMemberResponse { id: user.id, full_name: user.full_name, email: user.email.to_string(), role: user.role }
    }
}

pub async fn list_agency_staff(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<ListResponse<StaffMemberResponse>>, ApiError> {
    let id: AgencyId = id_in_path(&id, "agency")?;
    signed_in.may(&Action::ListAgencyStaff { agency_id: &id })?;
    let staff = context
        .run(move |c, _| {
            agencies::find(c, &id)?;
            users::staff_of(c, &id)
        })
        .await?;
    Ok(web::Json(ListResponse::complete(staff.into_iter().map(Into::into).collect())))
}

#[derive(Debug, Serialize)]
pub struct DashboardResponse {
    agency_id: AgencyId,
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
        let by_status: BTreeMap<String, i64> =
            d.figures.by_status.into_iter().map(|(status, n)| (status.to_string(), n)).collect();
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
    // Unquoted, as the dashboard has always named an unknown agency.
    let id = AgencyId::parse(&id).map_err(|_| ApiError::NotFound(format!("no agency has the id {id}")))?;
    let actor = signed_in.actor().clone();
    let today = context.today();
    let dashboard = context.run(move |c, _| dashboard::dashboard(c, &actor, &id, today)).await?;
    Ok(web::Json(dashboard.into()))
}
