//! An agency's work as a whole: its dashboard figures, and moving every open petition of a
//! dissolved agency to its successor in one audited operation.

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta};
use serde_json::json;

use super::events::{self, TimelineEntry};
use super::{Context, ServiceError, ServiceResult};
use crate::db::petitions::{self, AgencyFigures, PetitionChange};
use crate::db::{self, DbConnection, agencies};
use crate::domain::FieldError;
use crate::domain::authorization::{self, Action, Actor};

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
    let now = context.now();
    let today = crate::domain::time::vietnam_date(now);
    let mut errors = Vec::new();
    let known = |c: &mut DbConnection, id: &str| -> ServiceResult<Option<agencies::AgencyRow>> {
        Ok(if uuid::Uuid::parse_str(id).is_ok() { agencies::find(c, id)? } else { None })
    };
    let from = known(connection, from_agency)?;
    if from.is_none() {
        errors.push(FieldError::new("from_agency", "is not an agency"));
    }
    let to = known(connection, to_agency)?.filter(|a| a.valid_to.is_none_or(|end| end >= today));
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
    db::transaction(connection, |c| {
        let mut moved = 0;
        loop {
            let batch = petitions::open_of_agency(c, &from.id, 500)?;
            if batch.is_empty() {
                break;
            }
            for petition in batch {
                moved += move_one(c, &petition, &to.id, &to.name, actor, now)?;
            }
        }
        events::record(
            c,
            Some(&actor.user_id),
            "agency.petitions_reassigned",
            ("agency", &from.id),
            json!({ "to_agency": to.id, "moved": moved }),
            now,
        )?;
        Ok(moved)
    })
}

fn move_one(
    c: &mut DbConnection,
    petition: &petitions::PetitionRow,
    to_id: &str,
    to_name: &str,
    actor: &Actor,
    now: NaiveDateTime,
) -> ServiceResult<usize> {
    let change = PetitionChange {
        assigned_agency_id: Some(Some(to_id.to_string())),
        assignee_id: Some(None),
        ..PetitionChange::default()
    };
    if petitions::apply(c, &petition.id, petition.version, &change, now)? == 0 {
        // Changed by someone meanwhile: the next batch reads it again if it is still open here.
        return Ok(0);
    }
    events::record_on_petition(
        c,
        &petition.id,
        TimelineEntry {
            actor_id: Some(&actor.user_id),
            kind: "petition.reassigned",
            public: true,
            note: Some(&format!("Chuyển cho cơ quan kế thừa: {to_name} / Moved to the successor agency: {to_name}")),
            data: json!({ "from_agency_id": petition.assigned_agency_id, "to_agency_id": to_id }),
        },
        now,
    )?;
    Ok(1)
}
