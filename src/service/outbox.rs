//! The e-mail outbox: messages are written in the same transaction as the change that causes them,
//! then delivered by a worker that claims each under a lease, retries with exponential backoff and
//! sets aside as failed what it cannot deliver, for an administrator to retry.

use std::time::Duration;

use chrono::{NaiveDateTime, TimeDelta};

use super::page::Page;
use super::{ServiceError, ServiceResult};
use crate::db::DbConnection;
use crate::db::outbox::{self, NewOutboxEmailRow};
use crate::domain::ids::EmailId;
use crate::domain::outbox::{Addressee, EmailStatus, OutboxEmail};
use crate::domain::pagination::{Cursor, PageSize};
use crate::mail::Mailer;
use crate::mail::templates::EmailContent;
use crate::service::shutdown::Shutdown;

/// Queues a message to someone an administrator may see mail go to (a user of pakn, staff).
/// Call it inside the transaction of the change that causes it.
pub fn enqueue(
    connection: &mut DbConnection,
    to_address: &str,
    to_name: Option<&str>,
    content: &EmailContent,
    now: NaiveDateTime,
) -> ServiceResult<EmailId> {
    enqueue_to(connection, Addressee::shown(to_address, to_name), content, now)
}

/// Queues a message, the recipient hidden from the outbox view when `to.hidden`.
pub fn enqueue_to(
    connection: &mut DbConnection,
    to: Addressee,
    content: &EmailContent,
    now: NaiveDateTime,
) -> ServiceResult<EmailId> {
    let id = EmailId::from(uuid::Uuid::new_v4());
    outbox::insert(
        connection,
        &NewOutboxEmailRow {
            id: id.as_str(),
            to_address: to.address,
            to_name: to.name,
            recipient_hidden: to.hidden,
            subject: &content.subject,
            body_text: &content.text,
            body_html: &content.html,
            status: EmailStatus::Pending.as_str(),
            attempts: 0,
            next_attempt_at: now,
            created_at: now,
        },
    )?;
    Ok(id)
}

#[derive(Debug, Clone, Copy)]
pub struct DeliveryPolicy {
    pub max_attempts: u32,
    pub retry_base: Duration,
    /// How long a worker holds a message; longer than any one SMTP exchange.
    pub lease: Duration,
    pub batch: i64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub sent: usize,
    pub retrying: usize,
    pub failed: usize,
}

/// The wait before the next attempt after `attempts` failures: base, 2×base, 4×base, … at most an hour.
pub fn backoff(retry_base: Duration, attempts: u32) -> Duration {
    let factor = 2u32.saturating_pow(attempts.saturating_sub(1).min(20));
    retry_base.saturating_mul(factor).min(Duration::from_secs(3600))
}

/// Delivers every message due at `now()` that no other worker holds, until a shutdown begins (a
/// message not yet claimed stays queued for the next round). `now` is read afresh for each
/// message, since sending takes time.
pub fn deliver_due(
    connection: &mut DbConnection,
    mailer: &Mailer,
    worker: &str,
    now: &dyn Fn() -> NaiveDateTime,
    policy: DeliveryPolicy,
    shutdown: &Shutdown,
) -> ServiceResult<DeliveryReport> {
    let mut report = DeliveryReport::default();
    let lease = TimeDelta::from_std(policy.lease).unwrap_or(TimeDelta::minutes(2));
    for id in outbox::due(connection, now(), policy.batch)? {
        // Each send may wait for a slow mail server up to its timeout: stop between them.
        if shutdown.has_begun() {
            break;
        }
        let claimed_at = now();
        if outbox::claim(connection, &id, worker, claimed_at, claimed_at + lease)? == 0 {
            continue; // another worker has it
        }
        let Some(email) = outbox::find(connection, &id)? else { continue };
        match mailer.send(&email) {
            Ok(()) => {
                outbox::mark_sent(connection, &id, worker, now())?;
                report.sent += 1;
            }
            Err(failure) => {
                let attempts = u32::try_from(email.attempts).unwrap_or(0) + 1;
                let give_up = failure.permanent || attempts >= policy.max_attempts;
                let retry_at = (!give_up).then(|| {
                    now() + TimeDelta::from_std(backoff(policy.retry_base, attempts)).unwrap_or(TimeDelta::hours(1))
                });
                let reason = email.without_recipient(&failure.reason);
                tracing::warn!(email_id = %id, attempts, permanent = failure.permanent, error = %reason, "e-mail not delivered");
                outbox::mark_attempt_failed(connection, &id, worker, &failure.reason, retry_at)?;
                if give_up {
                    report.failed += 1;
                } else {
                    report.retrying += 1;
                }
            }
        }
    }
    Ok(report)
}

pub fn list(
    connection: &mut DbConnection,
    status: Option<EmailStatus>,
    size: PageSize,
    cursor: Option<&Cursor>,
) -> ServiceResult<Page<OutboxEmail>> {
    let after = match cursor {
        Some(cursor) => {
            let (at, id) = cursor.0.split_once('|').ok_or_else(invalid_cursor)?;
            let at = NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%S%.f").map_err(|_| invalid_cursor())?;
            Some((at, id.to_string()))
        }
        None => None,
    };
    let rows = outbox::list(connection, status, after, size.get() + 1)?;
    let total = outbox::count(connection, status)?;
    Ok(Page::from_rows(rows, size, total, |row| {
        format!("{}|{}", row.created_at.format("%Y-%m-%dT%H:%M:%S%.f"), row.id)
    }))
}

fn invalid_cursor() -> ServiceError {
    ServiceError::invalid("cursor", "is not a cursor this API gave out")
}

/// Puts a failed message back in the queue; a message that has not failed cannot be retried.
pub fn retry(connection: &mut DbConnection, id: &EmailId, now: NaiveDateTime) -> ServiceResult<OutboxEmail> {
    let email =
        outbox::find(connection, id)?.ok_or_else(|| ServiceError::NotFound(format!("no e-mail has the id {id}")))?;
    if email.status != EmailStatus::Failed {
        return Err(ServiceError::Conflict(format!(
            "only failed e-mails can be retried; this one is {}",
            email.status
        )));
    }
    outbox::requeue(connection, id, now)?;
    outbox::find(connection, id)?.ok_or_else(|| ServiceError::NotFound(format!("no e-mail has the id {id}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backoff_doubles_and_stops_at_an_hour() {
        let base = Duration::from_secs(10);
        assert_eq!(backoff(base, 1), Duration::from_secs(10));
        assert_eq!(backoff(base, 2), Duration::from_secs(20));
        assert_eq!(backoff(base, 4), Duration::from_secs(80));
        assert_eq!(backoff(base, 30), Duration::from_secs(3600));
    }
}
