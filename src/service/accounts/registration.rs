//! Citizens' own accounts: registering, and confirming the e-mail address with the link sent.

use serde_json::json;

use super::creation::{self, CreatedBy, Creation, NewAccount};
use super::links::{self, LINK_LIFETIME, LinkRequest, TokenPurpose};
use crate::db::personal_data::notices::{self, ShownTo};
use crate::db::{self, users};
use crate::domain::FieldError;
use crate::domain::account::{self, Email, Language, PasswordHash, Role};
use crate::domain::events::{EventKind, Subject};
use crate::domain::personal_data::notice::NoticeOccasion;
use crate::mail::templates;
use crate::service::throttle::Guard;
use crate::service::{Context, ServiceError, ServiceResult, events, outbox, throttle};

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
    ) -> ServiceResult<Self> {
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
/// Returns the privacy notice version shown (the same answer for an address already registered).
pub async fn register(context: &Context, citizen: NewCitizen, client_address: String) -> ServiceResult<Option<i32>> {
    let now = context.now();
    let guard = Guard::mail_requests_from(&client_address);
    context.run(move |c, _| throttle::hit(c, &guard, now)).await?;
    let password_hash =
        PasswordHash::new(context.hasher.hash(citizen.password.clone()).await.map_err(anyhow::Error::new)?);
    context
        .run(move |c, context| {
            db::transaction(c, |c| {
                if let Some(existing) = users::find_by_email(c, citizen.email.as_str())? {
                    // The owner is warned, but not flooded: a few warnings an hour, then silence.
                    let warnings = Guard::links_to("already-registered", existing.email.as_str());
                    if throttle::hit(c, &warnings, now).is_err() {
                        return Ok(notices::current_version(c)?);
                    }
                    let reset_link = format!("{}/auth/forgot-password", context.settings.public_base_url);
                    let name = existing.email_verified_at.map(|_| existing.full_name.as_str());
                    let greeting = name.unwrap_or(templates::unproved_name(existing.language));
                    let content = templates::already_registered(existing.language, greeting, &reset_link);
                    outbox::enqueue(c, existing.email.as_str(), name, &content, now)?;
                    return Ok(notices::current_version(c)?);
                }
                let account = NewAccount {
                    email: citizen.email.clone(),
                    full_name: citizen.full_name.clone(),
                    phone: citizen.phone.clone(),
                    role: Role::Citizen,
                    agency_id: None,
                    scope_admin_unit: None,
                    language: citizen.language,
                    password_hash: Some(password_hash),
                    email_verified_at: None,
                };
                let registered = Creation {
                    created_by: CreatedBy::Themselves,
                    event: EventKind::UserRegistered,
                    data: json!({ "role": "citizen" }),
                };
                let id = creation::create(c, &account, registered, now)?;
                let token = links::issue(c, &id, TokenPurpose::VerifyEmail, now + LINK_LIFETIME, now)?;
                let link = context.link("/auth/verify-email", &token);
                // The address is not proved yet: the name typed at registration is not sent to it.
                let content =
                    templates::verify_email(citizen.language, templates::unproved_name(citizen.language), &link);
                outbox::enqueue(c, citizen.email.as_str(), None, &content, now)?;
                Ok(notices::record_current_shown(c, NoticeOccasion::Registration, ShownTo::Account(&id), now)?)
            })
        })
        .await
}

pub async fn verify_email(context: &Context, secret: String) -> ServiceResult<()> {
    let now = context.now();
    context
        .run(move |c, _| {
            db::transaction(c, |c| {
                let user = links::redeem(c, &secret, TokenPurpose::VerifyEmail, now)?;
                users::mark_email_verified(c, &user.id, now)?;
                events::record(c, Some(&user.id), EventKind::UserEmailVerified, Subject::User(&user.id), json!({}), now)
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
        eligible: |user| user.email_verified_at.is_none() && user.is_active() && user.password_hash.is_some(),
        content: templates::verify_email,
        event: EventKind::UserVerifyEmailLinkSent,
    };
    links::email_link(context, email, client_address, request).await
}
