//! Each month's shortfalls flagged once: the first sweep of a month judges the month before for
//! every agency the law sets a minimum for; each head who fell short gets an event on their
//! agency's record and an e-mail. The month's claim row is the guard, so two processes sweeping
//! at once judge it once.

use serde_json::json;

use super::minimum::short_in;
use crate::db::reception::rules;
use crate::db::{self, DbConnection, users};
use crate::domain::account::User;
use crate::domain::events::{EventKind, Subject};
use crate::domain::reception::month::Month;
use crate::mail::templates;
use crate::service::{Context, ServiceError, ServiceResult, events, outbox};

/// Judges the month before today's, if no process has; returns how many heads fell short.
pub fn sweep(connection: &mut DbConnection, context: &Context) -> ServiceResult<usize> {
    let (now, today) = (context.now(), context.today());
    let month = Month::of(today).previous();
    db::transaction(connection, |c| {
        if !rules::claim_month(c, &month.to_string(), now)? {
            return Ok(0);
        }
        let short = short_in(c, month, None, today)?;
        for standing in &short {
            let (Some(judgement), Some(rule)) = (&standing.judgement, &standing.rule) else { continue };
            let (required, counted) = (judgement.required, judgement.counted);
            let data = json!({ "month": month.to_string(), "required": required, "counted": counted, "rule": rule.id });
            events::record(c, None, EventKind::AgencyReceptionShort, Subject::Agency(&standing.agency.id), data, now)?;
            let Some((head, _)) = &standing.head else { continue };
            let Some(user) = users::find(c, head)?.filter(User::is_active) else { continue };
            let link = format!("{}/reception-sessions", context.settings.public_base_url);
            let content = templates::reception_month_short(
                user.language,
                &user.full_name,
                &month.to_string(),
                (required, counted),
                &rule.basis,
                &link,
            );
            outbox::enqueue(c, user.email.as_str(), Some(&user.full_name), &content, now)?;
        }
        rules::set_month_short(c, &month.to_string(), i32::try_from(short.len()).unwrap_or(i32::MAX))?;
        Ok::<_, ServiceError>(short.len())
    })
}
