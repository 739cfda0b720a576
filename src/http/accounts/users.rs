//! `/api/v1/admin/users`: administrators invite users, read and list them, change where they work
//! and disable or enable their accounts.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::me::MeResponse;
use crate::domain::account::{HeadTerm, Role, User};
use crate::domain::authorization::Action;
use crate::domain::ids::{AgencyId, UserId};
use crate::error::ApiError;
use crate::http::extract::{JsonBody, QueryCheck, id_in_path};
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, not_null, present, vietnam_time};
use crate::service::Context;
use crate::service::accounts::invitations::{self, Invitation};
use crate::service::accounts::users::{self, UserChange, UserQuery};

/// What the user sees of their own account (`/me`), and what administrators see besides.
#[derive(Debug, Serialize)]
pub struct UserResponse {
    #[serde(flatten)]
    profile: MeResponse,
    /// False until an invited user has set a password.
    password_set: bool,
    /// An officer who may unseal the confidential identities of petitions their agency handles.
    reception_officer: bool,
    disabled: bool,
    updated_at: DateTime<FixedOffset>,
}

impl From<User> for UserResponse {
    fn from(user: User) -> Self {
        UserResponse {
            password_set: user.password_hash.is_some(),
            reception_officer: user.reception_officer,
            disabled: user.disabled_at.is_some(),
            updated_at: vietnam_time(user.updated_at),
            profile: MeResponse::from(user),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct HeadTermResponse {
    agency_id: AgencyId,
    started_at: DateTime<FixedOffset>,
    ended_at: Option<DateTime<FixedOffset>>,
}

impl From<HeadTerm> for HeadTermResponse {
    fn from(term: HeadTerm) -> Self {
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
    #[serde(default, deserialize_with = "not_null")]
    agency_id: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    scope_admin_unit: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    language: Option<String>,
}

pub async fn invite_user(
    context: web::Data<Context>,
    signed_in: SignedIn,
    body: JsonBody<InviteRequest>,
) -> Result<HttpResponse, ApiError> {
    signed_in.may(&Action::ManageUsers)?;
    let b = body.0;
    let invitation = Invitation {
        email: b.email,
        full_name: b.full_name,
        role: b.role,
        agency_id: b.agency_id,
        scope_admin_unit: b.scope_admin_unit,
        language: b.language,
    };
    let user = invitations::invite(&context, signed_in.actor().user_id.clone(), invitation).await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/admin/users/{}", user.id)))
        .json(UserResponse::from(user)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
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
    let query = UserQuery {
        role: check.optional("role", params.role.as_deref(), str::parse::<Role>),
        agency_id: check.optional("agency_id", params.agency_id.as_deref(), AgencyId::parse),
        email_prefix: check.optional("email", params.email.as_deref(), |t| {
            let prefix = t.trim().to_lowercase();
            if prefix.is_empty()
                || prefix.len() > 254
                || prefix.contains(['%', '_', '\\'])
                || crate::domain::text::has_forbidden_characters(&prefix, false)
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
    let page = context.run(move |c, _| users::list(c, query, size, cursor.as_ref())).await?;
    Ok(web::Json(ListResponse::from_page(page, UserResponse::from)))
}

pub async fn get_user(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<UserDetailResponse>, ApiError> {
    signed_in.may(&Action::ManageUsers)?;
    let id: UserId = id_in_path(&id, "user")?;
    let (reader, now) = (signed_in.actor().clone(), context.now());
    let (user, terms) = context.run(move |c, _| users::find(c, &reader, &id, now)).await?;
    Ok(web::Json(UserDetailResponse { user: user.into(), head_terms: terms.into_iter().map(Into::into).collect() }))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    #[serde(default, deserialize_with = "not_null")]
    role: Option<String>,
    #[serde(default, deserialize_with = "present")]
    agency_id: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    scope_admin_unit: Option<Option<String>>,
    #[serde(default, deserialize_with = "not_null")]
    reception_officer: Option<bool>,
    #[serde(default, deserialize_with = "not_null")]
    disabled: Option<bool>,
}

pub async fn update_user(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<UpdateUserRequest>,
) -> Result<web::Json<UserResponse>, ApiError> {
    signed_in.may(&Action::ManageUsers)?;
    let id: UserId = id_in_path(&id, "user")?;
    let b = body.0;
    let change = UserChange {
        role: b.role,
        agency_id: b.agency_id,
        scope_admin_unit: b.scope_admin_unit,
        reception_officer: b.reception_officer,
        disabled: b.disabled,
    };
    let user = users::update(&context, signed_in.actor().user_id.clone(), id, change).await?;
    Ok(web::Json(user.into()))
}
