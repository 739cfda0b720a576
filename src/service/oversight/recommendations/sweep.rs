//! The sweep: each recommendation unanswered past its respond-by day is marked overdue once, and
//! its head and monitor are told.

use serde_json::json;

use super::notify::{tell_head, tell_monitor};
use crate::db::oversight::recommendations;
use crate::db::{self, DbConnection};
use crate::domain::events::{EventKind, Subject};
use crate::service::{Context, ServiceError, ServiceResult, events};

/// Marks each recommendation unanswered past its respond-by day overdue, once, and tells the head
/// and the monitor. Returns how many.
pub fn sweep(connection: &mut DbConnection, context: &Context) -> ServiceResult<usize> {
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
            Ok::<_, ServiceError>(true)
        })?;
        marked += usize::from(done);
    }
    Ok(marked)
}
