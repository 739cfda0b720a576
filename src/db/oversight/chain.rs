//! The audit chain's tables: events waiting to be sealed, the sealed entries, and the sealer's
//! head; read back in position order, a batch at a time, for verification and proofs.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{audit_chain, audit_head, audit_pending, events};
use crate::domain::oversight::audit::{ChainEntry, StoredEvent};

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = events)]
struct EventColumns {
    id: String,
    occurred_at: NaiveDateTime,
    actor_id: Option<String>,
    kind: String,
    subject_type: String,
    subject_id: String,
    seq: i32,
    visibility: String,
    note: Option<String>,
    data: String,
}

impl From<EventColumns> for StoredEvent {
    fn from(row: EventColumns) -> Self {
        let EventColumns { id, occurred_at, actor_id, kind, subject_type, subject_id, seq, visibility, note, data } =
            row;
        StoredEvent { id, occurred_at, actor_id, kind, subject_type, subject_id, seq, visibility, note, data }
    }
}

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = audit_chain)]
struct EntryRow {
    position: i64,
    event_id: String,
    digest: String,
    hash: String,
}

impl From<EntryRow> for ChainEntry {
    fn from(row: EntryRow) -> Self {
        ChainEntry { position: row.position, event_id: row.event_id, digest: row.digest, hash: row.hash }
    }
}

/// Queues an event for sealing (inside the transaction that appends it).
pub fn queue(connection: &mut DbConnection, event_id: &str) -> QueryResult<usize> {
    diesel::insert_into(audit_pending::table).values(audit_pending::event_id.eq(event_id)).execute(connection)
}

/// The sealer's head, locked until the transaction ends: on PostgreSQL by the row lock, on SQLite
/// by the write lock `db::transaction` already holds.
pub fn lock_head(connection: &mut DbConnection) -> QueryResult<(i64, String)> {
    let query = audit_head::table.find(1).select((audit_head::position, audit_head::hash));
    match connection {
        DbConnection::Postgres(pg) => query.for_update().get_result(pg),
        DbConnection::Sqlite(sqlite) => query.get_result(sqlite),
    }
}

/// The oldest queued events, with the queue's ids to remove once sealed.
pub fn queued(connection: &mut DbConnection, limit: i64) -> QueryResult<Vec<(i64, StoredEvent)>> {
    let rows: Vec<(i64, EventColumns)> = audit_pending::table
        .inner_join(events::table.on(events::id.eq(audit_pending::event_id)))
        .order(audit_pending::id.asc())
        .limit(limit)
        .select((audit_pending::id, EventColumns::as_select()))
        .load(connection)?;
    Ok(rows.into_iter().map(|(id, event)| (id, event.into())).collect())
}

/// Writes sealed entries, takes their events off the queue and moves the head, in the caller's
/// transaction.
pub fn seal(
    connection: &mut DbConnection,
    entries: &[ChainEntry],
    queue_ids: &[i64],
    sealed_at: NaiveDateTime,
) -> QueryResult<()> {
    let Some(last) = entries.last() else { return Ok(()) };
    for entry in entries {
        diesel::insert_into(audit_chain::table)
            .values((
                audit_chain::position.eq(entry.position),
                audit_chain::event_id.eq(&entry.event_id),
                audit_chain::digest.eq(&entry.digest),
                audit_chain::hash.eq(&entry.hash),
                audit_chain::sealed_at.eq(sealed_at),
            ))
            .execute(connection)?;
    }
    diesel::delete(audit_pending::table.filter(audit_pending::id.eq_any(queue_ids))).execute(connection)?;
    diesel::update(audit_head::table.find(1))
        .set((audit_head::position.eq(last.position), audit_head::hash.eq(&last.hash)))
        .execute(connection)?;
    Ok(())
}

/// Up to `limit` entries after `position`, each with its event as stored now (`None` when the
/// event is gone).
pub fn entries_after(
    connection: &mut DbConnection,
    position: i64,
    limit: i64,
) -> QueryResult<Vec<(ChainEntry, Option<StoredEvent>)>> {
    let rows: Vec<(EntryRow, Option<EventColumns>)> = audit_chain::table
        .left_join(events::table.on(events::id.eq(audit_chain::event_id)))
        .filter(audit_chain::position.gt(position))
        .order(audit_chain::position.asc())
        .limit(limit)
        .select((EntryRow::as_select(), Option::<EventColumns>::as_select()))
        .load(connection)?;
    Ok(rows.into_iter().map(|(entry, event)| (entry.into(), event.map(StoredEvent::from))).collect())
}

/// The entries sealing one subject's events, oldest first, with the events.
pub fn entries_of_subject(
    connection: &mut DbConnection,
    subject_type: &str,
    subject_id: &str,
) -> QueryResult<Vec<(ChainEntry, StoredEvent)>> {
    let rows: Vec<(EntryRow, EventColumns)> = audit_chain::table
        .inner_join(events::table.on(events::id.eq(audit_chain::event_id)))
        .filter(events::subject_type.eq(subject_type))
        .filter(events::subject_id.eq(subject_id))
        .order(audit_chain::position.asc())
        .select((EntryRow::as_select(), EventColumns::as_select()))
        .load(connection)?;
    Ok(rows.into_iter().map(|(entry, event)| (entry.into(), event.into())).collect())
}

/// The digests of the entries from `from` to `to` (inclusive), in order.
pub fn digests(connection: &mut DbConnection, from: i64, to: i64) -> QueryResult<Vec<String>> {
    audit_chain::table
        .filter(audit_chain::position.between(from, to))
        .order(audit_chain::position.asc())
        .select(audit_chain::digest)
        .load(connection)
}

/// The hash stored at `position`.
pub fn hash_at(connection: &mut DbConnection, position: i64) -> QueryResult<Option<String>> {
    audit_chain::table.find(position).select(audit_chain::hash).get_result(connection).optional()
}

/// How many events the log holds, how many wait to be sealed, and how many are sealed — read in
/// that order, so that a round of sealing between the reads counts an event twice rather than not
/// at all: more events than the other two together then means some escaped the chain.
pub fn counts(connection: &mut DbConnection) -> QueryResult<(i64, i64, i64)> {
    let logged = events::table.count().get_result(connection)?;
    let waiting = audit_pending::table.count().get_result(connection)?;
    let sealed = audit_chain::table.count().get_result(connection)?;
    Ok((logged, waiting, sealed))
}

/// An event neither sealed nor waiting: written around pakn (or its queue entry removed). Only
/// looked for when the counts say one exists, since it reads the whole log.
pub fn first_outside_chain(connection: &mut DbConnection) -> QueryResult<Option<String>> {
    events::table
        .filter(diesel::dsl::not(diesel::dsl::exists(audit_chain::table.filter(audit_chain::event_id.eq(events::id)))))
        .filter(diesel::dsl::not(diesel::dsl::exists(
            audit_pending::table.filter(audit_pending::event_id.eq(events::id)),
        )))
        .order(events::occurred_at.asc())
        .select(events::id)
        .first(connection)
        .optional()
}
