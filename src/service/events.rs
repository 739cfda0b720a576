//! Appending to the event log, in the caller's transaction.

use chrono::NaiveDateTime;
use serde_json::Value;

use super::ServiceResult;
use crate::db::DbConnection;
use crate::db::events::{self, NewEventRow};

/// Records that `kind` happened to a subject. `data` holds ids and codes, never personal details
/// beyond what the subject's own record already holds.
pub fn record(
    connection: &mut DbConnection,
    actor_id: Option<&str>,
    kind: &str,
    subject: (&str, &str),
    data: Value,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    append(connection, actor_id, kind, subject, data, ("internal", None), now)
}

/// A step in a petition's timeline: who did what, when, and whether the public sees it.
pub struct TimelineEntry<'a> {
    pub actor_id: Option<&'a str>,
    pub kind: &'a str,
    pub public: bool,
    /// Words for the timeline (a reason, an answer's summary); never a confidential identity.
    pub note: Option<&'a str>,
    pub data: Value,
}

pub fn record_on_petition(
    connection: &mut DbConnection,
    petition_id: &str,
    entry: TimelineEntry,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    let visibility = if entry.public { "public" } else { "internal" };
    append(connection, entry.actor_id, entry.kind, ("petition", petition_id), entry.data, (visibility, entry.note), now)
}

/// One event row: (visibility, note) say who may read it in a timeline, and in what words.
fn append(
    connection: &mut DbConnection,
    actor_id: Option<&str>,
    kind: &str,
    (subject_type, subject_id): (&str, &str),
    data: Value,
    (visibility, note): (&str, Option<&str>),
    now: NaiveDateTime,
) -> ServiceResult<()> {
    let id = uuid::Uuid::new_v4().to_string();
    let data = data.to_string();
    events::append(
        connection,
        &NewEventRow {
            id: &id,
            occurred_at: now,
            actor_id,
            kind,
            subject_type,
            subject_id,
            data: &data,
            visibility,
            note,
        },
    )?;
    Ok(())
}
