//! The e-mail outbox: messages waiting, claimed under a lease, sent or failed. Rows become
//! `OutboxEmail` here.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::decode::Columns;
use super::schema::outbox_emails;
use super::{DbConnection, MultiBackend};
use crate::domain::ids::EmailId;
use crate::domain::outbox::{EmailStatus, OutboxEmail};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox_emails)]
struct OutboxEmailRow {
    id: String,
    to_address: String,
    to_name: Option<String>,
    subject: String,
    body_text: String,
    body_html: String,
    status: String,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    lease_owner: Option<String>,
    lease_expires_at: Option<NaiveDateTime>,
    last_error: Option<String>,
    created_at: NaiveDateTime,
    sent_at: Option<NaiveDateTime>,
    recipient_hidden: bool,
    erased_at: Option<NaiveDateTime>,
}

impl OutboxEmailRow {
    fn into_email(self) -> QueryResult<OutboxEmail> {
        Ok(OutboxEmail {
            status: Columns("outbox_emails").parse("status", &self.status)?,
            id: EmailId::from_stored(self.id),
            to_address: self.to_address,
            to_name: self.to_name,
            subject: self.subject,
            body_text: self.body_text,
            body_html: self.body_html,
            attempts: self.attempts,
            next_attempt_at: self.next_attempt_at,
            lease_owner: self.lease_owner,
            lease_expires_at: self.lease_expires_at,
            last_error: self.last_error,
            created_at: self.created_at,
            sent_at: self.sent_at,
            recipient_hidden: self.recipient_hidden,
            erased_at: self.erased_at,
        })
    }
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
    pub recipient_hidden: bool,
}

pub fn insert(connection: &mut DbConnection, row: &NewOutboxEmailRow) -> QueryResult<usize> {
    diesel::insert_into(outbox_emails::table).values(row).execute(connection)
}

pub fn find(connection: &mut DbConnection, id: &EmailId) -> QueryResult<Option<OutboxEmail>> {
    let row =
        outbox_emails::table.find(id.as_str()).select(OutboxEmailRow::as_select()).get_result(connection).optional()?;
    row.map(OutboxEmailRow::into_email).transpose()
}

/// Pending messages due now whose lease (if any) has expired, oldest first.
pub fn due(connection: &mut DbConnection, now: NaiveDateTime, limit: i64) -> QueryResult<Vec<EmailId>> {
    let ids: Vec<String> = outbox_emails::table
        .filter(outbox_emails::status.eq(EmailStatus::Pending.as_str()))
        .filter(outbox_emails::next_attempt_at.le(now))
        .filter(outbox_emails::lease_expires_at.is_null().or(outbox_emails::lease_expires_at.lt(now)))
        .order(outbox_emails::next_attempt_at.asc())
        .limit(limit)
        .select(outbox_emails::id)
        .load(connection)?;
    Ok(ids.into_iter().map(EmailId::from_stored).collect())
}

/// Takes a message for `owner` until `lease_until`; 0 when another worker holds it. The condition
/// and the write are one statement, so two workers can never both claim the same message.
pub fn claim(
    connection: &mut DbConnection,
    id: &EmailId,
    owner: &str,
    now: NaiveDateTime,
    lease_until: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        outbox_emails::table
            .find(id.as_str())
            .filter(outbox_emails::status.eq(EmailStatus::Pending.as_str()))
            .filter(outbox_emails::lease_expires_at.is_null().or(outbox_emails::lease_expires_at.lt(now))),
    )
    .set((outbox_emails::lease_owner.eq(owner), outbox_emails::lease_expires_at.eq(lease_until)))
    .execute(connection)
}

