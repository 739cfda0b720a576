//! An agency's work as a whole: its dashboard figures; and, after a reorganisation, moving every
//! open petition of a dissolved agency or administrative unit to its successor in one audited
//! operation.

use chrono::{Datelike, NaiveDate, TimeDelta};
use serde_json::json;

use crate::db::petitions::{self, AgencyFigures, PetitionChange};
use crate::db::{self, DbConnection, admin_units, agencies};
use crate::domain::FieldError;
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::authorization::{self, Action, Actor};
use crate::service::events::{self, TimelineEntry};
use crate::service::{Context, ServiceError, ServiceResult};

#[derive(Debug, Clone)]
pub struct Dashboard {
    pub agency_id: String,
    pub as_of: NaiveDate,
    /// The last day of this week (Sunday): "due this week" counts running deadlines up to it.
    pub week_ends: NaiveDate,
    pub figures: AgencyFigures,
}

pub fn dashboard(
    connection: &mut DbConnection,
    actor: &Actor,
    agency_id: &str,
    today: NaiveDate,
) -> ServiceResult<Dashboard> {
    let not_found = || ServiceError::NotFound(format!("no agency has the id {agency_id}"));
    uuid::Uuid::parse_str(agency_id).map_err(|_| not_found())?;
    agencies::find(connection, agency_id)?.ok_or_else(not_found)?;
    authorization::authorize(actor, &Action::ReadAgencyDashboard { agency_id }).map_err(|_| ServiceError::Forbidden)?;
    let week_ends = today + TimeDelta::days(6 - i64::from(today.weekday().num_days_from_monday()));
    let figures = petitions::agency_figures(connection, agency_id, today, week_ends)?;
    Ok(Dashboard { agency_id: agency_id.to_string(), as_of: today, week_ends, figures })
}

/// Moves every open petition from one agency to another: deadlines run on, assignees are
/// cleared (the new agency assigns its own), each petition's timeline says so, and the operation
/// is recorded once on the agency it came from. All or nothing.
pub fn reassign(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    from_agency: &str,
    to_agency: &str,
) -> ServiceResult<usize> {
    authorization::authorize(actor, &Action::ReassignPetitions).map_err(|_| ServiceError::Forbidden)?;
    let today = crate::domain::time::vietnam_date(context.now());
    let mut errors = Vec::new();
    let from = crate::service::reference::agencies::known(connection, from_agency)?;
    if from.is_none() {
        errors.push(FieldError::new("from_agency", "is not an agency"));
    }
    let to = crate::service::reference::agencies::in_force(connection, to_agency, today)?;
    if to.is_none() {
        errors.push(FieldError::new("to_agency", "is not an agency in force today"));
    }
    if from_agency == to_agency {
        errors.push(FieldError::new("to_agency", "must differ from from_agency"));
    }
    let (Some(from), Some(to)) = (from, to) else { return Err(ServiceError::Invalid(errors)) };
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let change = PetitionChange {
        assigned_agency_id: Some(Some(to.id.clone())),
        assignee_id: Some(None),
        ..PetitionChange::default()
    };
    let moving = Moving {
        event: "petition.reassigned",
        note: format!("Chuyển cho cơ quan kế thừa: {0} / Moved to the successor agency: {0}", to.name),
        audit: ("agency", from.id.clone()),
        data: json!({ "from_agency_id": from.id, "to_agency_id": to.id }),
    };
    move_open(connection, context, actor, &moving, &change, |c| petitions::open_of_agency(c, &from.id, 500))
}

/// Moves every open petition filed in one administrative unit (merged or dissolved in a
/// reorganisation) to the unit that succeeded it, so that unit filters and monitors' scopes
/// find them there. Their agencies do not change. All or nothing, recorded on the old unit.
pub fn reassign_unit(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    from_unit: &str,
    to_unit: &str,
) -> ServiceResult<usize> {
    authorization::authorize(actor, &Action::ReassignPetitions).map_err(|_| ServiceError::Forbidden)?;
    let today = crate::domain::time::vietnam_date(context.now());
    let mut errors = Vec::new();
    let from = match AdminUnitCode::parse(from_unit) {
        Ok(code) if !admin_units::versions_of(connection, code.as_str())?.is_empty() => Some(code),
        _ => None,
    };
    if from.is_none() {
        errors.push(FieldError::new("from_unit", "is not an administrative unit"));
    }
    let to = match AdminUnitCode::parse(to_unit) {
        Ok(code) => admin_units::find_valid_on(connection, code.as_str(), today)?,
        Err(_) => None,
    };
    let to_path = match &to {
        Some(unit) => crate::service::reference::admin_units::path_of(connection, &unit.code, today)?,
        None => None,
    };
    if to_path.is_none() {
        errors.push(FieldError::new("to_unit", "is not an administrative unit in force today"));
    }
    if from_unit == to_unit {
        errors.push(FieldError::new("to_unit", "must differ from from_unit"));
    }
    let (Some(from), Some(to), Some(to_path)) = (from, to, to_path) else { return Err(ServiceError::Invalid(errors)) };
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    let change = PetitionChange {
        admin_unit_code: Some(to.code.clone()),
        admin_unit_path: Some(to_path),
        ..PetitionChange::default()
    };
    let moving = Moving {
        event: "petition.unit_reassigned",
        note: format!("Địa bàn nay thuộc {0} / The place now belongs to {0}", to.name),
        audit: ("admin_unit", from.as_str().to_string()),
        data: json!({ "from_unit": from.as_str(), "to_unit": to.code }),
    };
    move_open(connection, context, actor, &moving, &change, |c| petitions::open_in_unit(c, from.as_str(), 500))
}

/// How a move is recorded: on each petition's timeline, and once on what they moved from.
struct Moving {
    event: &'static str,
    note: String,
    audit: (&'static str, String),
    data: serde_json::Value,
}

/// Applies `change` to every petition `next_batch` finds until it finds none, in one transaction.
fn move_open(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    moving: &Moving,
    change: &PetitionChange,
    mut next_batch: impl FnMut(&mut DbConnection) -> diesel::QueryResult<Vec<petitions::PetitionRow>>,
) -> ServiceResult<usize> {
    let now = context.now();
    db::transaction(connection, |c| {
        let mut moved = 0;
        loop {
            let batch = next_batch(c)?;
            if batch.is_empty() {
                break;
            }
            for petition in batch {
                if petitions::apply(c, &petition.id, petition.version, change, now)? == 0 {
                    // Changed by someone meanwhile: the next batch reads it again if it still belongs here.
                    continue;
                }
                let entry = TimelineEntry {
                    actor_id: Some(&actor.user_id),
                    kind: moving.event,
                    public: true,
                    note: Some(&moving.note),
                    data: moving.data.clone(),
                };
                events::record_on_petition(c, &petition.id, entry, now)?;
                moved += 1;
            }
        }
        let mut audit = moving.data.clone();
        audit["moved"] = json!(moved);
        let kind = format!("{}.petitions_moved", moving.audit.0);
        events::record(c, Some(&actor.user_id), &kind, (moving.audit.0, &moving.audit.1), audit, now)?;
        Ok(moved)
    })
}
