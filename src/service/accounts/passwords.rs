//! Changing and resetting passwords; either ends every other session.

use chrono::{NaiveDateTime, TimeDelta};
use serde_json::json;

use super::links::{self, LinkRequest, TokenPurpose};
use crate::db::{self, DbConnection, sessions, users};
use crate::domain::account::{self, PasswordHash, User};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::SessionId;
use crate::mail::templates;
use crate::security::passwords::Verification;
use crate::service::throttle::Guard;
use crate::service::{Context, ServiceError, ServiceResult, events, outbox, throttle};

/// Reset links are short-lived: they grant the account.
pub const RESET_LINK_LIFETIME: TimeDelta = TimeDelta::hours(1);

/// Stores the new hash, ends other sessions, records it, and tells the owner by e-mail.
fn replace_password(
    connection: &mut DbConnection,
    user: &User,
    hash: &PasswordHash,
    keep_session: Option<&SessionId>,
    how: EventKind,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    users::set_password(connection, &user.id, hash, now)?;
    sessions::revoke_all_of_user(
        connection,
        user.id.as_str(),
        keep_session.map(SessionId::as_str),
        "password changed",
        now,
    )?;
    let content = templates::password_changed(user.language, &user.full_name);
    outbox::enqueue(connection, user.email.as_str(), Some(&user.full_name), &content, now)?;
    events::record(connection, Some(&user.id), how, Subject::User(&user.id), json!({}), now)
}

pub async fn change(
    context: &Context,
    user: User,
    session_id: SessionId,
    current: String,
    new: String,
) -> ServiceResult<()> {
    account::check_new_password(&new, Some(&user.email)).map_err(|m| ServiceError::invalid("new_password", m))?;
    let now = context.now();
    let guard = Guard::password_checks_in(session_id.as_str());
    let counted = guard.clone();
    context.run(move |c, _| throttle::hit(c, &counted, now)).await?;
    let stored = user.password_hash.as_ref().map(|hash| hash.as_str().to_string());
    match context.hasher.verify(current, stored).await.map_err(anyhow::Error::new)? {
        Verification::Match | Verification::MatchNeedsRehash(_) => {
            context.run(move |c, _| throttle::give_back(c, &guard, now)).await?;
        }
        Verification::Mismatch => {
            return Err(ServiceError::invalid("current_password", "is not your current password"));
        }
    }
    let hash = PasswordHash::new(context.hasher.hash(new).await.map_err(anyhow::Error::new)?);
    context
        .run(move |c, _| {
            db::transaction(c, |c| {
                replace_password(c, &user, &hash, Some(&session_id), EventKind::UserPasswordChanged, now)
            })
        })
        .await
}

/// E-mails a reset link when the address has an active account; the caller answers 202 either way.
pub async fn request_reset(context: &Context, email: String, client_address: String) -> ServiceResult<()> {
    let request = LinkRequest {
        purpose: TokenPurpose::PasswordReset,
        lifetime: RESET_LINK_LIFETIME,
        page: "/auth/reset-password",
        eligible: User::is_active,
        content: templates::password_reset,
        event: EventKind::UserPasswordResetLinkSent,
    };
    links::email_link(context, email, client_address, request).await
}

pub async fn confirm_reset(context: &Context, secret: String, new_password: String) -> ServiceResult<()> {
    let now = context.now();
    let probe = secret.clone();
    let user = context.run(move |c, _| links::peek(c, &probe, TokenPurpose::PasswordReset, now)).await?;
    account::check_new_password(&new_password, Some(&user.email))
        .map_err(|m| ServiceError::invalid("new_password", m))?;
    let hash = PasswordHash::new(context.hasher.hash(new_password).await.map_err(anyhow::Error::new)?);
    context
        .run(move |c, _| {
            db::transaction(c, |c| {
                let user = links::redeem(c, &secret, TokenPurpose::PasswordReset, now)?;
                // The link reached the mailbox, which proves the address.
                users::mark_email_verified(c, &user.id, now)?;
                throttle::forget_password_attempts_on(c, user.email.as_str())?;
                replace_password(c, &user, &hash, None, EventKind::UserPasswordReset, now)
            })
        })
        .await
}
