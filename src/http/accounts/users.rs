//! `/api/v1/admin/users`: administrators invite and manage users; `/api/v1/agencies/{id}/staff`
//! lets an agency's own staff see who they can delegate to.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::db::users::{HeadTermRow, UserFilter, UserRow};
use crate::domain::account::Role;
use crate::domain::authorization::Action;
use crate::error::ApiError;
use crate::http::accounts::me::MeResponse;
use crate::http::extract::{JsonBody, QueryCheck};
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, present, vietnam_time};
use crate::service::accounts::users::{self, Invitation, UserChange};
use crate::service::{Context, with_connection};

/// What the user sees of their own account (`/me`), and what administrators see besides.
#[derive(Debug, Serialize)]
pub struct UserResponse {
    #[serde(flatten)]
    profile: MeResponse,
    /// False until an invited user has set a password.
    password_set: bool,
    disabled: bool,
    updated_at: DateTime<FixedOffset>,
}

impl From<UserRow> for UserResponse {
    fn from(user: UserRow) -> Self {
        UserResponse {
            password_set: user.password_hash.is_some(),
            disabled: user.disabled_at.is_some(),
            updated_at: vietnam_time(user.updated_at),
            profile: MeResponse::from(user),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct HeadTermResponse {
    agency_id: String,
    started_at: DateTime<FixedOffset>,
    ended_at: Option<DateTime<FixedOffset>>,
}

impl From<HeadTermRow> for HeadTermResponse {
    fn from(term: HeadTermRow) -> Self {
        HeadTermResponse {
            agency_id: term.agency_id,
            started_at: vietnam_time(term.started_at),
            ended_at: term.ended_at.map(vietnam_time),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct UserDetailResponse {
    #[serde(flatten)]
    user: UserResponse,
    head_terms: Vec<HeadTermResponse>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InviteRequest {
    email: String,
    full_name: String,
    role: String,
    agency_id: Option<String>,
    scope_admin_unit: Option<String>,
    language: Option<String>,
}

pub async fn invite_user(
    context: web::Data<Context>,
    signed_in: SignedIn,
    body: JsonBody<InviteRequest>,
) -> Result<HttpResponse, ApiError> {
    signed_in.may(&Action::ManageUsers)?;
    let body = body.0;
    let invitation = Invitation {
        email: body.email,
        full_name: body.full_name,
        role: body.role,
        agency_id: body.agency_id,
        scope_admin_unit: body.scope_admin_unit,
        language: body.language,
    };
    let user = users::invite(&context, signed_in.0.user.id, invitation).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/admin/users/{}", user.id)))
        .json(UserResponse::from(user)))
}

#[derive(Debug, Deserialize)]
pub struct ListParams {
    role: Option<String>,
    agency_id: Option<String>,
    email: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

pub async fn list_users(
    context: web::Data<Context>,
    signed_in: SignedIn,
    params: web::Query<ListParams>,
) -> Result<web::Json<ListResponse<UserResponse>>, ApiError> {
    signed_in.may(&Action::ManageUsers)?;
    let mut check = QueryCheck::default();
    let filter = UserFilter {
        role: check.optional("role", params.role.as_deref(), |t| t.parse::<Role>().map(|r| r.as_str().to_string())),
        agency_id: check.optional("agency_id", params.agency_id.as_deref(), |t| {
            uuid::Uuid::parse_str(t).map(|id| id.to_string()).map_err(|_| "must be an agency id (a UUID)")
        }),
        email_prefix: check.optional("email", params.email.as_deref(), |t| {
            let prefix = t.trim().to_lowercase();
            if prefix.is_empty()
                || prefix.len() > 254
                || prefix.contains(['%', '_', '\\'])
                || prefix.chars().any(char::is_control)
            {
                Err("must be the start of an e-mail address")
            } else {
                Ok(prefix)
            }
        }),
    };
    let size = check.page_size(params.limit.as_deref());
    let cursor = check.cursor(params.cursor.as_deref());
    check.finish()?;
    let page = with_connection(&context.pool, move |c| users::list(c, &filter, size, cursor.as_ref())).await?;
    Ok(web::Json(ListResponse::from_page(page, UserResponse::from)))
}

fn user_id(path: &str) -> Result<String, ApiError> {
    uuid::Uuid::parse_str(path)
        .map(|id| id.to_string())
        .map_err(|_| ApiError::NotFound(format!("no user has the id {path:?}")))
}

pub async fn get_user(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<UserDetailResponse>, ApiError> {
    signed_in.may(&Action::ManageUsers)?;
    let id = user_id(&id)?;
    let (user, terms) = with_connection(&context.pool, move |c| users::find(c, &id)).await?;
    Ok(web::Json(UserDetailResponse { user: user.into(), head_terms: terms.into_iter().map(Into::into).collect() }))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    role: Option<String>,
    #[serde(default, deserialize_with = "present")]
    agency_id: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    scope_admin_unit: Option<Option<String>>,
    disabled: Option<bool>,
}

pub async fn update_user(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<UpdateUserRequest>,
) -> Result<web::Json<UserResponse>, ApiError> {
    signed_in.may(&Action::ManageUsers)?;
    let id = user_id(&id)?;
    let body = body.0;
    let change = UserChange {
        role: body.role,
        agency_id: body.agency_id,
        scope_admin_unit: body.scope_admin_unit,
        disabled: body.disabled,
    };
    let user = users::update(&context, signed_in.0.user.id, id, change).await?;
    Ok(web::Json(user.into()))
}

/// A colleague as their agency sees them: no phone, no account state.
#[derive(Debug, Serialize)]
pub struct StaffMemberResponse {
    id: String,
    full_name: String,
    email: String,
    role: String,
}

pub async fn list_agency_staff(
    context: web::Data<Context>,
    signed_in: SignedIn,
    agency_id: web::Path<String>,
) -> Result<web::Json<ListResponse<StaffMemberResponse>>, ApiError> {
    let agency_uuid = uuid::Uuid::parse_str(&agency_id)
        .map_err(|_| ApiError::NotFound(format!("no agency has the id {:?}", agency_id.as_str())))?;
    let agency_id = agency_uuid.to_string();
    signed_in.may(&Action::ListAgencyStaff { agency_id: &agency_id })?;
    let filter = UserFilter { agency_id: Some(agency_id), ..UserFilter::default() };
    let staff = with_connection(&context.pool, move |c| {
        crate::service::reference::agencies::find(c, agency_uuid)?;
        Ok(crate::db::users::list(c, &filter, None, 1000)?)
    })
    .await?;
    let items = staff
        .into_iter()
        .filter(|user| user.disabled_at.is_none())
        .map(|user| StaffMemberResponse { id: user.id, full_name: user.full_name, email: user.email, role: user.role })
        .collect();
    Ok(web::Json(ListResponse::complete(items)))
}
