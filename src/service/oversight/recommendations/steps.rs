//! The steps on a recommendation: the head answers and reports the remedy; the monitor closes it
//! or escalates it to the superior agency, where it starts again as a new recommendation.

use chrono::TimeDelta;
use serde_json::json;

use super::notify::{tell_head, tell_monitor};
use super::readable;
use crate::db::oversight::recommendations;
use crate::db::{self, DbConnection, agencies};
use crate::domain::FieldError;
use crate::domain::authorization::{self, Action, Actor};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::{AgencyId, RecommendationId};
use crate::domain::oversight::recommendations::{
    Position, ProgressReport, Recommendation, RecommendationStatus, RecommendationStep, Response,
};
use crate::domain::text::{clean_text, optional_text};
use crate::service::oversight::rules::{self, RECOMMENDATION_RESPONSE};
use crate::service::{Context, ServiceError, ServiceResult, events};

/// A step by the agency's head (answer, progress) or the monitor (close, escalate).
#[derive(Debug, Clone)]
pub enum Step {
    Respond { position: String, text: String, remedy_plan: Option<String> },
    ReportProgress { percent: i32, note: String },
    Close { note: String },
    Escalate { note: String },
}

pub fn take(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    id: &RecommendationId,
    step: Step,
) -> ServiceResult<Recommendation> {
    let (now, today) = (context.now(), context.today());
    db::transaction(connection, |c| {
        let (mut r, unit_path) = readable(c, actor, id, today)?;
        let as_head = Action::AnswerRecommendation { agency_id: &r.agency_id };
        let as_issuer = Action::FollowUp { unit_path: &unit_path, body: r.oversight_body };
        let (kind, words, told_text) = match step {
            Step::Respond { position, text, remedy_plan } => {
                checked(actor, &as_head, &r, RecommendationStep::Respond)?;
                let mut errors = Vec::new();
                let position = position
                    .parse::<Position>()
                    .map_err(|e| errors.push(FieldError::new("position", e.to_string())))
                    .ok();
                let text = clean_text(&mut errors, "text", &text, 10..=10_000, true);
                let remedy_plan = optional_text(&mut errors, "remedy_plan", remedy_plan.as_deref(), 10_000);
                ServiceError::unless_valid(errors)?;
                let position = position.ok_or_else(|| ServiceError::invalid("position", "is required"))?;
                r.response = Some(Response {
                    position,
                    text: text.clone(),
                    remedy_plan,
                    responded_by: actor.user_id.clone(),
                    responded_at: now,
                });
                r.status = RecommendationStatus::Responded;
                (EventKind::RecommendationResponded, ("đã được cơ quan trả lời", "was answered by the agency"), text)
            }
            Step::ReportProgress { percent, note } => {
                checked(actor, &as_head, &r, RecommendationStep::ReportProgress)?;
                let mut errors = Vec::new();
                if !(0..=100).contains(&percent) {
                    errors.push(FieldError::new("percent", "must be from 0 to 100"));
                }
                let note = clean_text(&mut errors, "note", &note, 5..=5_000, true);
                ServiceError::unless_valid(errors)?;
                let report = ProgressReport {
                    percent,
                    note: note.clone(),
                    reported_by: actor.user_id.clone(),
                    reported_at: now,
                };
                recommendations::add_progress(c, &r.id, &report)?;
                r.progress = percent;
                (
                    EventKind::RecommendationProgressReported,
                    ("có báo cáo tiến độ khắc phục", "has a remedy progress report"),
                    note,
                )
            }
            Step::Close { note } => {
                checked(actor, &as_issuer, &r, RecommendationStep::Close)?;
                let mut errors = Vec::new();
                let note = clean_text(&mut errors, "note", &note, 5..=5_000, true);
                ServiceError::unless_valid(errors)?;
                r.status = RecommendationStatus::ClosedSatisfied;
                r.closing_note = Some(note.clone());
                r.closed_at = Some(now);
                (
                    EventKind::RecommendationClosed,
                    ("đã được kết thúc: việc khắc phục được ghi nhận", "was closed: the remedy is recorded as done"),
                    note,
                )
            }
            Step::Escalate { note } => {
                checked(actor, &as_issuer, &r, RecommendationStep::Escalate)?;
                let mut errors = Vec::new();
                let note = clean_text(&mut errors, "note", &note, 5..=5_000, true);
                ServiceError::unless_valid(errors)?;
                let superior = agencies::find(c, &r.agency_id)?
                    .and_then(|a| a.parent_id)
                    .ok_or_else(|| ServiceError::Conflict("the agency has no superior agency to escalate to".into()))?;
                r.status = RecommendationStatus::Escalated;
                r.closing_note = Some(note.clone());
                r.closed_at = Some(now);
                escalate_to(c, context, actor, &r, superior, &note)?;
                (
                    EventKind::RecommendationEscalated,
                    ("đã được chuyển lên cơ quan cấp trên", "was escalated to the superior agency"),
                    note,
                )
            }
        };
        r.updated_at = now;
        if recommendations::save(c, &r)? == 0 {
            return Err(ServiceError::EditConflict);
        }
        r.version += 1;
        let data = json!({ "status": r.status.as_str(), "progress": r.progress });
        events::record(c, Some(&actor.user_id), kind, Subject::Recommendation(&r.id), data, now)?;
        match kind {
            EventKind::RecommendationResponded | EventKind::RecommendationProgressReported => {
                tell_monitor(c, context, &r, words, &told_text)?;
            }
            _ => tell_head(c, context, &r, words, &told_text)?,
        }
        Ok(r)
    })
}

fn checked(actor: &Actor, action: &Action, r: &Recommendation, step: RecommendationStep) -> ServiceResult<()> {
    authorization::authorize(actor, action).map_err(|_| ServiceError::Forbidden)?;
    r.allows(step).map_err(ServiceError::Conflict)
}

/// The same recommendation, addressed to the superior agency, its respond-by day from the rule.
fn escalate_to(
    c: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    from: &Recommendation,
    superior: AgencyId,
    note: &str,
) -> ServiceResult<()> {
    let (now, today) = (context.now(), context.today());
    let respond_by = today + TimeDelta::days(i64::from(rules::days(c, RECOMMENDATION_RESPONSE)?));
    let text = format!("{}\n\n{note}", from.text);
    let escalated = Recommendation {
        escalated_from_id: Some(from.id.clone()),
        finding_ids: from.finding_ids.clone(),
        ..Recommendation::issued(actor.user_id.clone(), from.oversight_body, superior, text, respond_by, now)
    };
    recommendations::insert(c, &escalated)?;
    let data =
        json!({ "agency_id": escalated.agency_id, "escalated_from": from.id, "respond_by": respond_by.to_string() });
    events::record(
        c,
        Some(&actor.user_id),
        EventKind::RecommendationIssued,
        Subject::Recommendation(&escalated.id),
        data,
        now,
    )?;
    tell_head(
        c,
        context,
        &escalated,
        ("được chuyển lên từ cơ quan cấp dưới", "was escalated to your agency"),
        &escalated.text,
    )
}
