//! Overdue syntheses flagged once: the periodic sweep finds each published consultation whose
//! synthesis is past the `synthesis_due` rule's days after closing, records an event on it and
//! e-mails its agency's head and officers. The guarded UPDATE of `synthesis_overdue_at` is the
//! claim, so two processes sweeping at once tell the agency once.

use chrono::TimeDelta;
use serde_json::json;

use super::rules;
use crate::db::users::UserFilter;
use crate::db::{self, DbConnection, consultations as stored, users};
use crate::domain::account::Role;
use crate::domain::consultations::Consultation;
use crate::domain::consultations::consultation::SYNTHESIS_DUE;
use crate::domain::events::{EventKind, Subject};
use crate::mail::templates;
use crate::service::{Context, ServiceError, ServiceResult, events, outbox};

/// At most this many staff of one agency are told (an agency has a handful).
const STAFF_TOLD: i64 = 200;

/// Flags every synthesis newly overdue; returns how many this sweep flagged.
pub fn sweep(connection: &mut DbConnection, context: &Context) -> ServiceResult<usize> {
    let (now, today) = (context.now(), context.today());
    let due_days = rules::rule(connection, SYNTHESIS_DUE)?.days;
    let closed_before = today - TimeDelta::days(i64::from(due_days));
    let mut flagged = 0;
    for x in stored::synthesis_unflagged(connection, closed_before)? {
        let Some(overdue_days) = x.synthesis_overdue_days(due_days, today) else { continue };
        let told = db::transaction(connection, |c| {
            if stored::flag_synthesis_overdue(c, &x.id, now)? == 0 {
                return Ok(false);
            }
            let data = json!({ "closes_on": x.closes_on, "due_days": due_days, "overdue_days": overdue_days });
            events::record(c, None, EventKind::ConsultationSynthesisOverdue, Subject::Consultation(&x.id), data, now)?;
            tell_agency(c, context, &x, due_days)?;
            Ok::<_, ServiceError>(true)
        })?;
        flagged += usize::from(told);
    }
    Ok(flagged)
}

/// E-mails the agency's active head and officers, each in their language.
fn tell_agency(c: &mut DbConnection, context: &Context, x: &Consultation, due_days: i32) -> ServiceResult<()> {
    let filter = UserFilter { agency_id: Some(x.agency_id.clone()), ..UserFilter::default() };
    let staff = users::list(c, &filter, None, STAFF_TOLD)?;
    let due_on = x.closes_on + TimeDelta::days(i64::from(due_days));
    let dates = (x.closes_on.format("%d/%m/%Y").to_string(), due_on.format("%d/%m/%Y").to_string());
    let link = format!("{}/consultations/{}", context.settings.public_base_url, x.id);
    for user in staff.iter().filter(|u| matches!(u.role, Role::Head | Role::Officer) && u.is_active()) {
        let content = templates::consultation_synthesis_overdue(
            user.language,
            &user.full_name,
            &x.title,
            (&dates.0, &dates.1),
            &link,
        );
        outbox::enqueue(c, user.email.as_str(), Some(&user.full_name), &content, context.now())?;
    }
    Ok(())
}
