//! Administering users: changing where they work (heads appointed, one per agency), disabling
//! and enabling accounts, reading and listing them, and making the first administrator from the
//! command line.

use chrono::NaiveDateTime;
use serde_json::json;

use super::creation::{self, CreatedBy, Creation, NewAccount};
use super::heads;
use super::placement::Placement;
use crate::db::personal_data::reads;
use crate::db::users::{self, UserAssignment, UserFilter};
use crate::db::{self, DbConnection, sessions};
use crate::domain::account::{Email, HeadTerm, Language, PasswordHash, Role, User};
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::authorization::Actor;
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::{AgencyId, UserId};
use crate::domain::pagination::{Cursor, PageSize};
use crate::domain::personal_data::reads::{ReadOf, RecordRead};
use crate::mail::templates;
use crate::service::page::Page;
use crate::service::{Context, ServiceError, ServiceResult, events, outbox};

/// What an administrator may change of a user.
#[derive(Debug, Clone, Default)]
pub struct UserChange {
    pub role: Option<String>,
    /// Some(None) clears it.
    pub agency_id: Option<Option<String>>,
    pub scope_admin_unit: Option<Option<String>>,
    /// Grants or withdraws the reception officer's permission (officers only).
    pub reception_officer: Option<bool>,
    pub disabled: Option<bool>,
}

pub async fn update(context: &Context, admin_id: UserId, user_id: UserId, change: UserChange) -> ServiceResult<User> {
    let now = context.now();
    let today = context.today();
    context
        .run(move |c, _| {
            db::transaction(c, |c| {
                let user = users::find(c, &user_id)?
                    .ok_or_else(|| ServiceError::NotFound(format!("no user has the id {user_id}")))?;
                if user.id == admin_id
                    && (change.disabled == Some(true) || change.role.as_deref().is_some_and(|r| r != "admin"))
                {
                    return Err(ServiceError::Conflict("administrators cannot disable or demote themselves".into()));
                }
                if change.role.is_some() || change.agency_id.is_some() || change.scope_admin_unit.is_some() {
                    place(c, &user, &change, &admin_id, today, now)?;
                }
                if let Some(granted) = change.reception_officer {
                    let placed = users::find(c, &user.id)?
                        .ok_or_else(|| ServiceError::NotFound(format!("no user has the id {user_id}")))?;
                    set_reception_officer(c, &placed, granted, &admin_id, now)?;
                }
                match change.disabled {
                    Some(true) if user.disabled_at.is_none() => {
                        users::set_disabled(c, &user.id, Some(now), now)?;
                        sessions::revoke_all_of_user(c, user.id.as_str(), None, "account disabled", now)?;
                        events::record(
                            c,
                            Some(&admin_id),
                            EventKind::UserDisabled,
                            Subject::User(&user.id),
                            json!({}),
                            now,
                        )?;
                    }
                    Some(false) if user.disabled_at.is_some() => {
                        users::set_disabled(c, &user.id, None, now)?;
                        events::record(
                            c,
                            Some(&admin_id),
                            EventKind::UserEnabled,
                            Subject::User(&user.id),
                            json!({}),
                            now,
                        )?;
                    }
                    _ => {}
                }
                users::find(c, &user.id)?.ok_or_else(|| ServiceError::NotFound("the user vanished".into()))
            })
        })
        .await
}

/// Moves a user to the role and place `change` says; a field not given keeps its value, unless
/// the new role has no use for it.
fn place(
    c: &mut DbConnection,
    user: &User,
    change: &UserChange,
    admin_id: &UserId,
    today: chrono::NaiveDate,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    let role = match &change.role {
        Some(text) => text.parse::<Role>().map_err(|e| ServiceError::invalid("role", e.to_string()))?,
        None => user.role,
    };
    if role == Role::Citizen && user.role != Role::Citizen {
        return Err(ServiceError::invalid("role", "staff cannot be turned into citizens"));
    }
    if role != Role::Citizen && user.role == Role::Citizen {
        return Err(ServiceError::invalid(
            "role",
            "a citizen's account cannot become staff; invite the person with another address",
        ));
    }
    let agency = change
        .agency_id
        .clone()
        .unwrap_or_else(|| user.agency_id.as_ref().map(ToString::to_string))
        .filter(|_| matches!(role, Role::Officer | Role::Head));
    let scope = change
        .scope_admin_unit
        .clone()
        .unwrap_or_else(|| user.scope_admin_unit.as_ref().map(ToString::to_string))
        .filter(|_| role.oversees());
    let placement = Placement::check(c, role, agency.as_deref(), scope.as_deref(), today)?;
    let was_head_of = (user.role == Role::Head).then(|| user.agency_id.clone()).flatten();
    // The permission belongs to an officer in one agency: moved elsewhere, it is granted anew.
    let stays_reception_officer = user.reception_officer
        && placement.role == Role::Officer
        && placement.agency_id.as_ref() == user.agency_id.as_ref();
    users::assign(
        c,
        &user.id,
        &UserAssignment {
            role: placement.role.as_str(),
            agency_id: placement.agency_id.as_ref().map(AgencyId::as_str),
            scope_admin_unit_code: placement.scope_admin_unit.as_ref().map(AdminUnitCode::as_str),
            reception_officer: stays_reception_officer,
            updated_at: now,
        },
    )?;
    if user.reception_officer && !stays_reception_officer {
        let data = json!({ "reason": "moved" });
        events::record(c, Some(admin_id), EventKind::UserReceptionOfficerRevoked, Subject::User(&user.id), data, now)?;
    }
    match (&was_head_of, &placement.agency_id) {
        (_, Some(agency)) if placement.role == Role::Head => heads::appoint(c, &user.id, agency, admin_id, now)?,
        (Some(agency), _) => heads::step_down(c, &user.id, agency, admin_id, now)?,
        _ => {}
    }
    let data = placement.to_json();
    events::record(c, Some(admin_id), EventKind::UserPlacementChanged, Subject::User(&user.id), data, now)
}

