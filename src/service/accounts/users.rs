//! Administering users: inviting staff, heads, monitors and administrators; appointing heads (one
//! per agency, the former head keeping an officer's access); disabling accounts; listing staff.

use crate::db;
use chrono::NaiveDateTime;
use serde_json::json;

use crate::db::users::{self, HeadTermRow, NewUserRow, UserAssignment, UserFilter, UserRow};
use crate::db::{DbConnection, admin_units, agencies, sessions};
use crate::domain::FieldError;
use crate::domain::account::{self, Email, Language, Role};
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::pagination::{Cursor, PageSize};
use crate::mail::templates;
use crate::service::accounts::registration::{LINK_LIFETIME, TokenPurpose, issue_token};
use crate::service::page::Page;
use crate::service::{Context, ServiceError, ServiceResult, events, outbox, with_connection};

/// Where a user works: the agency of an officer or head, the unit a monitor supervises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub role: Role,
    pub agency_id: Option<String>,
    pub scope_admin_unit: Option<String>,
}

impl Placement {
    /// Checks the combination and that the agency or unit exists and is in force.
    fn check(
        connection: &mut DbConnection,
        role: Role,
        agency_id: Option<&str>,
        scope: Option<&str>,
        today: chrono::NaiveDate,
    ) -> ServiceResult<Self> {
        let mut errors = Vec::new();
        let needs_agency = matches!(role, Role::Officer | Role::Head);
        let agency_id = match (needs_agency, agency_id) {
            (true, Some(id)) => match crate::service::reference::agencies::known(connection, id)? {
                Some(agency) if agency.in_force_on(today) => Some(agency.id),
                Some(_) => {
                    errors.push(FieldError::new("agency_id", "this agency has been dissolved"));
                    None
                }
                None => {
                    errors.push(FieldError::new("agency_id", "no agency has this id"));
                    None
                }
            },
            (true, None) => {
                errors.push(FieldError::new("agency_id", format!("is required for the role {role}")));
                None
            }
            (false, Some(_)) => {
                errors.push(FieldError::new("agency_id", format!("is only for officers and heads, not {role}")));
                None
            }
            (false, None) => None,
        };
        let scope = match (role == Role::Monitor, scope) {
            (true, Some(code)) => match AdminUnitCode::parse(code) {
                Ok(code) if admin_units::find_valid_on(connection, code.as_str(), today)?.is_some() => {
                    Some(code.to_string())
                }
                _ => {
                    errors.push(FieldError::new("scope_admin_unit", "is not an administrative unit in force today"));
                    None
                }
            },
            (true, None) => {
                errors.push(FieldError::new("scope_admin_unit", "is required for a monitor"));
                None
            }
            (false, Some(_)) => {
                errors.push(FieldError::new("scope_admin_unit", "is only for monitors"));
                None
            }
            (false, None) => None,
        };
        if errors.is_empty() {
            Ok(Placement { role, agency_id, scope_admin_unit: scope })
        } else {
            Err(ServiceError::Invalid(errors))
        }
    }
}

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
pub async fn invite(context: &Context, admin_id: String, invitation: Invitation) -> ServiceResult<UserRow> {
    let now = context.now();
    let today = context.clock.today_in_vietnam();
    let context = context.clone();
    with_connection(&context.pool.clone(), move |c| {
        let mut errors = Vec::new();
        let email = Email::parse(&invitation.email).map_err(|m| errors.push(FieldError::new("email", m))).ok();
        let full_name = account::check_full_name(&invitation.full_name)
            .map_err(|m| errors.push(FieldError::new("full_name", m)))
            .ok();
        let role = match invitation.role.parse::<Role>() {
            Ok(Role::Citizen) => {
                errors.push(FieldError::new(
                    "role",
                    "citizens register themselves; invite officer, head, monitor or admin",
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
            Some(role) => match Placement::check(
                c,
                role,
                invitation.agency_id.as_deref(),
                invitation.scope_admin_unit.as_deref(),
                today,
            ) {
                Ok(placement) => Some(placement),
                Err(ServiceError::Invalid(mut more)) => {
                    errors.append(&mut more);
                    None
                }
                Err(other) => return Err(other),
            },
            None => None,
        };
        let (Some(email), Some(full_name), Some(placement)) = (email, full_name, placement) else {
            return Err(ServiceError::Invalid(errors));
        };
        if !errors.is_empty() {
            return Err(ServiceError::Invalid(errors));
        }
        db::transaction(c, |c| {
            if users::find_by_email(c, email.as_str())?.is_some() {
                return Err(ServiceError::Conflict(format!("{email} already has an account")));
            }
            let id = uuid::Uuid::new_v4().to_string();
            users::insert(
                c,
                &NewUserRow {
                    id: &id,
                    email: email.as_str(),
                    full_name: &full_name,
                    phone: None,
                    role: placement.role.as_str(),
                    agency_id: placement.agency_id.as_deref(),
                    scope_admin_unit_code: placement.scope_admin_unit.as_deref(),
                    language: language.as_str(),
                    password_hash: None,
                    email_verified_at: None,
                    created_at: now,
                    updated_at: now,
                },
            )?;
            if placement.role == Role::Head {
                appoint_head(c, &id, placement.agency_id.as_deref().unwrap_or_default(), &admin_id, now)?;
            }
            let place = place_name(c, &placement)?;
            let token = issue_token(c, &id, TokenPurpose::Invitation, now + LINK_LIFETIME, now)?;
            let content = templates::invitation(
                language,
                &full_name,
                placement.role,
                place.as_deref(),
                &context.link("/auth/accept-invitation", &token),
            );
            outbox::enqueue(c, email.as_str(), Some(&full_name), &content, now)?;
            events::record(c, Some(&admin_id), "user.invited", ("user", &id), placement_json(&placement), now)?;
            users::find(c, &id)?.ok_or_else(|| ServiceError::NotFound("the new user vanished".into()))
        })
    })
    .await
}

fn placement_json(placement: &Placement) -> serde_json::Value {
    json!({ "role": placement.role.as_str(), "agency_id": placement.agency_id, "scope_admin_unit": placement.scope_admin_unit })
}

fn place_name(connection: &mut DbConnection, placement: &Placement) -> ServiceResult<Option<String>> {
    if let Some(agency_id) = &placement.agency_id {
        return Ok(agencies::find(connection, agency_id)?.map(|agency| agency.name));
    }
    if let Some(code) = &placement.scope_admin_unit {
        return Ok(admin_units::versions_of(connection, code)?.pop().map(|unit| unit.name));
    }
    Ok(None)
}

/// Makes `user_id` the head of `agency_id`: the former head's term ends and they stay in the
/// agency as an officer.
pub(crate) fn appoint_head(
    connection: &mut DbConnection,
    user_id: &str,
    agency_id: &str,
    admin_id: &str,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    if let Some(term) = users::current_head_term(connection, agency_id)? {
        if term.user_id == user_id {
            return Ok(());
        }
        users::end_term(connection, &term.id, now)?;
        if let Some(former) = users::find(connection, &term.user_id)? {
            if former.role == Role::Head.as_str() {
                users::assign(
                    connection,
                    &former.id,
                    &UserAssignment {
                        role: Role::Officer.as_str(),
                        agency_id: Some(agency_id),
                        scope_admin_unit_code: None,
                        updated_at: now,
                    },
                )?;
            }
            events::record(
                connection,
                Some(admin_id),
                "agency.head_term_ended",
                ("agency", agency_id),
                json!({ "user_id": former.id }),
                now,
            )?;
        }
    }
    // A head heads one agency: any other term of theirs ends.
    users::end_terms_of_user(connection, user_id, now)?;
    users::start_term(connection, agency_id, user_id, now)?;
    events::record(
        connection,
        Some(admin_id),
        "agency.head_appointed",
        ("agency", agency_id),
        json!({ "user_id": user_id }),
        now,
    )
}

/// What an administrator may change of a user.
#[derive(Debug, Clone, Default)]
pub struct UserChange {
    pub role: Option<String>,
    /// Some(None) clears it.
    pub agency_id: Option<Option<String>>,
    pub scope_admin_unit: Option<Option<String>>,
    pub disabled: Option<bool>,
}

pub async fn update(
    context: &Context,
    admin_id: String,
    user_id: String,
    change: UserChange,
) -> ServiceResult<UserRow> {
    let now = context.now();
    let today = context.clock.today_in_vietnam();
    with_connection(&context.pool, move |c| {
        db::transaction(c, |c| {
            let user = users::find(c, &user_id)?
                .ok_or_else(|| ServiceError::NotFound(format!("no user has the id {user_id}")))?;
            if user.id == admin_id
                && (change.disabled == Some(true) || change.role.as_deref().is_some_and(|r| r != "admin"))
            {
                return Err(ServiceError::Conflict("administrators cannot disable or demote themselves".into()));
            }
            let placement_changed =
                change.role.is_some() || change.agency_id.is_some() || change.scope_admin_unit.is_some();
            if placement_changed {
                let role = match &change.role {
                    Some(text) => text.parse::<Role>().map_err(|e| ServiceError::invalid("role", e.to_string()))?,
                    None => user.role.parse::<Role>().map_err(|e| ServiceError::invalid("role", e.to_string()))?,
                };
                if role == Role::Citizen && user.role != Role::Citizen.as_str() {
                    return Err(ServiceError::invalid("role", "staff cannot be turned into citizens"));
                }
                if role != Role::Citizen && user.role == Role::Citizen.as_str() {
                    return Err(ServiceError::invalid(
                        "role",
                        "a citizen's account cannot become staff; invite the person with another address",
                    ));
                }
                // A field not given keeps its value, unless the new role has no use for it.
                let agency = change
                    .agency_id
                    .clone()
                    .unwrap_or_else(|| user.agency_id.clone())
                    .filter(|_| matches!(role, Role::Officer | Role::Head));
                let scope = change
                    .scope_admin_unit
                    .clone()
                    .unwrap_or_else(|| user.scope_admin_unit_code.clone())
                    .filter(|_| role == Role::Monitor);
                let placement = Placement::check(c, role, agency.as_deref(), scope.as_deref(), today)?;
                let was_head_of = (user.role == Role::Head.as_str()).then(|| user.agency_id.clone()).flatten();
                users::assign(
                    c,
                    &user.id,
                    &UserAssignment {
                        role: placement.role.as_str(),
                        agency_id: placement.agency_id.as_deref(),
                        scope_admin_unit_code: placement.scope_admin_unit.as_deref(),
                        updated_at: now,
                    },
                )?;
                match (&was_head_of, placement.role) {
                    (_, Role::Head) => {
                        appoint_head(c, &user.id, placement.agency_id.as_deref().unwrap_or_default(), &admin_id, now)?
                    }
                    (Some(agency), _) => {
                        users::end_terms_of_user(c, &user.id, now)?;
                        events::record(
                            c,
                            Some(&admin_id),
                            "agency.head_term_ended",
                            ("agency", agency),
                            json!({ "user_id": user.id }),
                            now,
                        )?;
                    }
                    _ => {}
                }
                events::record(
                    c,
                    Some(&admin_id),
                    "user.placement_changed",
                    ("user", &user.id),
                    placement_json(&placement),
                    now,
                )?;
            }
            match change.disabled {
                Some(true) if user.disabled_at.is_none() => {
                    users::set_disabled(c, &user.id, Some(now), now)?;
                    sessions::revoke_all_of_user(c, &user.id, None, "account disabled", now)?;
                    events::record(c, Some(&admin_id), "user.disabled", ("user", &user.id), json!({}), now)?;
                }
                Some(false) if user.disabled_at.is_some() => {
                    users::set_disabled(c, &user.id, None, now)?;
                    events::record(c, Some(&admin_id), "user.enabled", ("user", &user.id), json!({}), now)?;
                }
                _ => {}
            }
            users::find(c, &user.id)?.ok_or_else(|| ServiceError::NotFound("the user vanished".into()))
        })
    })
    .await
}

pub fn find(connection: &mut DbConnection, id: &str) -> ServiceResult<(UserRow, Vec<HeadTermRow>)> {
    let user =
        users::find(connection, id)?.ok_or_else(|| ServiceError::NotFound(format!("no user has the id {id}")))?;
    let terms = match &user.agency_id {
        Some(agency_id) => {
            users::head_terms_of_agency(connection, agency_id)?.into_iter().filter(|t| t.user_id == user.id).collect()
        }
        None => Vec::new(),
    };
    Ok((user, terms))
}

pub fn list(
    connection: &mut DbConnection,
    filter: &UserFilter,
    size: PageSize,
    cursor: Option<&Cursor>,
) -> ServiceResult<Page<UserRow>> {
    let rows = users::list(connection, filter, cursor.map(|c| c.0.as_str()), size.get() + 1)?;
    let total = users::count(connection, filter)?;
    Ok(Page::from_rows(rows, size, total, |row| row.email.clone()))
}

/// Creates an administrator from the command line, verified and active. Fails if the address is taken.
pub fn create_admin(
    connection: &mut DbConnection,
    email: &Email,
    full_name: &str,
    password_hash: &str,
    now: NaiveDateTime,
) -> ServiceResult<String> {
    db::transaction(connection, |c| {
        if users::find_by_email(c, email.as_str())?.is_some() {
            return Err(ServiceError::Conflict(format!("{email} already has an account")));
        }
        let id = uuid::Uuid::new_v4().to_string();
        users::insert(
            c,
            &NewUserRow {
                id: &id,
                email: email.as_str(),
                full_name,
                phone: None,
                role: Role::Admin.as_str(),
                agency_id: None,
                scope_admin_unit_code: None,
                language: Language::Vietnamese.as_str(),
                password_hash: Some(password_hash),
                email_verified_at: Some(now),
                created_at: now,
                updated_at: now,
            },
        )?;
        events::record(c, None, "user.created_from_command_line", ("user", &id), json!({ "role": "admin" }), now)?;
        Ok(id)
    })
}
