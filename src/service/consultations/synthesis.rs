//! After the window closes: the agency answers every visible comment, alone or in a group of
//! similar ones (accepted, partly accepted, not accepted, with its explanation), then publishes
//! its synthesis, which concludes the consultation.

use serde_json::json;

use super::publishing::{reread, saved};
use super::{ConsultationView, managed};
use crate::db::consultations::comments;
use crate::db::{self, DbConnection};
use crate::domain::FieldError;
use crate::domain::authorization::Actor;
use crate::domain::consultations::{Answer, AnswerPosition, Consultation, ConsultationState, ConsultationStatus};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::{ConsultationAnswerId, ConsultationCommentId, ConsultationId};
use crate::domain::text::clean_text;
use crate::service::{Context, ServiceError, ServiceResult, events};

/// The most comments one answer covers.
pub const MAX_GROUPED: usize = 500;

/// 409 unless the window has closed and the synthesis is not published yet.
fn closed_not_concluded(x: &Consultation, context: &Context) -> ServiceResult<()> {
    match x.status(context.today()) {
        ConsultationStatus::Closed => Ok(()),
        ConsultationStatus::Concluded => Err(ServiceError::Conflict("the synthesis is already published".into())),
        _ => Err(ServiceError::Conflict(format!("comments are answered after the window closes, on {}", x.closes_on))),
    }
}

pub fn answer(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    id: &ConsultationId,
    comment_ids: &[String],
    position: &str,
    explanation: &str,
) -> ServiceResult<ConsultationView> {
    let now = context.now();
    let mut errors = Vec::<FieldError>::new();
    let position =
        position.parse::<AnswerPosition>().map_err(|e| errors.push(FieldError::new("position", e.to_string()))).ok();
    let explanation = clean_text(&mut errors, "explanation", explanation, 5..=10_000, true);
    if comment_ids.is_empty() || comment_ids.len() > MAX_GROUPED {
        errors.push(FieldError::new("comment_ids", format!("name 1 to {MAX_GROUPED} comments")));
    }
    let mut ids: Vec<ConsultationCommentId> = Vec::new();
    for text in comment_ids {
        match ConsultationCommentId::parse(text) {
            Ok(id) if !ids.contains(&id) => ids.push(id),
            Ok(_) => {}
            Err(_) => errors.push(FieldError::new("comment_ids", format!("{text:?} is not a comment id"))),
        }
    }
    ServiceError::unless_valid(errors)?;
    let position = position.ok_or_else(|| ServiceError::invalid("position", "is required"))?;
    db::transaction(connection, |c| {
        let x = managed(c, actor, id, context.today())?;
        let all = comments::of_consultation(c, id)?;
        for wanted in &ids {
            let Some(found) = all.iter().find(|comment| comment.id == *wanted) else {
                return Err(ServiceError::invalid(
                    "comment_ids",
                    format!("{wanted} is not a comment on this consultation"),
                ));
            };
            if !found.is_visible() {
                return Err(ServiceError::invalid(
                    "comment_ids",
                    format!("{wanted} is hidden; hidden comments are not answered"),
                ));
            }
            if found.answer_id.is_some() {
                return Err(ServiceError::Conflict(format!("the comment {wanted} is already answered")));
            }
        }
        closed_not_concluded(&x, context)?;
        let given = Answer {
            id: ConsultationAnswerId::from(uuid::Uuid::new_v4()),
            consultation_id: id.clone(),
            position,
            explanation,
            answered_by: actor.user_id.clone(),
            answered_at: now,
        };
        if comments::answer(c, &given, &ids)? != ids.len() {
            return Err(ServiceError::Conflict("a comment was answered meanwhile; read them again".into()));
        }
        let data = json!({ "answer_id": given.id, "comment_ids": ids, "position": position.as_str() });
        events::record(c, Some(&actor.user_id), EventKind::ConsultationAnswered, Subject::Consultation(id), data, now)?;
        super::reading::view(c, x)
    })
}

/// Publishes the synthesis once every visible comment is answered; the consultation is concluded.
pub fn conclude(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    id: &ConsultationId,
    summary: &str,
) -> ServiceResult<ConsultationView> {
    let now = context.now();
    let mut errors = Vec::<FieldError>::new();
    let summary = clean_text(&mut errors, "summary", summary, 10..=50_000, true);
    ServiceError::unless_valid(errors)?;
    db::transaction(connection, |c| {
        let mut x = managed(c, actor, id, context.today())?;
        closed_not_concluded(&x, context)?;
        let all = comments::of_consultation(c, id)?;
        let remaining = all.iter().filter(|comment| comment.is_visible() && comment.answer_id.is_none()).count();
        if remaining > 0 {
            return Err(ServiceError::Conflict(format!(
                "{remaining} visible comments remain unanswered; answer every one before the synthesis"
            )));
        }
        x.state = ConsultationState::Concluded;
        x.synthesis = Some(summary);
        x.concluded_at = Some(now);
        x.updated_at = now;
        saved(c, &x)?;
        let data = json!({ "comments": all.len() });
        events::record(
            c,
            Some(&actor.user_id),
            EventKind::ConsultationConcluded,
            Subject::Consultation(id),
            data,
            now,
        )?;
        let concluded = reread(c, id)?;
        super::reading::view(c, concluded)
    })
}
