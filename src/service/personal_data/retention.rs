//! The purge: every retention rule applied to what has outlived it. Run by the retention job in
//! every process; each deletion touches only rows past their cutoff, so two processes purging at
//! once remove each row once, and each removal is recorded as a count, never its content.

use chrono::NaiveDateTime;
use serde_json::json;

use super::rules;
use crate::db::outbox::{self, SentMail};
use crate::db::personal_data::{purge, rules as rules_rows};
use crate::db::{self, DbConnection};
use crate::domain::events::{EventKind, Subject};
use crate::domain::personal_data::rules::{DataProtectionRule, RuleName};
use crate::domain::petition::PetitionKind;
use crate::service::accounts::sessions::REFRESH_TOKEN_LIFETIME;
use crate::service::shutdown::Shutdown;
use crate::service::{Context, ServiceResult, events};

/// How many petitions' petitioners one transaction anonymises.
const BATCH: i64 = 500;

/// How many rows of the large tables (sent mail, reads of personal data, one-time tokens,
/// throttles) one transaction removes: a purge after a long pause, or over a large import, must
/// not hold SQLite's one writer for seconds while citizens file (a 1,744,090-message purge took
/// 7 s in one transaction and answered a filing's login 503).
const ROWS: i64 = 5_000;

/// What one purge removed, rule by rule (rules that removed nothing are left out).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PurgeReport {
    pub removed: Vec<(RuleName, usize)>,
}

impl PurgeReport {
    pub fn total(&self) -> usize {
        self.removed.iter().map(|(_, count)| count).sum()
    }

    pub fn of(&self, rule: RuleName) -> usize {
        self.removed.iter().filter(|(name, _)| *name == rule).map(|(_, count)| count).sum()
    }
}

/// Applies every retention rule, until a shutdown begins: what is left past its cutoff is removed
/// by the next round.
pub fn purge(connection: &mut DbConnection, context: &Context, shutdown: &Shutdown) -> ServiceResult<PurgeReport> {
    let now = context.now();
    let mut report = PurgeReport::default();
    for rule in rules::list(connection)?.into_iter().filter(|rule| rule.name.is_retention()) {
        if shutdown.has_begun() {
            break;
        }
        let removed = apply(connection, &rule, now, shutdown)?;
        if removed > 0 {
            report.removed.push((rule.name, removed));
        }
    }
    Ok(report)
}

/// Applies one rule, in one transaction per batch, each with the event that counts it. Petitioners
/// are read only from where the last purge of the rule stopped, so a round reads what ended since;
/// a purge stopped by a shutdown leaves that mark where it was, and the next round starts again
/// from it.
fn apply(
    connection: &mut DbConnection,
    rule: &DataProtectionRule,
    now: NaiveDateTime,
    shutdown: &Shutdown,
) -> ServiceResult<usize> {
    let cutoff = rule.period.before(now);
    let since = rules_rows::purged_through(connection, rule.name)?;
    let mut total = 0;
    loop {
        // How many went, and the batch's bound: a full batch means there may be more.
        let (removed, batch) = db::transaction(connection, |c| {
            let (removed, batch) = match rule.name {
                // Small tables, each removed in one statement.
                RuleName::Sessions => (purge::sessions_ended(c, cutoff, cutoff - REFRESH_TOKEN_LIFETIME)?, None),
                RuleName::IdempotencyKeys => (purge::idempotency_keys_before(c, cutoff)?, None),
                RuleName::ReceptionBookings => {
                    (crate::db::reception::bookings::delete_held_before(c, cutoff.date())?, None)
                }
                RuleName::ConsultationComments => {
                    (crate::db::consultations::comments::delete_concluded_before(c, cutoff)?, None)
                }
                RuleName::OneTimeTokens => (purge::one_time_tokens_expired(c, cutoff, ROWS)?, Some(ROWS)),
                RuleName::Throttles => (purge::throttles_past(c, cutoff, now, ROWS)?, Some(ROWS)),
                RuleName::SentMail => {
                    let sent = SentMail::Before { sent_before: cutoff, at_most: ROWS };
                    (outbox::erase_sent(c, sent, now)?, Some(ROWS))
                }
                RuleName::DataReads => (crate::db::personal_data::reads::delete_before(c, cutoff, ROWS)?, Some(ROWS)),
                RuleName::ClosedPetitioners => {
                    let kinds = [PetitionKind::Feedback, PetitionKind::Proposal, PetitionKind::Complaint];
                    let ids = purge::petitioners_ended_before(c, &kinds, (since, cutoff), BATCH)?;
                    (purge::anonymise_petitioners(c, &ids)?, Some(BATCH))
                }
                RuleName::Denouncers => {
                    let ids =
                        purge::petitioners_ended_before(c, &[PetitionKind::Denunciation], (since, cutoff), BATCH)?;
                    (purge::anonymise_petitioners(c, &ids)?, Some(BATCH))
                }
                RuleName::AccessRequestResponse
                | RuleName::ErasureRequestResponse
                | RuleName::ObjectionRequestResponse
                | RuleName::BreachNotification => (0, None),
            };
            if removed > 0 {
                let data = json!({ "count": removed, "before": cutoff.and_utc().to_rfc3339() });
                let subject = Subject::DataProtectionRule(rule.name);
                events::record(c, None, EventKind::DataProtectionRulePurged, subject, data, now)?;
            }
            Ok::<_, crate::service::ServiceError>((removed, batch))
        })?;
        total += removed;
        if batch.is_some_and(|batch| removed >= batch as usize) {
            // More may be left: the next batch, or the next round if pakn is stopping.
            if shutdown.has_begun() {
                return Ok(total);
            }
            continue;
        }
        if matches!(rule.name, RuleName::ClosedPetitioners | RuleName::Denouncers) {
            rules_rows::mark_purged_through(connection, rule.name, cutoff)?;
        }
        return Ok(total);
    }
}
