//! Recording a session afterwards: held (how many citizens were received, a summary, and the
//! petitions received there, filed with the channel `in_person` and linked to it) or not held
//! (with the reason). Recorded once, on the session's day or after.

use serde_json::json;

use super::{keeps_schedule, session};
use crate::db::reception::sessions::{self, Outcome};
use crate::db::{self, DbConnection};
use crate::domain::FieldError;
use crate::domain::authorization::{Action, Actor};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::{PetitionId, ReceptionSessionId};
use crate::domain::petition::Channel;
use crate::domain::reception::sessions::{ReceptionSession, SessionRecord, SessionStatus};
use crate::domain::text::clean_text;
use crate::domain::time::vietnam_date;
use crate::service::petitions::access;
use crate::service::{Context, ServiceError, ServiceResult, events};

/// The most petitions one session's record links.
pub const MAX_PETITIONS: usize = 200;

#[derive(Debug, Clone)]
pub enum SessionOutcome {
    Held { attended: i32, summary: String, petition_ids: Vec<String> },
    NotHeld { reason: String },
}

pub fn record(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    id: &ReceptionSessionId,
    outcome: SessionOutcome,
) -> ServiceResult<ReceptionSession> {
    let (now, today) = (context.now(), context.today());
    db::transaction(connection, |c| {
        let found = session(c, id)?;
        keeps_schedule(actor, &found.agency_id)?;
        if !found.recordable(today) {
            return Err(ServiceError::Conflict(format!(
                "the session is {} and held on {}: a session is recorded once, on its day or after",
                found.status, found.held_on
            )));
        }
        let mut errors = Vec::<FieldError>::new();
        let (status, note, record, petitions) = match outcome {
            SessionOutcome::Held { attended, summary, petition_ids } => {
                if !(0..=10_000).contains(&attended) {
                    errors.push(FieldError::new("attended", "must be from 0 to 10000"));
                }
                let summary = clean_text(&mut errors, "summary", &summary, 5..=10_000, true);
                ServiceError::unless_valid(errors)?;
                let petitions = received_at(c, actor, &found, &petition_ids)?;
                let record = SessionRecord { attended, summary, recorded_by: actor.user_id.clone(), recorded_at: now };
                (SessionStatus::Held, None, Some(record), petitions)
            }
            SessionOutcome::NotHeld { reason } => {
                let reason = clean_text(&mut errors, "reason", &reason, 5..=2_000, true);
                ServiceError::unless_valid(errors)?;
                (SessionStatus::NotHeld, Some(reason), None, Vec::new())
            }
        };
        let ended = Outcome { status, note: note.as_deref(), record: record.as_ref() };
        if sessions::end(c, id, ended, now)? == 0 {
            return Err(ServiceError::Conflict("the session changed meanwhile; read it again".into()));
        }
        sessions::link_petitions(c, id, &petitions)?;
        let attended = record.as_ref().map(|r| r.attended);
        let data = json!({ "status": status, "attended": attended, "petitions": petitions.len() });
        events::record(
            c,
            Some(&actor.user_id),
            EventKind::ReceptionSessionRecorded,
            Subject::ReceptionSession(id),
            data,
            now,
        )?;
        session(c, id)
    })
}

/// The petitions named, each one the recorder may read, received in person on the session's day
/// or after, and not already linked to a session.
fn received_at(
    c: &mut DbConnection,
    actor: &Actor,
    at: &ReceptionSession,
    ids: &[String],
) -> ServiceResult<Vec<PetitionId>> {
    if ids.len() > MAX_PETITIONS {
        return Err(ServiceError::invalid("petition_ids", format!("name at most {MAX_PETITIONS} petitions")));
    }
    let mut linked = Vec::new();
    for text in ids {
        let unknown = || ServiceError::invalid("petition_ids", format!("{text:?} is not a petition you may read"));
        let id = PetitionId::parse(text).map_err(|_| unknown())?;
        let petition = access::load(c, &id).map_err(|_| unknown())?;
        access::check(actor, &petition, Action::ReadPetition).map_err(|_| unknown())?;
        if petition.channel != Channel::InPerson || vietnam_date(petition.received_at) < at.held_on {
            return Err(ServiceError::invalid(
                "petition_ids",
                format!("{text:?} was not received in person on or after {}", at.held_on),
            ));
        }
        if sessions::petition_linked(c, &id)? {
            return Err(ServiceError::invalid("petition_ids", format!("{text:?} is already linked to a session")));
        }
        if !linked.contains(&id) {
            linked.push(id);
        }
    }
    Ok(linked)
}
