//! The sweep, as for petitions: each unanswered recommendation's head is reminded once as its
//! respond-by day nears; past it, it is marked overdue once, and its head, the one who issued it
//! and the head of the superior agency are told. Each step is claimed under the version guard,
//! so two processes sweeping at once send nothing twice.

use chrono::TimeDelta;
use serde_json::json;

use super::notify::{tell_head, tell_monitor, tell_superior_head};
use crate::db::oversight::recommendations;
use crate::db::{self, DbConnection};
use crate::domain::events::{EventKind, Subject};
use crate::domain::oversight::recommendations::REMINDER_DAYS;
use crate::service::{Context, ServiceError, ServiceResult, events};

/// What one sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SweepReport {
    pub reminded: usize,
    pub overdue: usize,
}

pub fn sweep(connection: &mut DbConnection, context: &Context) -> ServiceResult<SweepReport> {
    Ok(SweepReport { reminded: remind(connection, context)?, overdue: mark_overdue(connection, context)? })
}

/// Reminds the head of each unanswered recommendation whose respond-by day is within
/// `REMINDER_DAYS`, once. Returns how many.
fn remind(connection: &mut DbConnection, context: &Context) -> ServiceResult<usize> {
    let (now, today) = (context.now(), context.today());
    let mut reminded = 0;
    for mut r in recommendations::due_for_reminder(connection, today, today + TimeDelta::days(REMINDER_DAYS), 100)? {
        let done = db::transaction(connection, |c| {
            r.reminded_at = Some(now);
            r.updated_at = now;
            if recommendations::save(c, &r)? == 0 {
                return Ok(false);
            }
            r.version += 1;
            let data = json!({ "respond_by": r.respond_by.to_string() });
            events::record(c, None, EventKind::RecommendationReminded, Subject::Recommendation(&r.id), data, now)?;
            tell_head(c, context, &r, ("sắp đến hạn trả lời", "is nearing its respond-by day"), &r.text)?;
            Ok::<_, ServiceError>(true)
        })?;
        reminded += usize::from(done);
    }
    Ok(reminded)
}

/// Marks each recommendation unanswered past its respond-by day overdue, once, and tells its
/// head, the one who issued it and the head of the superior agency. Returns how many.
fn mark_overdue(connection: &mut DbConnection, context: &Context) -> ServiceResult<usize> {
    let (now, today) = (context.now(), context.today());
    let mut marked = 0;
    for mut r in recommendations::newly_overdue(connection, today, 100)? {
        let done = db::transaction(connection, |c| {
            r.overdue_at = Some(now);
            r.updated_at = now;
            // Under the version guard: two processes sweeping mark and tell it once.
            if recommendations::save(c, &r)? == 0 {
                return Ok(false);
            }
            r.version += 1;
            let data = json!({ "respond_by": r.respond_by.to_string() });
            events::record(c, None, EventKind::RecommendationOverdue, Subject::Recommendation(&r.id), data, now)?;
            let words = ("đã quá hạn trả lời", "is past its respond-by day");
            tell_head(c, context, &r, words, &r.text)?;
            tell_monitor(c, context, &r, words, &r.text)?;
            tell_superior_head(c, context, &r, words, &r.text)?;
            Ok::<_, ServiceError>(true)
        })?;
        marked += usize::from(done);
    }
    Ok(marked)
}
