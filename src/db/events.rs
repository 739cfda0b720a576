//! The append-only event log: every change, who made it and when. Rows become `Event` here.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::decode::Columns;
use super::schema::events;
use crate::domain::events::{Event, EventData, EventKind, Subject, Visibility};
use crate::domain::ids::{EventId, PetitionId, UserId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = events)]
struct EventRow {
    id: String,
    occurred_at: NaiveDateTime,
    actor_id: Option<String>,
    kind: String,
    subject_type: String,
    subject_id: String,
    data: String,
    visibility: String,
    note: Option<String>,
    seq: i32,
}

const COLUMNS: Columns = Columns("events");

impl EventRow {
    fn into_event(self) -> QueryResult<Event> {
        let data = serde_json::from_str(&self.data).map_err(|e| COLUMNS.unreadable("data", &self.data, e))?;
        Ok(Event {
            kind: COLUMNS.parse("kind", &self.kind)?,
            visibility: COLUMNS.parse::<Visibility>("visibility", &self.visibility)?,
            id: EventId::from_stored(self.id),
            seq: self.seq,
            occurred_at: self.occurred_at,
            actor_id: self.actor_id.map(UserId::from_stored),
            subject_type: self.subject_type,
            subject_id: self.subject_id,
            data: EventData::new(data),
            note: self.note,
        })
    }
}

fn events_of(rows: Vec<EventRow>) -> QueryResult<Vec<Event>> {
    rows.into_iter().map(EventRow::into_event).collect()
}

#[derive(Debug, Insertable)]
#[diesel(table_name = events)]
pub struct NewEventRow<'a> {
    pub id: &'a str,
    pub occurred_at: NaiveDateTime,
    pub actor_id: Option<&'a str>,
    pub kind: &'a str,
    pub subject_type: &'a str,
    pub subject_id: &'a str,
    pub data: &'a str,
    pub visibility: &'a str,
    pub note: Option<&'a str>,
}

/// Appends an event as the next of its subject's, queued for the audit chain (call inside the
/// transaction of the change).
pub fn append(connection: &mut DbConnection, row: &NewEventRow) -> QueryResult<usize> {
    let last: Option<i32> = events::table
        .filter(events::subject_type.eq(row.subject_type))
        .filter(events::subject_id.eq(row.subject_id))
        .select(diesel::dsl::max(events::seq))
        .get_result(connection)?;
    let inserted =
        diesel::insert_into(events::table).values((row, events::seq.eq(last.unwrap_or(0) + 1))).execute(connection)?;
    // Queued for the audit chain in the same transaction: no committed event escapes sealing.
    super::oversight::chain::queue(connection, row.id)?;
    Ok(inserted)
}

/// Everything recorded about a subject, in order.
pub fn of_subject(connection: &mut DbConnection, subject: Subject) -> QueryResult<Vec<Event>> {
    events_of(
        events::table
            .filter(events::subject_type.eq(subject.type_name()))
            .filter(events::subject_id.eq(subject.id()))
            .order(events::seq.asc())
            .select(EventRow::as_select())
            .load(connection)?,
    )
}

/// Whether someone (not the system) ever recorded a change to `subject`: shipped data leaves alone
/// what an administrator has decided.
pub fn touched_by_someone(connection: &mut DbConnection, subject: Subject) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        events::table
            .filter(events::subject_type.eq(subject.type_name()))
            .filter(events::subject_id.eq(subject.id()))
            .filter(events::actor_id.is_not_null()),
    ))
    .get_result(connection)
}

/// A petition's timeline; only the public entries when `public_only`.
pub fn timeline(connection: &mut DbConnection, petition_id: &PetitionId, public_only: bool) -> QueryResult<Vec<Event>> {
    let of_petition =
        events::table.filter(events::subject_type.eq("petition")).filter(events::subject_id.eq(petition_id.as_str()));
    // Two fixed queries rather than one boxed one: diesel keeps a prepared statement only for a
    // query whose SQL is known at compile time, and the public page runs this on every lookup.
    let rows = match public_only {
        true => of_petition
            .filter(events::visibility.eq(Visibility::Public.as_str()))
            .order(events::seq.asc())
            .select(EventRow::as_select())
            .load(connection)?,
        false => of_petition.order(events::seq.asc()).select(EventRow::as_select()).load(connection)?,
    };
    events_of(rows)
}

/// The public timeline entries of the given kinds on petitions, in a time range, oldest first:
/// what Open311's `servicerequestupdates` lists (the caller keeps those of public petitions).
pub fn public_petition_entries(
    connection: &mut DbConnection,
    kinds: &[&str],
    from: NaiveDateTime,
    to: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<Event>> {
    let rows = events::table
        .filter(events::subject_type.eq("petition"))
        .filter(events::visibility.eq(Visibility::Public.as_str()))
        .filter(events::kind.eq_any(kinds))
        .filter(events::occurred_at.between(from, to))
        .order((events::occurred_at.asc(), events::id.asc()))
        .limit(limit)
        .select(EventRow::as_select())
        .load(connection)?;
    events_of(rows)
}

/// Which of `subject_ids` have an event of `kind` (for petitions: one query for a batch).
pub fn subjects_with(
    connection: &mut DbConnection,
    kind: EventKind,
    subject_ids: &[&str],
) -> QueryResult<std::collections::HashSet<String>> {
    let found: Vec<String> = events::table
        .filter(events::kind.eq(kind.as_str()))
        .filter(events::subject_id.eq_any(subject_ids))
        .select(events::subject_id)
        .load(connection)?;
    Ok(found.into_iter().collect())
}
