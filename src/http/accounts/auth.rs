//! `/api/v1/auth/*`: registering, verifying, accepting invitations, logging in and out, refreshing,
//! and resetting a forgotten password.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::personal_data::with_notice_shown;
use crate::http::signed_in::{SignedIn, client_address};
use crate::http::wire::not_null;
use crate::service::Context;
use crate::service::accounts::registration::{self, NewCitizen};
use crate::service::accounts::sessions::{self, Tokens};
use crate::service::accounts::{invitations, passwords};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    email: String,
    password: String,
    full_name: String,
    #[serde(default, deserialize_with = "not_null")]
    phone: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    language: Option<String>,
}

/// 202 whether or not the address already had an account: the e-mail tells its owner which.
pub async fn register(
    context: web::Data<Context>,
    request: HttpRequest,
    body: JsonBody<RegisterRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.0;
    let citizen = NewCitizen::check(
        &body.email,
        &body.password,
        &body.full_name,
        body.phone.as_deref(),
        body.language.as_deref(),
    )?;
    let notice = registration::register(&context, citizen, client_address(&request)).await?;
    let response = HttpResponse::Accepted().json(json!({
        "message": "check your mailbox: we sent a link to confirm your address"
    }));
    Ok(with_notice_shown(response, notice))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    token: String,
}

pub async fn verify_email(context: web::Data<Context>, body: JsonBody<TokenRequest>) -> Result<HttpResponse, ApiError> {
    registration::verify_email(&context, body.0.token).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailRequest {
    email: String,
}

pub async fn resend_verification(
    context: web::Data<Context>,
    request: HttpRequest,
    body: JsonBody<EmailRequest>,
) -> Result<HttpResponse, ApiError> {
    registration::resend_verification(&context, body.0.email, client_address(&request)).await?;
    Ok(HttpResponse::Accepted()
        .json(json!({ "message": "if the address awaits confirmation, a new link is on its way" })))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitationRequest {
    token: String,
    password: String,
}

pub async fn accept_invitation(
    context: web::Data<Context>,
    body: JsonBody<AcceptInvitationRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.0;
    let notice = invitations::accept(&context, body.token, body.password).await?;
    Ok(with_notice_shown(HttpResponse::NoContent().finish(), notice))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    email: String,
    password: String,
}

#[derive(Debug, Serialize)]
pub struct TokenResponse {
    access_token: String,
    refresh_token: String,
    token_type: &'static str,
    expires_in: i64,
}

impl From<Tokens> for TokenResponse {
    fn from(tokens: Tokens) -> Self {
        TokenResponse {
            access_token: tokens.access_token,
            refresh_token: tokens.refresh_token,
            token_type: "Bearer",
            expires_in: tokens.expires_in,
        }
    }
}

fn no_store(tokens: Tokens) -> HttpResponse {
    HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(TokenResponse::from(tokens))
}

pub async fn login(
    context: web::Data<Context>,
    request: HttpRequest,
    body: JsonBody<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.0;
    if body.password.chars().count() > crate::domain::account::PASSWORD_MAX_CHARS {
        // No stored password is longer; refusing early keeps hashing cost bounded.
        return Err(ApiError::Unauthorized("the e-mail address or the password is wrong".into()));
    }
    let tokens = sessions::login(&context, body.email, body.password, client_address(&request)).await?;
    Ok(no_store(tokens))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    refresh_token: String,
}

pub async fn refresh(context: web::Data<Context>, body: JsonBody<RefreshRequest>) -> Result<HttpResponse, ApiError> {
    let tokens = sessions::refresh(&context, body.0.refresh_token).await?;
    Ok(no_store(tokens))
}

/// Ends the session of the access token presented.
pub async fn logout(context: web::Data<Context>, signed_in: SignedIn) -> Result<HttpResponse, ApiError> {
    sessions::logout(&context, signed_in.into_parts().1).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Always 202: the answer must not tell which addresses have accounts.
pub async fn request_password_reset(
    context: web::Data<Context>,
    request: HttpRequest,
    body: JsonBody<EmailRequest>,
) -> Result<HttpResponse, ApiError> {
    passwords::request_reset(&context, body.0.email, client_address(&request)).await?;
    Ok(HttpResponse::Accepted().json(json!({ "message": "if the address has an account, a reset link is on its way" })))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResetConfirmation {
    token: String,
    new_password: String,
}

pub async fn confirm_password_reset(
    context: web::Data<Context>,
    body: JsonBody<ResetConfirmation>,
) -> Result<HttpResponse, ApiError> {
    let body = body.0;
    passwords::confirm_reset(&context, body.token, body.new_password).await?;
    Ok(HttpResponse::NoContent().finish())
}