/// Grants or withdraws the permission to unseal confidential identities (Law on Denunciations
/// 2018, Art. 4 and 47: the identity is known only to whoever must know it). Only officers
/// receive citizens; each change is an event.
fn set_reception_officer(
    c: &mut DbConnection,
    user: &User,
    granted: bool,
    admin_id: &UserId,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    if granted && user.role != Role::Officer {
        return Err(ServiceError::invalid(
            "reception_officer",
            format!("only an officer of an agency can be a reception officer; this user is {}", user.role),
        ));
    }
    if granted == user.reception_officer {
        return Ok(());
    }
    users::set_reception_officer(c, &user.id, granted, now)?;
    tell_the_head(c, user, granted, now)?;
    let kind = if granted { EventKind::UserReceptionOfficerGranted } else { EventKind::UserReceptionOfficerRevoked };
    events::record(c, Some(admin_id), kind, Subject::User(&user.id), json!({}), now)
}

/// The head of the officer's agency hears of every grant and withdrawal: an administrator alone
/// cannot quietly give someone the denouncers' names.
fn tell_the_head(c: &mut DbConnection, officer: &User, granted: bool, now: NaiveDateTime) -> ServiceResult<()> {
    let Some(agency_id) = &officer.agency_id else { return Ok(()) };
    let Some(term) = users::current_head_term(c, agency_id)? else { return Ok(()) };
    let Some(head) = users::find(c, &term.user_id)?.filter(User::is_active) else { return Ok(()) };
    let about = (officer.full_name.as_str(), officer.email.as_str());
    let content = templates::reception_officer_changed(head.language, &head.full_name, about, granted);
    outbox::enqueue(c, head.email.as_str(), Some(&head.full_name), &content, now)?;
    Ok(())
}

/// A user and, for a head, their terms at the head of their agency.
/// One account with its terms as head, read by an administrator: the read of its contact details
/// is entered in the access log of personal data.
pub fn find(
    connection: &mut DbConnection,
    reader: &Actor,
    id: &UserId,
    now: NaiveDateTime,
) -> ServiceResult<(User, Vec<HeadTerm>)> {
    let user =
        users::find(connection, id)?.ok_or_else(|| ServiceError::NotFound(format!("no user has the id {id}")))?;
    if user.id != reader.user_id {
        reads::record(connection, reader, RecordRead::Account, ReadOf::Account(user.id.clone()), None, now)?;
    }
    let terms = match &user.agency_id {
        Some(agency_id) => {
            users::head_terms_of_agency(connection, agency_id)?.into_iter().filter(|t| t.user_id == user.id).collect()
        }
        None => Vec::new(),
    };
    Ok((user, terms))
}

/// Which users a listing wants; every field narrows it.
#[derive(Debug, Clone, Default)]
pub struct UserQuery {
    pub role: Option<Role>,
    pub agency_id: Option<AgencyId>,
    /// The start of the e-mail address, without LIKE wildcards.
    pub email_prefix: Option<String>,
}

pub fn list(
    connection: &mut DbConnection,
    query: UserQuery,
    size: PageSize,
    cursor: Option<&Cursor>,
) -> ServiceResult<Page<User>> {
    let filter = UserFilter { role: query.role, agency_id: query.agency_id, email_prefix: query.email_prefix };
    let rows = users::list(connection, &filter, cursor.map(|c| c.0.as_str()), size.get() + 1)?;
    let total = users::count(connection, &filter)?;
    Ok(Page::from_rows(rows, size, total, |user| user.email.to_string()))
}

/// The active staff of an agency, for its own staff to delegate to.
pub fn staff_of(connection: &mut DbConnection, agency_id: &AgencyId) -> ServiceResult<Vec<User>> {
    let filter = UserFilter { agency_id: Some(agency_id.clone()), ..UserFilter::default() };
    Ok(users::list(connection, &filter, None, 1000)?.into_iter().filter(User::is_active).collect())
}

/// Creates an administrator from the command line, verified and active. Fails if the address is taken.
pub fn create_admin(
    connection: &mut DbConnection,
    email: &Email,
    full_name: &str,
    password_hash: PasswordHash,
    now: NaiveDateTime,
) -> ServiceResult<UserId> {
    let account = NewAccount {
        email: email.clone(),
        full_name: full_name.to_string(),
        phone: None,
        role: Role::Admin,
        agency_id: None,
        scope_admin_unit: None,
        language: Language::Vietnamese,
        password_hash: Some(password_hash),
        email_verified_at: Some(now),
    };
    let from_command_line = Creation {
        created_by: CreatedBy::CommandLine,
        event: EventKind::UserCreatedFromCommandLine,
        data: json!({ "role": "admin" }),
    };
    db::transaction(connection, |c| creation::create(c, &account, from_command_line, now))
}
