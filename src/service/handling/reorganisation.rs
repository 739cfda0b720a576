//! After a reorganisation: moving every open petition of a dissolved agency, or of a merged
//! administrative unit, to its successor in one audited operation.

use serde_json::json;

use crate::db::{self, DbConnection, admin_units, petitions};
use crate::domain::FieldError;
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::authorization::{self, Action, Actor};
use crate::domain::events::{EventKind, Subject, Visibility};
use crate::domain::petition::{Petition, PetitionChange};
use crate::service::events::{self, TimelineEntry};
use crate::service::reference::{admin_units as units, agencies};
use crate::service::{Context, ServiceError, ServiceResult};

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
    let today = context.today();
    let mut errors = Vec::new();
    let from = agencies::known(connection, from_agency)?;
    if from.is_none() {
        errors.push(FieldError::new("from_agency", "is not an agency"));
    }
    let to = agencies::in_force(connection, to_agency, today)?;
    if to.is_none() {
        errors.push(FieldError::new("to_agency", "is not an agency in force today"));
    }
    if from_agency == to_agency {
        errors.push(FieldError::new("to_agency", "must differ from from_agency"));
    }
    let (Some(from), Some(to)) = (from, to) else { return Err(ServiceError::Invalid(errors)) };
    ServiceError::unless_valid(errors)?;
    let change = PetitionChange {
        assigned_agency_id: Some(Some(to.id.clone())),
        assignee_id: Some(None),
        routing_basis: Some(Some(format!("moved to {}, the successor of {}", to.name, from.name))),
        ..PetitionChange::default()
    };
    let moving = Moving {
        event: EventKind::PetitionReassigned,
        note: format!("Chuyển cho cơ quan kế thừa: {0} / Moved to the successor agency: {0}", to.name),
        data: json!({ "from_agency_id": from.id, "to_agency_id": to.id }),
        audit: (EventKind::AgencyPetitionsMoved, Subject::Agency(&from.id)),
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
    let today = context.today();
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
        Some(unit) => units::path_of(connection, unit.code.as_str(), today)?,
        None => None,
    };
    if to_path.is_none() {
        errors.push(FieldError::new("to_unit", "is not an administrative unit in force today"));
    }
    if from_unit == to_unit {
        errors.push(FieldError::new("to_unit", "must differ from from_unit"));
    }
    let (Some(from), Some(to), Some(to_path)) = (from, to, to_path) else { return Err(ServiceError::Invalid(errors)) };
    ServiceError::unless_valid(errors)?;
    let change = PetitionChange { admin_unit: Some((to.code.clone(), to_path)), ..PetitionChange::default() };
    let moving = Moving {
        event: EventKind::PetitionUnitReassigned,
        note: format!("Địa bàn nay thuộc {0} / The place now belongs to {0}", to.name),
        data: json!({ "from_unit": from, "to_unit": to.code }),
        audit: (EventKind::AdminUnitPetitionsMoved, Subject::AdminUnit(&from)),
    };
    move_open(connection, context, actor, &moving, &change, |c| petitions::open_in_unit(c, from.as_str(), 500))
}

/// How a move is recorded: on each petition's timeline, and once on what they moved from.
struct Moving<'a> {
    event: EventKind,
    note: String,
    data: serde_json::Value,
    audit: (EventKind, Subject<'a>),
}

/// Applies `change` to every petition `next_batch` finds until it finds none, in one transaction.
fn move_open(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    moving: &Moving<'_>,
    change: &PetitionChange,
    mut next_batch: impl FnMut(&mut DbConnection) -> diesel::QueryResult<Vec<Petition>>,
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
                    visibility: Visibility::Public,
                    note: Some(&moving.note),
                    data: moving.data.clone(),
                };
                events::record_on_petition(c, &petition.id, entry, now)?;
                moved += 1;
            }
        }
        let mut audit = moving.data.clone();
        audit["moved"] = json!(moved);
        let (kind, subject) = moving.audit;
        events::record(c, Some(&actor.user_id), kind, subject, audit, now)?;
        Ok(moved)
    })
}
