//! `/api/v1/me`: one's own account, profile and password.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::account::{Language, Role, User};
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::authorization::Action;
use crate::domain::ids::{AgencyId, UserId};
use crate::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::signed_in::SignedIn;
use crate::http::wire::{not_null, present, vietnam_time};
use crate::service::Context;
use crate::service::accounts::passwords;
use crate::service::accounts::profile::{self, ProfileUpdate};

#[derive(Debug, Serialize)]
pub struct MeResponse {
    id: UserId,
    email: String,
    full_name: String,
    phone: Option<String>,
    role: Role,
    agency_id: Option<AgencyId>,
    scope_admin_unit: Option<AdminUnitCode>,
    language: Language,
    email_verified: bool,
    created_at: DateTime<FixedOffset>,
}

impl From<User> for MeResponse {
    fn from(user: User) -> Self {
        MeResponse {
            id: user.id,
            email: user.email.to_string(),
            full_name: user.full_name,
            phone: user.phone,
            role: user.role,
            agency_id: user.agency_id,
            scope_admin_unit: user.scope_admin_unit,
            language: user.language,
            email_verified: user.email_verified_at.is_some(),
            created_at: vietnam_time(user.created_at),
        }
    }
}

pub async fn get_me(signed_in: SignedIn) -> Result<web::Json<MeResponse>, ApiError> {
    signed_in.may(&Action::ManageOwnAccount)?;
    Ok(web::Json(signed_in.user().clone().into()))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateMeRequest {
    #[serde(default, deserialize_with = "not_null")]
    full_name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    phone: Option<Option<String>>,
    #[serde(default, deserialize_with = "not_null")]
    language: Option<String>,
}

pub async fn update_me(
    context: web::Data<Context>,
    signed_in: SignedIn,
    body: JsonBody<UpdateMeRequest>,
) -> Result<web::Json<MeResponse>, ApiError> {
    signed_in.may(&Action::ManageOwnAccount)?;
    let b = body.0;
    let update =
        ProfileUpdate::check(b.full_name.as_deref(), b.phone.as_ref().map(|p| p.as_deref()), b.language.as_deref())?;
    let user = profile::update(&context, signed_in.actor().user_id.clone(), update).await?;
    Ok(web::Json(user.into()))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    current_password: String,
    new_password: String,
}

/// Changes the password and ends every other session; this one stays signed in.
pub async fn change_password(
    context: web::Data<Context>,
    signed_in: SignedIn,
    body: JsonBody<ChangePasswordRequest>,
) -> Result<HttpResponse, ApiError> {
    signed_in.may(&Action::ManageOwnAccount)?;
    let b = body.0;
    let (user, session_id) = signed_in.into_parts();
    passwords::change(&context, user, session_id, b.current_password, b.new_password).await?;
    Ok(HttpResponse::NoContent().finish())
}
