//! The one way an account comes to exist, whoever makes it: a citizen registering, an
//! administrator inviting staff, the command line making the first administrator, the demo seed.

use chrono::NaiveDateTime;
use serde_json::Value;

use super::heads;
use crate::db::DbConnection;
use crate::db::users::{self, NewUserRow};
use crate::domain::account::{Email, Language, PasswordHash, Role};
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::{AgencyId, UserId};
use crate::service::{ServiceError, ServiceResult, events};

/// An account to create, every detail already checked.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub email: Email,
    pub full_name: String,
    pub phone: Option<String>,
    pub role: Role,
    pub agency_id: Option<AgencyId>,
    pub scope_admin_unit: Option<AdminUnitCode>,
    pub language: Language,
    /// None for an invited user until they accept.
    pub password_hash: Option<PasswordHash>,
    /// Some when the address is already proven (an administrator made on the command line).
    pub email_verified_at: Option<NaiveDateTime>,
}

/// Who makes the account, as the event log records it.
#[derive(Debug, Clone, Copy)]
pub enum CreatedBy<'a> {
    /// The person themselves (a citizen registering).
    Themselves,
    /// An administrator (an invitation).
    Administrator(&'a UserId),
    /// Someone at the server's command line: no account acts.
    CommandLine,
}

/// How the new account is recorded: by whom, under which kind of event, with which data.
pub struct Creation<'a> {
    pub created_by: CreatedBy<'a>,
    pub event: EventKind,
    pub data: Value,
}

/// Creates the account, appoints a head to their agency, and records the event; a taken address
/// is a conflict. Call it inside the transaction of the use case.
pub fn create(
    connection: &mut DbConnection,
    account: &NewAccount,
    creation: Creation,
    now: NaiveDateTime,
) -> ServiceResult<UserId> {
    if users::find_by_email(connection, account.email.as_str())?.is_some() {
        return Err(ServiceError::Conflict(format!("{} already has an account", account.email)));
    }
    let id = UserId::from(uuid::Uuid::new_v4());
    users::insert(
        connection,
        &NewUserRow {
            id: id.as_str(),
            email: account.email.as_str(),
            full_name: &account.full_name,
            phone: account.phone.as_deref(),
            role: account.role.as_str(),
            agency_id: account.agency_id.as_ref().map(AgencyId::as_str),
            scope_admin_unit_code: account.scope_admin_unit.as_ref().map(AdminUnitCode::as_str),
            language: account.language.as_str(),
            password_hash: account.password_hash.as_ref().map(PasswordHash::as_str),
            email_verified_at: account.email_verified_at,
            created_at: now,
            updated_at: now,
        },
    )?;
    let actor = match creation.created_by {
        CreatedBy::Themselves => Some(&id),
        CreatedBy::Administrator(admin) => Some(admin),
        CreatedBy::CommandLine => None,
    };
    if account.role == Role::Head
        && let Some(agency) = &account.agency_id
    {
        // A head made at the command line (the demo's) is recorded as appointing themselves.
        heads::appoint(connection, &id, agency, actor.unwrap_or(&id), now)?;
    }
    events::record(connection, actor, creation.event, Subject::User(&id), creation.data, now)?;
    Ok(id)
}
