//! The e-mail outbox: messages waiting, claimed under a lease, sent or failed.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::outbox_emails;
use super::{DbConnection, MultiBackend};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox_emails)]
pub struct OutboxEmailRow {
    pub id: String,
    pub to_address: String,
    pub to_name: Option<String>,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub lease_owner: Option<String>,
    pub lease_expires_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = outbox_emails)]
pub struct NewOutboxEmailRow<'a> {
    pub id: &'a str,
    pub to_address: &'a str,
    pub to_name: Option<&'a str>,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub body_html: &'a str,
    pub status: &'a str,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
}

pub fn insert(connection: &mut DbConnection, row: &NewOutboxEmailRow) -> QueryResult<usize> {
    diesel::insert_into(outbox_emails::table).values(row).execute(connection)
}

pub fn find(connection: &mut DbConnection, id: &str) -> QueryResult<Option<OutboxEmailRow>> {
    outbox_emails::table.find(id).select(OutboxEmailRow::as_select()).first(connection).optional()
}

/// Pending messages due now whose lease (if any) has expired, oldest first.
pub fn due(connection: &mut DbConnection, now: NaiveDateTime, limit: i64) -> QueryResult<Vec<String>> {
    outbox_emails::table
        .filter(outbox_emails::status.eq("pending"))
        .filter(outbox_emails::next_attempt_at.le(now))
        .filter(outbox_emails::lease_expires_at.is_null().or(outbox_emails::lease_expires_at.lt(now)))
        .order(outbox_emails::next_attempt_at.asc())
        .limit(limit)
        .select(outbox_emails::id)
        .load(connection)
}

/// Takes a message for `owner` until `lease_until`; 0 when another worker holds it. The condition
/// and the write are one statement, so two workers can never both claim the same message.
pub fn claim(
    connection: &mut DbConnection,
    id: &str,
    owner: &str,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        outbox_emails::table
            .find(id)
            .filter(outbox_emails::status.eq("pending"))
            .filter(outbox_emails::lease_expires_at.is_null().or(outbox_emails::lease_expires_at.lt(now))),
    )
    .set((outbox_emails::lease_owner.eq(owner), outbox_emails::lease_expires_at.eq(lease_until)))
    .execute(connection)
}

/// Records delivery. The bodies are cleared: they may hold one-time links that must not outlive
/// their purpose in the database.
pub fn mark_sent(connection: &mut DbConnection, id: &str, owner: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(outbox_emails::table.find(id).filter(outbox_emails::lease_owner.eq(owner)))
        .set((
            outbox_emails::status.eq("sent"),
            outbox_emails::sent_at.eq(now),
            outbox_emails::attempts.eq(outbox_emails::attempts + 1),
            outbox_emails::body_text.eq(""),
            outbox_emails::body_html.eq(""),
            outbox_emails::lease_owner.eq(None::<String>),
            outbox_emails::lease_expires_at.eq(None::<NaiveDateTime>),
            outbox_emails::last_error.eq(None::<String>),
        ))
        .execute(connection)
}

/// Records a failed attempt: back to pending at `retry_at`, or failed for good when `retry_at` is None.
pub fn mark_attempt_failed(
    connection: &mut DbConnection,
    id: &str,
    owner: &str,
    error: &str,
    retry_at: Option<NaiveDateTime>,
) -> QueryResult<usize> {
    let status = if retry_at.is_some() { "pending" } else { "failed" };
    let mut changes = diesel::update(outbox_emails::table.find(id).filter(outbox_emails::lease_owner.eq(owner)))
        .set((
            outbox_emails::status.eq(status),
            outbox_emails::attempts.eq(outbox_emails::attempts + 1),
            outbox_emails::last_error.eq(error),
            outbox_emails::lease_owner.eq(None::<String>),
            outbox_emails::lease_expires_at.eq(None::<NaiveDateTime>),
        ))
        .execute(connection)?;
    if let Some(retry_at) = retry_at {
        changes = diesel::update(outbox_emails::table.find(id))
            .set(outbox_emails::next_attempt_at.eq(retry_at))
            .execute(connection)?;
    }
    Ok(changes)
}

/// Puts a failed message back in the queue, to be tried now with a fresh count of attempts.
pub fn requeue(connection: &mut DbConnection, id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(outbox_emails::table.find(id).filter(outbox_emails::status.eq("failed")))
        .set((
            outbox_emails::status.eq("pending"),
            outbox_emails::attempts.eq(0),
            outbox_emails::next_attempt_at.eq(now),
        ))
        .execute(connection)
}

fn with_status(status: Option<&str>) -> outbox_emails::BoxedQuery<'static, MultiBackend> {
    let mut query = outbox_emails::table.into_boxed();
    if let Some(status) = status {
        query = query.filter(outbox_emails::status.eq(status.to_string()));
    }
    query
}

/// A page of messages, newest first, after the (created_at, id) a previous page ended on.
pub fn list(
    connection: &mut DbConnection,
    status: Option<&str>,
    after: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<OutboxEmailRow>> {
    let mut query = with_status(status);
    if let Some((created_at, id)) = after {
        query = query.filter(
            outbox_emails::created_at
                .lt(created_at)
                .or(outbox_emails::created_at.eq(created_at).and(outbox_emails::id.lt(id))),
        );
    }
    query
        .order((outbox_emails::created_at.desc(), outbox_emails::id.desc()))
        .limit(limit)
        .select(OutboxEmailRow::as_select())
        .load(connection)
}

pub fn count(connection: &mut DbConnection, status: Option<&str>) -> QueryResult<i64> {
    with_status(status).count().get_result(connection)
}
