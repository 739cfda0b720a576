//! Citizens' own accounts: registering, verifying the e-mail address, accepting an invitation,
//! and reading or changing one's profile.

use crate::db;
use chrono::{NaiveDateTime, TimeDelta};
use serde_json::json;

use crate::db::users::{self, NewUserRow, ProfileChange, UserRow};
use crate::db::{DbConnection, one_time_tokens};
use crate::domain::FieldError;
use crate::domain::account::{self, Email, Language};
use crate::mail::templates;
use crate::security::tokens;
use crate::service::{Context, ServiceError, ServiceResult, events, outbox, throttle, with_connection};

/// E-mailed tokens for verification and invitations live a day.
pub const LINK_LIFETIME: TimeDelta = TimeDelta::hours(24);

crate::text_enum! {
    pub enum TokenPurpose {
        VerifyEmail => "verify_email",
        Invitation => "invitation",
        PasswordReset => "password_reset",
    }
}

/// A registration that passed every check.
#[derive(Debug, Clone)]
pub struct NewCitizen {
    pub email: Email,
    pub password: String,
    pub full_name: String,
    pub phone: Option<String>,
    pub language: Language,
}

impl NewCitizen {
    pub fn check(
        email: &str,
        password: &str,
        full_name: &str,
        phone: Option<&str>,
        language: Option<&str>,
    ) -> Result<Self, ServiceError> {
        let mut errors = Vec::new();
        let email = Email::parse(email).map_err(|m| errors.push(FieldError::new("email", m))).ok();
        if let Err(message) = account::check_new_password(password, email.as_ref()) {
            errors.push(FieldError::new("password", message));
        }
        let full_name =
            account::check_full_name(full_name).map_err(|m| errors.push(FieldError::new("full_name", m))).ok();
        let phone = phone
            .map(account::check_phone)
            .transpose()
            .map_err(|m| errors.push(FieldError::new("phone", m)))
            .ok()
            .flatten();
        let language = match language {
            Some(text) => {
                text.parse::<Language>().map_err(|e| errors.push(FieldError::new("language", e.to_string()))).ok()
            }
            None => Some(Language::Vietnamese),
        };
        match (email, full_name, language) {
            (Some(email), Some(full_name), Some(language)) if errors.is_empty() => {
                Ok(NewCitizen { email, password: password.to_string(), full_name, phone, language })
            }
            _ => Err(ServiceError::Invalid(errors)),
        }
    }
}

