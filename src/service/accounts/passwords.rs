//! Changing and resetting passwords; either ends every other session.

use crate::db;
use chrono::TimeDelta;
use serde_json::json;

use crate::db::users::{self, UserRow};
use crate::db::{DbConnection, sessions};
use crate::domain::account::{self, Email, Language};
use crate::mail::templates;
use crate::security::passwords::Verification;
use crate::service::accounts::registration::{LinkRequest, TokenPurpose, email_link, peek_token, use_token};
use crate::service::{Context, ServiceError, ServiceResult, events, outbox, throttle, with_connection};

/// Reset links are short-lived: they grant the account.
pub const RESET_LINK_LIFETIME: TimeDelta = TimeDelta::hours(1);

fn language_of(user: &UserRow) -> Language {
    user.language.parse().unwrap_or(Language::Vietnamese)
}

/// Stores the new hash, ends other sessions, records it, and tells the owner by e-mail.
fn replace_password(
    connection: &mut DbConnection,
    user: &UserRow,
    hash: &str,
    keep_session: Option<&str>,
    how: &str,
    now: chrono::NaiveDateTime,
) -> ServiceResult<()> {
    users::set_password(connection, &user.id, hash, now)?;
    sessions::revoke_all_of_user(connection, &user.id, keep_session, "password changed", now)?;
    let content = templates::password_changed(language_of(user), &user.full_name);
    outbox::enqueue(connection, &user.email, Some(&user.full_name), &content, now)?;
    events::record(connection, Some(&user.id), how, ("user", &user.id), json!({}), now)
}

pub async fn change(
    context: &Context,
    user: UserRow,
    session_id: String,
    current: String,
    new: String,
) -> ServiceResult<()> {
    let email = Email::parse(&user.email).ok();
    account::check_new_password(&new, email.as_ref()).map_err(|m| ServiceError::invalid("new_password", m))?;
    let now = context.now();
    let account_key = throttle::account_key(&user.email);
    let key = account_key.clone();
    with_connection(&context.pool, move |c| throttle::check(c, &key, now)).await?;
    match context.hasher.verify(current, user.password_hash.clone()).await.map_err(anyhow::Error::new)? {
        Verification::Match | Verification::MatchNeedsRehash(_) => {}
        Verification::Mismatch => {
            with_connection(&context.pool, move |c| throttle::hit(c, &account_key, throttle::LOGIN_PER_ACCOUNT, now))
                .await?;
            return Err(ServiceError::invalid("current_password", "is not your current password"));
        }
    }
    let hash = context.hasher.hash(new).await.map_err(anyhow::Error::new)?;
    with_connection(&context.pool, move |c| {
        db::transaction(c, |c| replace_password(c, &user, &hash, Some(&session_id), "user.password_changed", now))
    })
    .await
}

/// E-mails a reset link when the address has an active account; the caller answers 202 either way.
pub async fn request_reset(context: &Context, email: String, client_address: String) -> ServiceResult<()> {
    let request = LinkRequest {
        purpose: TokenPurpose::PasswordReset,
        lifetime: RESET_LINK_LIFETIME,
        page: "/auth/reset-password",
        eligible: |user| user.disabled_at.is_none(),
        content: templates::password_reset,
    };
    email_link(context, email, client_address, request).await
}

pub async fn confirm_reset(context: &Context, secret: String, new_password: String) -> ServiceResult<()> {
    let now = context.now();
    let probe = secret.clone();
    let user = with_connection(&context.pool, move |c| peek_token(c, &probe, TokenPurpose::PasswordReset, now)).await?;
    let email = Email::parse(&user.email).ok();
    account::check_new_password(&new_password, email.as_ref()).map_err(|m| ServiceError::invalid("new_password", m))?;
    let hash = context.hasher.hash(new_password).await.map_err(anyhow::Error::new)?;
    with_connection(&context.pool, move |c| {
        db::transaction(c, |c| {
            let user = use_token(c, &secret, TokenPurpose::PasswordReset, now)?;
            // The link reached the mailbox, which proves the address.
            users::mark_email_verified(c, &user.id, now)?;
            throttle::clear(c, &throttle::account_key(&user.email))?;
            replace_password(c, &user, &hash, None, "user.password_reset", now)
        })
    })
    .await
}
