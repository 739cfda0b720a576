//! `/api/v1/me`: one's own account.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::db::users::UserRow;
use crate::domain::authorization::Action;
use crate::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::signed_in::SignedIn;
use crate::http::wire::{present, vietnam_time};
use crate::service::accounts::registration::{self as accounts, ProfileUpdate};
use crate::service::{Context, accounts::passwords};

#[derive(Debug, Serialize)]
pub struct MeResponse {
    id: String,
    email: String,
    full_name: String,
    phone: Option<String>,
    role: String,
    agency_id: Option<String>,
    scope_admin_unit: Option<String>,
    language: String,
    email_verified: bool,
    created_at: DateTime<FixedOffset>,
}

impl From<UserRow> for MeResponse {
    fn from(user: UserRow) -> Self {
        MeResponse {
            id: user.id,
            email: user.email,
            full_name: user.full_name,
            phone: user.phone,
            role: user.role,
            agency_id: user.agency_id,
            scope_admin_unit: user.scope_admin_unit_code,
            language: user.language,
            email_verified: user.email_verified_at.is_some(),
            created_at: vietnam_time(user.created_at),
        }
    }
}

pub async fn get_me(signed_in: SignedIn) -> Result<web::Json<MeResponse>, ApiError> {
    signed_in.may(&Action::ManageOwnAccount)?;
    Ok(web::Json(signed_in.0.user.into()))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateMeRequest {
    full_name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    phone: Option<Option<String>>,
    language: Option<String>,
}

pub async fn update_me(
    context: web::Data<Context>,
    signed_in: SignedIn,
    body: JsonBody<UpdateMeRequest>,
) -> Result<web::Json<MeResponse>, ApiError> {
    signed_in.may(&Action::ManageOwnAccount)?;
    let body = body.0;
    let update = ProfileUpdate::check(
        body.full_name.as_deref(),
        body.phone.as_ref().map(|p| p.as_deref()),
        body.language.as_deref(),
    )?;
    let user = accounts::update_profile(&context, signed_in.0.user.id, update).await?;
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
    let body = body.0;
    let authenticated = signed_in.0;
    passwords::change(&context, authenticated.user, authenticated.session_id, body.current_password, body.new_password)
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
