//! Citizen reception (tiếp công dân): heads publish their reception schedule, citizens book a
//! slot with the subject of their visit, the agency records each session afterwards with the
//! petitions it received there, and every head's month is judged against the legal minimum in
//! force that month.

pub mod bookings;
pub mod minimum;
mod notify;
pub mod records;
pub mod schedule;
pub mod sweep;

use chrono::NaiveDate;

use crate::db::reception::sessions;
use crate::db::{DbConnection, agencies};
use crate::domain::admin_unit::UnitPath;
use crate::domain::agency::Agency;
use crate::domain::authorization::{self, Action, Actor};
use crate::domain::ids::{AgencyId, ReceptionSessionId};
use crate::domain::reception::sessions::ReceptionSession;
use crate::service::reference::admin_units;
use crate::service::{ServiceError, ServiceResult};

/// The agency named in a path: 404 when there is none.
fn agency(connection: &mut DbConnection, id: &AgencyId) -> ServiceResult<Agency> {
    agencies::find(connection, id)?.ok_or_else(|| ServiceError::NotFound(format!("no agency has the id {id}")))
}

/// The session named in a path: 404 when there is none.
fn session(connection: &mut DbConnection, id: &ReceptionSessionId) -> ServiceResult<ReceptionSession> {
    sessions::find(connection, id)?
        .ok_or_else(|| ServiceError::NotFound(format!("no reception session has the id {id}")))
}

/// Only the agency's head and officers keep its schedule.
fn keeps_schedule(actor: &Actor, agency_id: &AgencyId) -> ServiceResult<()> {
    authorization::authorize(actor, &Action::KeepReceptionSchedule { agency_id }).map_err(|_| ServiceError::Forbidden)
}

/// The path of the unit the agency serves, which oversight scopes are matched against.
fn unit_path_of(connection: &mut DbConnection, agency: &Agency, today: NaiveDate) -> ServiceResult<UnitPath> {
    admin_units::path_or_unit(connection, agency.admin_unit_code.as_str(), today)
}

/// The agency's staff, monitors and inspectors over its unit, administrators.
fn reads_record(
    connection: &mut DbConnection,
    actor: &Actor,
    agency: &Agency,
    today: NaiveDate,
) -> ServiceResult<UnitPath> {
    let (agency_id, unit_path) = (&agency.id, unit_path_of(connection, agency, today)?);
    authorization::authorize(actor, &Action::ReadReceptionRecord { agency_id, unit_path: &unit_path })
        .map_err(|_| ServiceError::Forbidden)?;
    Ok(unit_path)
}
