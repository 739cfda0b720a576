//! Comments on a consultation: verified citizens comment within the window, on the whole
//! document or one section, and support others' comments once; the agency hides a comment with a
//! reason (its text is kept as written); the agency and those who oversee it read every comment
//! with its author, each read of an author recorded in the access log.

use serde_json::json;

use super::{ConsultationView, managed, may_read_internals, readable};
use crate::db::consultations::comments;
use crate::db::personal_data::reads;
use crate::db::{self, DbConnection, users};
use crate::domain::FieldError;
use crate::domain::account::Role;
use crate::domain::authorization::Actor;
use crate::domain::consultations::{Comment, Consultation, ConsultationState, ConsultationStatus, Hiding};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::{ConsultationCommentId, ConsultationId, UserId};
use crate::domain::personal_data::reads::{ReadOf, RecordRead};
use crate::domain::text::clean_text;
use crate::service::{Context, ServiceError, ServiceResult, events};

/// Only citizens comment and support (signing in requires a confirmed e-mail address, so every
/// signed-in citizen is verified); staff answer through the synthesis.
fn only_citizens(actor: &Actor) -> ServiceResult<()> {
    if actor.role == Role::Citizen { Ok(()) } else { Err(ServiceError::Forbidden) }
}

/// 409 unless comments are taken today.
fn window_open(x: &Consultation, context: &Context) -> ServiceResult<()> {
    match x.status(context.today()) {
        ConsultationStatus::Open => Ok(()),
        ConsultationStatus::Upcoming => Err(ServiceError::ConsultationClosed(format!(
            "the consultation is not open yet: comments are taken from {}",
            x.opens_on
        ))),
        _ => Err(ServiceError::ConsultationClosed(format!(
            "the consultation is closed: comments were taken until {}",
            x.closes_on
        ))),
    }
}

pub fn comment(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    id: &ConsultationId,
    section: Option<i64>,
    text: &str,
) -> ServiceResult<Comment> {
    only_citizens(actor)?;
    let now = context.now();
    let mut errors = Vec::<FieldError>::new();
    let text = clean_text(&mut errors, "text", text, 5..=5_000, true);
    ServiceError::unless_valid(errors)?;
    db::transaction(connection, |c| {
        let x = readable(c, actor, id, context.today())?;
        let section = match section {
            None => None,
            Some(number) => match i32::try_from(number) {
                Ok(n) if x.has_section(n) => Some(n),
                _ => return Err(ServiceError::invalid("section", format!("the document has no section {number}"))),
            },
        };
        window_open(&x, context)?;
        let made = Comment {
            id: ConsultationCommentId::from(uuid::Uuid::new_v4()),
            consultation_id: id.clone(),
            author_id: actor.user_id.clone(),
            section,
            text,
            created_at: now,
            hidden: None,
            answer_id: None,
            supports: 0,
        };
        comments::insert(c, &made)?;
        let data = json!({ "comment_id": made.id, "section": section });
        events::record(
            c,
            Some(&actor.user_id),
            EventKind::ConsultationCommented,
            Subject::Consultation(id),
            data,
            now,
        )?;
        Ok(made)
    })
}

fn comment_of(c: &mut DbConnection, x: &Consultation, id: &ConsultationCommentId) -> ServiceResult<Comment> {
    comments::find(c, &x.id, id)?
        .ok_or_else(|| ServiceError::NotFound(format!("the consultation has no comment with the id {id}")))
}

pub fn support(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    id: &ConsultationId,
    comment_id: &ConsultationCommentId,
) -> ServiceResult<Comment> {
    only_citizens(actor)?;
    let now = context.now();
    db::transaction(connection, |c| {
        let x = readable(c, actor, id, context.today())?;
        let supported = comment_of(c, &x, comment_id)?;
        if !supported.is_visible() {
            return Err(ServiceError::NotFound(format!("the consultation has no comment with the id {comment_id}")));
        }
        window_open(&x, context)?;
        if supported.author_id == actor.user_id {
            return Err(ServiceError::Conflict("one does not support one's own comment".into()));
        }
        if comments::support(c, comment_id, &actor.user_id, now)? == 0 {
            return Err(ServiceError::Conflict("you already support this comment".into()));
        }
        let data = json!({ "comment_id": comment_id });
        let kind = EventKind::ConsultationCommentSupported;
        events::record(c, Some(&actor.user_id), kind, Subject::Consultation(id), data, now)?;
        comment_of(c, &x, comment_id)
    })
}

pub fn hide(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    id: &ConsultationId,
    comment_id: &ConsultationCommentId,
    reason: &str,
) -> ServiceResult<Comment> {
    let now = context.now();
    let mut errors = Vec::<FieldError>::new();
    let reason = clean_text(&mut errors, "reason", reason, 5..=1_000, true);
    ServiceError::unless_valid(errors)?;
    db::transaction(connection, |c| {
        let x = managed(c, actor, id, context.today())?;
        let hidden = comment_of(c, &x, comment_id)?;
        if x.state == ConsultationState::Concluded {
            return Err(ServiceError::Conflict("the consultation is concluded; its comments stay as published".into()));
        }
        let hiding = Hiding { reason, hidden_by: actor.user_id.clone(), hidden_at: now };
        if !hidden.is_visible() || comments::hide(c, comment_id, &hiding)? == 0 {
            return Err(ServiceError::Conflict("the comment is already hidden".into()));
        }
        let data = json!({ "comment_id": comment_id });
        events::record(
            c,
            Some(&actor.user_id),
            EventKind::ConsultationCommentHidden,
            Subject::Consultation(id),
            data,
            now,
        )?;
        comment_of(c, &x, comment_id)
    })
}

/// Every comment, hidden ones with their reasons and every author, for the agency's staff, the
/// monitors and inspectors whose scope includes the agency, and administrators; each author
/// shown is a read of their account, recorded.
pub fn staff_list(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    id: &ConsultationId,
) -> ServiceResult<(ConsultationView, Vec<(UserId, String)>)> {
    let (now, today) = (context.now(), context.today());
    db::transaction(connection, |c| {
        let x = readable(c, actor, id, today)?;
        if !may_read_internals(c, actor, &x, today)? {
            return Err(ServiceError::Forbidden);
        }
        let all = comments::of_consultation(c, id)?;
        let mut authors: Vec<_> = all.iter().map(|comment| comment.author_id.clone()).collect();
        authors.sort();
        authors.dedup();
        let mut names = Vec::new();
        for author in authors {
            let name = users::find(c, &author)?.map(|user| user.full_name).unwrap_or_default();
            let of = ReadOf::Account(author.clone());
            reads::record(c, actor, RecordRead::Account, of, Some("consultation comments"), now)?;
            names.push((author, name));
        }
        let answers = comments::answers_of(c, id)?;
        Ok((
            ConsultationView { consultation: x, comments: all, answers, meetings: Vec::new(), documents: Vec::new() },
            names,
        ))
    })
}