/// Creates a citizen account awaiting verification and e-mails the link. An address already
/// registered gets a notice instead, and the caller answers the same either way, so registration
/// does not reveal which addresses have accounts.
pub async fn register(context: &Context, citizen: NewCitizen, client_address: String) -> ServiceResult<()> {
    let now = context.now();
    let address_key = throttle::address_key("mail-request", &client_address);
    with_connection(&context.pool, move |c| throttle::hit(c, &address_key, throttle::MAIL_REQUESTS_PER_ADDRESS, now))
        .await?;
    let password_hash = context.hasher.hash(citizen.password.clone()).await.map_err(anyhow::Error::new)?;
    let context = context.clone();
    with_connection(&context.pool.clone(), move |c| {
        db::transaction(c, |c| {
            if let Some(existing) = users::find_by_email(c, citizen.email.as_str())? {
                let language = existing.language.parse().unwrap_or(Language::Vietnamese);
                let reset_link = format!("{}/auth/forgot-password", context.settings.public_base_url);
                let content = templates::already_registered(language, &existing.full_name, &reset_link);
                outbox::enqueue(c, &existing.email, Some(&existing.full_name), &content, now)?;
                return Ok(());
            }
            let id = uuid::Uuid::new_v4().to_string();
            users::insert(
                c,
                &NewUserRow {
                    id: &id,
                    email: citizen.email.as_str(),
                    full_name: &citizen.full_name,
                    phone: citizen.phone.as_deref(),
                    role: account::Role::Citizen.as_str(),
                    agency_id: None,
                    scope_admin_unit_code: None,
                    language: citizen.language.as_str(),
                    password_hash: Some(&password_hash),
                    email_verified_at: None,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            let token = issue_token(c, &id, TokenPurpose::VerifyEmail, now + LINK_LIFETIME, now)?;
            let content = templates::verify_email(
                citizen.language,
                &citizen.full_name,
                &context.link("/auth/verify-email", &token),
            );
            outbox::enqueue(c, citizen.email.as_str(), Some(&citizen.full_name), &content, now)?;
            events::record(c, Some(&id), "user.registered", ("user", &id), json!({ "role": "citizen" }), now)
        })
    })
    .await
}

/// Creates a one-time token and returns the secret to put in the link.
pub fn issue_token(
    connection: &mut DbConnection,
    user_id: &str,
    purpose: TokenPurpose,
    expires_at: NaiveDateTime,
    now: NaiveDateTime,
) -> ServiceResult<String> {
    let secret = tokens::new_secret();
    one_time_tokens::insert(connection, &tokens::hash_secret(&secret), user_id, purpose.as_str(), expires_at, now)?;
    Ok(secret)
}

/// Uses a one-time token of `purpose`: it must exist, be unused and unexpired. Returns its user.
/// Single use holds under concurrency: the second of two simultaneous uses finds it used.
pub fn use_token(
    connection: &mut DbConnection,
    secret: &str,
    purpose: TokenPurpose,
    now: NaiveDateTime,
) -> ServiceResult<UserRow> {
    if !tokens::looks_like_secret(secret) {
        return Err(ServiceError::InvalidToken);
    }
    let hash = tokens::hash_secret(secret);
    let token = one_time_tokens::find(connection, &hash)?.ok_or(ServiceError::InvalidToken)?;
    if token.purpose != purpose.as_str() || token.used_at.is_some() || token.expires_at <= now {
        return Err(ServiceError::InvalidToken);
    }
    if one_time_tokens::mark_used(connection, &hash, now)? == 0 {
        return Err(ServiceError::InvalidToken);
    }
    let user = users::find(connection, &token.user_id)?.ok_or(ServiceError::InvalidToken)?;
    if user.disabled_at.is_some() {
        return Err(ServiceError::InvalidToken);
    }
    Ok(user)
}

pub async fn verify_email(context: &Context, secret: String) -> ServiceResult<()> {
    let now = context.now();
    with_connection(&context.pool, move |c| {
        db::transaction(c, |c| {
            let user = use_token(c, &secret, TokenPurpose::VerifyEmail, now)?;
            users::mark_email_verified(c, &user.id, now)?;
            events::record(c, Some(&user.id), "user.email_verified", ("user", &user.id), json!({}), now)
        })
    })
    .await
}

/// A one-time link that people ask to be e-mailed (verification again, password reset).
pub struct LinkRequest {
    pub purpose: TokenPurpose,
    pub lifetime: TimeDelta,
    /// The front-end page that takes the token.
    pub page: &'static str,
    /// Whether the account at the address may get this link.
    pub eligible: fn(&UserRow) -> bool,
    pub content: fn(Language, &str, &str) -> templates::EmailContent,
}

/// E-mails a fresh link (voiding older ones) when the address has an eligible account, and does
/// nothing otherwise: the caller answers the same either way, so addresses stay private.
/// Throttled per client address (429) and per account (silently: its owner is not flooded).
pub async fn email_link(
    context: &Context,
    email: String,
    client_address: String,
    request: LinkRequest,
) -> ServiceResult<()> {
    let now = context.now();
    let context = context.clone();
    with_connection(&context.pool.clone(), move |c| {
        let address_key = throttle::address_key("mail-request", &client_address);
        throttle::hit(c, &address_key, throttle::MAIL_REQUESTS_PER_ADDRESS, now)?;
        let Ok(email) = Email::parse(&email) else { return Ok(()) };
        db::transaction(c, |c| {
            let Some(user) = users::find_by_email(c, email.as_str())? else { return Ok(()) };
            if !(request.eligible)(&user) {
                return Ok(());
            }
            let account_key = throttle::account_key(&format!("{}:{}", request.purpose, user.email));
            if throttle::hit(c, &account_key, throttle::RESETS_PER_ACCOUNT, now).is_err() {
                return Ok(());
            }
            one_time_tokens::void_unused(c, &user.id, request.purpose.as_str(), now)?;
            let token = issue_token(c, &user.id, request.purpose, now + request.lifetime, now)?;
            let language = user.language.parse().unwrap_or(Language::Vietnamese);
            let content = (request.content)(language, &user.full_name, &context.link(request.page, &token));
            outbox::enqueue(c, &user.email, Some(&user.full_name), &content, now)?;
            let kind = format!("user.{}_link_sent", request.purpose);
            events::record(c, None, &kind, ("user", &user.id), json!({}), now)
        })
    })
    .await
}

/// Sends a fresh verification link to an unverified account; answers the same for any address.
pub async fn resend_verification(context: &Context, email: String, client_address: String) -> ServiceResult<()> {
    let request = LinkRequest {
        purpose: TokenPurpose::VerifyEmail,
        lifetime: LINK_LIFETIME,
        page: "/auth/verify-email",
        eligible: |user| user.email_verified_at.is_none() && user.disabled_at.is_none() && user.password_hash.is_some(),
        content: templates::verify_email,
    };
    email_link(context, email, client_address, request).await
}

/// An invited user sets their password; the link proves their address too.
pub async fn accept_invitation(context: &Context, secret: String, password: String) -> ServiceResult<()> {
    let now = context.now();
    // The token is checked before the expensive hash, and used only once the hash is ready.
    let pool = context.pool.clone();
    let probe = secret.clone();
    let user = with_connection(&pool, move |c| peek_token(c, &probe, TokenPurpose::Invitation, now)).await?;
    let email = Email::parse(&user.email).ok();
    account::check_new_password(&password, email.as_ref()).map_err(|m| ServiceError::invalid("password", m))?;
    let hash = context.hasher.hash(password).await.map_err(anyhow::Error::new)?;
    with_connection(&pool, move |c| {
        db::transaction(c, |c| {
            let user = use_token(c, &secret, TokenPurpose::Invitation, now)?;
            users::set_password(c, &user.id, &hash, now)?;
            users::mark_email_verified(c, &user.id, now)?;
            events::record(c, Some(&user.id), "user.invitation_accepted", ("user", &user.id), json!({}), now)
        })
    })
    .await
}

/// Checks a token without using it.
pub fn peek_token(
    connection: &mut DbConnection,
    secret: &str,
    purpose: TokenPurpose,
    now: NaiveDateTime,
) -> ServiceResult<UserRow> {
    if !tokens::looks_like_secret(secret) {
        return Err(ServiceError::InvalidToken);
    }
    let token = one_time_tokens::find(connection, &tokens::hash_secret(secret))?.ok_or(ServiceError::InvalidToken)?;
    if token.purpose != purpose.as_str() || token.used_at.is_some() || token.expires_at <= now {
        return Err(ServiceError::InvalidToken);
    }
    users::find(connection, &token.user_id)?.filter(|user| user.disabled_at.is_none()).ok_or(ServiceError::InvalidToken)
}

/// Changes to one's own profile, already parsed.
#[derive(Debug, Clone, Default)]
pub struct ProfileUpdate {
    pub full_name: Option<String>,
    pub phone: Option<Option<String>>,
    pub language: Option<Language>,
}

impl ProfileUpdate {
    pub fn check(full_name: Option<&str>, phone: Option<Option<&str>>, language: Option<&str>) -> ServiceResult<Self> {
        let mut errors = Vec::new();
        let full_name = full_name
            .map(account::check_full_name)
            .transpose()
            .map_err(|m| errors.push(FieldError::new("full_name", m)))
            .ok()
            .flatten();
        let phone = match phone {
            Some(Some(text)) => account::check_phone(text)
                .map(|p| Some(Some(p)))
                .map_err(|m| errors.push(FieldError::new("phone", m)))
                .ok()
                .flatten(),
            Some(None) => Some(None),
            None => None,
        };
        let language = language
            .map(|text| text.parse::<Language>())
            .transpose()
            .map_err(|e| errors.push(FieldError::new("language", e.to_string())))
            .ok()
            .flatten();
        if errors.is_empty() {
            Ok(ProfileUpdate { full_name, phone, language })
        } else {
            Err(ServiceError::Invalid(errors))
        }
    }
}

pub async fn update_profile(context: &Context, user_id: String, update: ProfileUpdate) -> ServiceResult<UserRow> {
    let now = context.now();
    with_connection(&context.pool, move |c| {
        db::transaction(c, |c| {
            let change = ProfileChange {
                full_name: update.full_name.as_deref(),
                phone: update.phone.as_ref().map(|p| p.as_deref()),
                language: update.language.map(Language::as_str),
                updated_at: now,
            };
            users::update_profile(c, &user_id, &change)?;
            events::record(c, Some(&user_id), "user.profile_updated", ("user", &user_id), json!({}), now)?;
            users::find(c, &user_id)?.ok_or_else(|| ServiceError::NotFound("no such user".into()))
        })
    })
    .await
}