/// Records delivery. The bodies are cleared: they may hold one-time links that must not outlive
/// their purpose in the database.
pub fn mark_sent(connection: &mut DbConnection, id: &EmailId, owner: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(outbox_emails::table.find(id.as_str()).filter(outbox_emails::lease_owner.eq(owner)))
        .set((
            outbox_emails::status.eq(EmailStatus::Sent.as_str()),
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
    id: &EmailId,
    owner: &str,
    error: &str,
    retry_at: Option<NaiveDateTime>,
) -> QueryResult<usize> {
    let status = if retry_at.is_some() { EmailStatus::Pending } else { EmailStatus::Failed };
    let mut changes =
        diesel::update(outbox_emails::table.find(id.as_str()).filter(outbox_emails::lease_owner.eq(owner)))
            .set((
                outbox_emails::status.eq(status.as_str()),
                outbox_emails::attempts.eq(outbox_emails::attempts + 1),
                outbox_emails::last_error.eq(error),
                outbox_emails::lease_owner.eq(None::<String>),
                outbox_emails::lease_expires_at.eq(None::<NaiveDateTime>),
            ))
            .execute(connection)?;
    if let Some(retry_at) = retry_at {
        changes = diesel::update(outbox_emails::table.find(id.as_str()))
            .set(outbox_emails::next_attempt_at.eq(retry_at))
            .execute(connection)?;
    }
    Ok(changes)
}

/// Puts a failed message back in the queue, to be tried now with a fresh count of attempts.
pub fn requeue(connection: &mut DbConnection, id: &EmailId, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        outbox_emails::table.find(id.as_str()).filter(outbox_emails::status.eq(EmailStatus::Failed.as_str())),
    )
    .set((
        outbox_emails::status.eq(EmailStatus::Pending.as_str()),
        outbox_emails::attempts.eq(0),
        outbox_emails::next_attempt_at.eq(now),
    ))
    .execute(connection)
}

/// Which sent mail to forget the recipient of: sent before a time (its retention ended), at most
/// so many at once, or sent to an address (an erased account's).
#[derive(Debug, Clone, Copy)]
pub enum SentMail<'a> {
    Before { sent_before: NaiveDateTime, at_most: i64 },
    To(&'a str),
}

/// Erases the recipient and subject of sent mail (bodies went at sending); returns how many
/// messages were erased.
pub fn erase_sent(connection: &mut DbConnection, which: SentMail, now: NaiveDateTime) -> QueryResult<usize> {
    let query = diesel::update(outbox_emails::table)
        .filter(outbox_emails::status.eq(EmailStatus::Sent.as_str()))
        .filter(outbox_emails::erased_at.is_null())
        .into_boxed();
    let query = match which {
        SentMail::Before { sent_before, at_most } => {
            // Along `outbox_emails_sent`, which drops each message as it is erased.
            let ids: Vec<String> = outbox_emails::table
                .filter(outbox_emails::status.eq(EmailStatus::Sent.as_str()))
                .filter(outbox_emails::erased_at.is_null())
                .filter(outbox_emails::sent_at.lt(sent_before))
                .select(outbox_emails::id)
                .limit(at_most)
                .load(connection)?;
            query.filter(outbox_emails::id.eq_any(ids))
        }
        SentMail::To(address) => query.filter(outbox_emails::to_address.eq(address)),
    };
    query
        .set((
            outbox_emails::to_address.eq(""),
            outbox_emails::to_name.eq(None::<String>),
            outbox_emails::subject.eq(""),
            outbox_emails::erased_at.eq(now),
        ))
        .execute(connection)
}

fn with_status(status: Option<EmailStatus>) -> outbox_emails::BoxedQuery<'static, MultiBackend> {
    let mut query = outbox_emails::table.into_boxed();
    if let Some(status) = status {
        query = query.filter(outbox_emails::status.eq(status.as_str()));
    }
    query
}

/// A page of messages, newest first, after the (created_at, id) a previous page ended on.
pub fn list(
    connection: &mut DbConnection,
    status: Option<EmailStatus>,
    after: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<OutboxEmail>> {
    let mut query = with_status(status);
    if let Some((created_at, id)) = after {
        query = query.filter(
            outbox_emails::created_at
                .lt(created_at)
                .or(outbox_emails::created_at.eq(created_at).and(outbox_emails::id.lt(id))),
        );
    }
    let rows = query
        .order((outbox_emails::created_at.desc(), outbox_emails::id.desc()))
        .limit(limit)
        .select(OutboxEmailRow::as_select())
        .load(connection)?;
    rows.into_iter().map(OutboxEmailRow::into_email).collect()
}

pub fn count(connection: &mut DbConnection, status: Option<EmailStatus>) -> QueryResult<i64> {
    with_status(status).count().get_result(connection)
}
