//! Signing in and staying signed in: login, refresh-token rotation with theft detection, logout,
//! and recognising the user behind an access token.

use chrono::{NaiveDateTime, TimeDelta};

use crate::db::{self, DbConnection, sessions, users};
use crate::domain::account::{Email, PasswordHash, User};
use crate::domain::authorization::Actor;
use crate::domain::ids::{SessionId, UserId};
use crate::security::jwt::ACCESS_TOKEN_SECONDS;
use crate::security::passwords::Verification;
use crate::security::tokens;
use crate::service::throttle::{self, PasswordGuards};
use crate::service::{Context, ServiceError, ServiceResult};

pub const REFRESH_TOKEN_LIFETIME: TimeDelta = TimeDelta::days(30);

/// What a successful login or refresh hands back.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: i64,
}

const BAD_CREDENTIALS: &str = "the e-mail address or the password is wrong";

/// Logs in. An unknown address and a wrong password get the same answer in about the same time
/// (the password is checked against a decoy hash). Every attempt is counted before the password
/// is checked, so parallel guesses cannot outrun the limits; a right password takes its attempt back.
pub async fn login(
    context: &Context,
    email: String,
    password: String,
    client_address: String,
) -> ServiceResult<Tokens> {
    let now = context.now();
    // A malformed address cannot have an account, but it is throttled and hashed like any other.
    let email = Email::parse(&email).map(|e| e.as_str().to_string()).unwrap_or(email);
    let guards = PasswordGuards::new(&client_address, &email);
    let (lookup_email, counted) = (email.clone(), guards.clone());
    let user = context
        .run(move |c, _| {
            throttle::hit_password_attempt(c, &counted, now)?;
            Ok(users::find_by_email(c, &lookup_email)?)
        })
        .await?;

    let stored = user.as_ref().and_then(|u| u.password_hash.as_ref()).map(|hash| hash.as_str().to_string());
    let verification = context.hasher.verify(password, stored).await.map_err(anyhow::Error::new)?;
    let (user, new_hash) = match (user, verification) {
        (Some(user), Verification::Match) => (user, None),
        (Some(user), Verification::MatchNeedsRehash(hash)) => (user, Some(PasswordHash::new(hash))),
        _ => return Err(ServiceError::Unauthenticated(BAD_CREDENTIALS.into())),
    };
    // Only someone who knows the password learns these.
    if !user.is_active() {
        return Err(ServiceError::Unauthenticated("this account is disabled".into()));
    }
    if user.email_verified_at.is_none() {
        return Err(ServiceError::Unauthenticated(
            "confirm your e-mail address first: see the link we sent you".into(),
        ));
    }
    context
        .run(move |c, context| {
            db::transaction(c, |c| {
                throttle::password_was_right(c, &guards, now)?;
                if let Some(hash) = &new_hash {
                    users::set_password(c, &user.id, hash, now)?;
                }
                let session_id = SessionId::from(uuid::Uuid::new_v4());
                sessions::create(c, session_id.as_str(), user.id.as_str(), now)?;
                issue_tokens(c, context, &user.id, &session_id, now)
            })
        })
        .await
}

fn issue_tokens(
    connection: &mut DbConnection,
    context: &Context,
    user_id: &UserId,
    session_id: &SessionId,
    now: NaiveDateTime,
) -> ServiceResult<Tokens> {
    let refresh_token = tokens::new_secret();
    sessions::insert_refresh_token(
        connection,
        &tokens::hash_secret(&refresh_token),
        session_id.as_str(),
        now,
        now + REFRESH_TOKEN_LIFETIME,
    )?;
    let access_token = context.keys.issue(user_id.as_str(), session_id.as_str(), now).map_err(anyhow::Error::new)?;
    Ok(Tokens { access_token, refresh_token, expires_in: ACCESS_TOKEN_SECONDS })
}

/// Trades a refresh token for new tokens. A token presented a second time means it was copied:
/// the whole session (every token rotated from the same login) is revoked.
pub async fn refresh(context: &Context, refresh_token: String) -> ServiceResult<Tokens> {
    let now = context.now();
    let invalid = || ServiceError::Unauthenticated("the refresh token is invalid, used or expired".into());
    let outcome = context
        .run(move |c, context| {
            if !tokens::looks_like_secret(&refresh_token) {
                return Ok(Err(invalid()));
            }
            let hash = tokens::hash_secret(&refresh_token);
            let Some(token) = sessions::find_refresh_token(c, &hash)? else { return Ok(Err(invalid())) };
            let Some(session) = sessions::find(c, &token.session_id)? else { return Ok(Err(invalid())) };
            if session.revoked_at.is_some() || token.expires_at <= now {
                return Ok(Err(invalid()));
            }
            db::transaction(c, |c| {
                if token.used_at.is_some() || sessions::use_refresh_token(c, &hash, now)? == 0 {
                    tracing::warn!(session_id = %session.id, "a used refresh token was presented again; the session is revoked");
                    sessions::revoke(c, &session.id, "refresh token reuse", now)?;
                    return Ok(Err(invalid()));
                }
                match users::find(c, &UserId::from_stored(session.user_id.clone()))? {
                    Some(user) if user.is_active() => {
                        sessions::touch(c, &session.id, now)?;
                        let session_id = SessionId::from_stored(session.id.clone());
                        issue_tokens(c, context, &user.id, &session_id, now).map(Ok)
                    }
                    _ => Ok(Err(invalid())),
                }
            })
        })
        .await?;
    // The revocation above must be committed even though the request fails.
    outcome
}

pub async fn logout(context: &Context, session_id: SessionId) -> ServiceResult<()> {
    let now = context.now();
    context
        .run(move |c, _| {
            sessions::revoke(c, session_id.as_str(), "logout", now)?;
            Ok(())
        })
        .await
}

/// The user and session an access token speaks for, if both are still good.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub actor: Actor,
    pub user: User,
    pub session_id: SessionId,
}

pub async fn authenticate(context: &Context, access_token: String) -> ServiceResult<Authenticated> {
    let now = context.now();
    let claims = context
        .keys
        .verify(&access_token, now)
        .map_err(|_| ServiceError::Unauthenticated("the access token is invalid or expired".into()))?;
    context
        .run(move |c, _| {
            let rejected = || ServiceError::Unauthenticated("the access token is no longer valid".into());
            let session = sessions::find(c, &claims.sid)?.ok_or_else(rejected)?;
            if session.revoked_at.is_some() || session.user_id != claims.sub {
                return Err(rejected());
            }
            let user = users::find(c, &UserId::from_stored(claims.sub))?.ok_or_else(rejected)?;
            if !user.is_active() {
                return Err(rejected());
            }
            Ok(Authenticated { actor: user.actor(), user, session_id: SessionId::from_stored(session.id) })
        })
        .await
}
