//! Administrators invite staff, heads, monitors and administrators by e-mail; the invited person
//! sets a password through the link, which proves their address too.

use serde_json::json;

use super::creation::{self, CreatedBy, Creation, NewAccount};
use super::links::{self, LINK_LIFETIME, TokenPurpose};
use super::placement::Placement;
use crate::db::personal_data::notices::{self, ShownTo};
use crate::db::{self, users};
use crate::domain::FieldError;
use crate::domain::account::{self, Email, Language, PasswordHash, Role, User};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::UserId;
use crate::domain::personal_data::notice::NoticeOccasion;
use crate::mail::templates;
use crate::service::{Context, ServiceError, ServiceResult, events, outbox};

/// An invitation as the administrator wrote it.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub email: String,
    pub full_name: String,
    pub role: String,
    pub agency_id: Option<String>,
    pub scope_admin_unit: Option<String>,
    pub language: Option<String>,
}

/// Invites a user; returns the new account. The invitation link is e-mailed.
pub async fn invite(context: &Context, admin_id: UserId, invitation: Invitation) -> ServiceResult<User> {
    let now = context.now();
    let today = context.today();
    context
        .run(move |c, context| {
            let mut errors = Vec::new();
            let email = Email::parse(&invitation.email).map_err(|m| errors.push(FieldError::new("email", m))).ok();
            let full_name = account::check_full_name(&invitation.full_name)
                .map_err(|m| errors.push(FieldError::new("full_name", m)))
                .ok();
            let role = match invitation.role.parse::<Role>() {
                Ok(Role::Citizen) => {
                    errors.push(FieldError::new(
                        "role",
                        "citizens register themselves; invite officer, head, monitor, inspector or admin",
                    ));
                    None
                }
                Ok(role) => Some(role),
                Err(e) => {
                    errors.push(FieldError::new("role", e.to_string()));
                    None
                }
            };
            let language = invitation
                .language
                .as_deref()
                .map(str::parse::<Language>)
                .transpose()
                .map_err(|e| errors.push(FieldError::new("language", e.to_string())))
                .ok()
                .flatten()
                .unwrap_or(Language::Vietnamese);
            let placement = match role {
                Some(role) => {
                    let (agency, scope) = (invitation.agency_id.as_deref(), invitation.scope_admin_unit.as_deref());
                    match Placement::check(c, role, agency, scope, today) {
                        Ok(placement) => Some(placement),
                        Err(ServiceError::Invalid(mut more)) => {
                            errors.append(&mut more);
                            None
                        }
                        Err(other) => return Err(other),
                    }
                }
                None => None,
            };
            let (Some(email), Some(full_name), Some(placement)) = (email, full_name, placement) else {
                return Err(ServiceError::Invalid(errors));
            };
            ServiceError::unless_valid(errors)?;
            db::transaction(c, |c| {
                let account = NewAccount {
                    email: email.clone(),
                    full_name: full_name.clone(),
                    phone: None,
                    role: placement.role,
                    agency_id: placement.agency_id.clone(),
                    scope_admin_unit: placement.scope_admin_unit.clone(),
                    language,
                    password_hash: None,
                    email_verified_at: None,
                };
                let invited = Creation {
                    created_by: CreatedBy::Administrator(&admin_id),
                    event: EventKind::UserInvited,
                    data: placement.to_json(),
                };
                let id = creation::create(c, &account, invited, now)?;
                let place = placement.place_name(c)?;
                let token = links::issue(c, &id, TokenPurpose::Invitation, now + LINK_LIFETIME, now)?;
                let link = context.link("/auth/accept-invitation", &token);
                let content = templates::invitation(language, &full_name, placement.role, place.as_deref(), &link);
                outbox::enqueue(c, email.as_str(), Some(&full_name), &content, now)?;
                users::find(c, &id)?.ok_or_else(|| ServiceError::NotFound("the new user vanished".into()))
            })
        })
        .await
}

/// An invited user sets their password; the link proves their address too. Returns the privacy
/// notice version they were shown.
pub async fn accept(context: &Context, secret: String, password: String) -> ServiceResult<Option<i32>> {
    let now = context.now();
    // The token is checked before the expensive hash, and used only once the hash is ready.
    let probe = secret.clone();
    let user = context.run(move |c, _| links::peek(c, &probe, TokenPurpose::Invitation, now)).await?;
    account::check_new_password(&password, Some(&user.email)).map_err(|m| ServiceError::invalid("password", m))?;
    let hash = PasswordHash::new(context.hasher.hash(password).await.map_err(anyhow::Error::new)?);
    context
        .run(move |c, _| {
            db::transaction(c, |c| {
                let user = links::redeem(c, &secret, TokenPurpose::Invitation, now)?;
                users::set_password(c, &user.id, &hash, now)?;
                users::mark_email_verified(c, &user.id, now)?;
                events::record(
                    c,
                    Some(&user.id),
                    EventKind::UserInvitationAccepted,
                    Subject::User(&user.id),
                    json!({}),
                    now,
                )?;
                Ok(notices::record_current_shown(
                    c,
                    NoticeOccasion::InvitationAcceptance,
                    ShownTo::Account(&user.id),
                    now,
                )?)
            })
        })
        .await
}
