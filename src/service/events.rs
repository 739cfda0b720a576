//! The one writer of the event log, in the caller's transaction: every change records who did
//! what to which subject, and when.

use chrono::NaiveDateTime;
use serde_json::Value;

use super::{ServiceError, ServiceResult};
use crate::db::DbConnection;
use crate::db::events::{self, NewEventRow};
use crate::domain::events::{EventData, EventKind, Subject, Visibility};
use crate::domain::ids::{EventId, PetitionId, UserId};

/// Records that `kind` happened to `subject`, for staff's eyes only.
pub fn record(
    connection: &mut DbConnection,
    actor_id: Option<&UserId>,
    kind: EventKind,
    subject: Subject,
    data: Value,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    append(connection, actor_id, kind, subject, EventData::new(data), (Visibility::Internal, None), now)
}

/// A step in a petition's timeline: who did what, whether the public sees it, and in what words.
pub struct TimelineEntry<'a> {
    pub actor_id: Option<&'a UserId>,
    pub kind: EventKind,
    pub visibility: Visibility,
    /// Words for the timeline (a reason, an answer's summary); never a confidential identity.
    pub note: Option<&'a str>,
    pub data: Value,
}

pub fn record_on_petition(
    connection: &mut DbConnection,
    petition_id: &PetitionId,
    entry: TimelineEntry,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    let TimelineEntry { actor_id, kind, visibility, note, data } = entry;
    append(connection, actor_id, kind, Subject::Petition(petition_id), EventData::new(data), (visibility, note), now)
}

fn append(
    connection: &mut DbConnection,
    actor_id: Option<&UserId>,
    kind: EventKind,
    subject: Subject,
    data: EventData,
    (visibility, note): (Visibility, Option<&str>),
    now: NaiveDateTime,
) -> ServiceResult<()> {
    if kind.subject_type() != subject.type_name() {
        return Err(ServiceError::Internal(anyhow::anyhow!("{kind} is not about a {}", subject.type_name())));
    }
    let id = EventId::from(uuid::Uuid::new_v4());
    events::append(
        connection,
        &NewEventRow {
            id: id.as_str(),
            occurred_at: now,
            actor_id: actor_id.map(UserId::as_str),
            kind: kind.as_str(),
            subject_type: subject.type_name(),
            subject_id: &subject.id(),
            data: &data.canonical_text(),
            visibility: visibility.as_str(),
            note,
        },
    )?;
    Ok(())
}
