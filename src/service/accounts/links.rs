//! One-time links e-mailed to people: confirming an address, accepting an invitation, resetting a
//! password. The secret travels in the link; only its hash is kept, used once, and expires.

use chrono::{NaiveDateTime, TimeDelta};
use serde_json::json;

use crate::db::{self, DbConnection, one_time_tokens, users};
use crate::domain::account::{Email, Language, User};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::UserId;
use crate::mail::templates;
use crate::security::tokens;
use crate::service::throttle;
use crate::service::throttle::Guard;
use crate::service::{Context, ServiceError, ServiceResult, events, outbox};

/// E-mailed tokens for verification and invitations live a day.
pub const LINK_LIFETIME: TimeDelta = TimeDelta::hours(24);

crate::text_enum! {
    pub enum TokenPurpose {
        VerifyEmail => "verify_email",
        Invitation => "invitation",
        PasswordReset => "password_reset",
    }
}

/// Creates a one-time token and returns the secret to put in the link.
pub fn issue(
    connection: &mut DbConnection,
    user_id: &UserId,
    purpose: TokenPurpose,
    expires_at: NaiveDateTime,
    now: NaiveDateTime,
) -> ServiceResult<String> {
    let secret = tokens::new_secret();
    one_time_tokens::insert(
        connection,
        &tokens::hash_secret(&secret),
        user_id.as_str(),
        purpose.as_str(),
        expires_at,
        now,
    )?;
    Ok(secret)
}

/// Checks a token without using it: it must exist, be of `purpose`, unused and unexpired, and its
/// user active. Returns the user.
pub fn peek(
    connection: &mut DbConnection,
    secret: &str,
    purpose: TokenPurpose,
    now: NaiveDateTime,
) -> ServiceResult<User> {
    if !tokens::looks_like_secret(secret) {
        return Err(ServiceError::InvalidToken);
    }
    let token = one_time_tokens::find(connection, &tokens::hash_secret(secret))?.ok_or(ServiceError::InvalidToken)?;
    if token.purpose != purpose.as_str() || token.used_at.is_some() || token.expires_at <= now {
        return Err(ServiceError::InvalidToken);
    }
    users::find(connection, &UserId::from_stored(token.user_id))?
        .filter(User::is_active)
        .ok_or(ServiceError::InvalidToken)
}

/// Uses a token as `peek` checks it. Single use holds under concurrency: the second of two
/// simultaneous uses finds it used.
pub fn redeem(
    connection: &mut DbConnection,
    secret: &str,
    purpose: TokenPurpose,
    now: NaiveDateTime,
) -> ServiceResult<User> {
    let user = peek(connection, secret, purpose, now)?;
    if one_time_tokens::mark_used(connection, &tokens::hash_secret(secret), now)? == 0 {
        return Err(ServiceError::InvalidToken);
    }
    Ok(user)
}

/// A one-time link that people ask to be e-mailed (verification again, password reset).
pub struct LinkRequest {
    pub purpose: TokenPurpose,
    pub lifetime: TimeDelta,
    /// The front-end page that takes the token.
    pub page: &'static str,
    /// Whether the account at the address may get this link.
    pub eligible: fn(&User) -> bool,
    pub content: fn(Language, &str, &str) -> templates::EmailContent,
    /// How the sending is recorded on the account.
    pub event: EventKind,
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
    context
        .run(move |c, context| {
            throttle::hit(c, &Guard::mail_requests_from(&client_address), now)?;
            let Ok(email) = Email::parse(&email) else { return Ok(()) };
            db::transaction(c, |c| {
                let Some(user) = users::find_by_email(c, email.as_str())? else { return Ok(()) };
                if !(request.eligible)(&user) {
                    return Ok(());
                }
                if throttle::hit(c, &Guard::links_to(request.purpose.as_str(), user.email.as_str()), now).is_err() {
                    return Ok(());
                }
                one_time_tokens::void_unused(c, user.id.as_str(), request.purpose.as_str(), now)?;
                let token = issue(c, &user.id, request.purpose, now + request.lifetime, now)?;
                // Until the address is proved, the name on the account may be anyone's words.
                let name = user.email_verified_at.map(|_| user.full_name.as_str());
                let greeting = name.unwrap_or(templates::unproved_name(user.language));
                let content = (request.content)(user.language, greeting, &context.link(request.page, &token));
                outbox::enqueue(c, user.email.as_str(), name, &content, now)?;
                events::record(c, None, request.event, Subject::User(&user.id), json!({}), now)
            })
        })
        .await
}
