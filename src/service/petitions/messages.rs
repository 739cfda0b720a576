//! The conversation on a petition: the petitioner and the handling agency write to each other;
//! staff add internal notes that the petitioner and the public never see. Each message tells the
//! other side by e-mail.

use chrono::NaiveDateTime;
use serde_json::json;

use crate::db::messages::{self, MessageRow, NewMessageRow};
use crate::db::{self, DbConnection};
use crate::domain::FieldError;
use crate::domain::authorization::{self, Action, Actor};
use crate::domain::petition::{self, PetitionStatus};
use crate::mail::templates::Notice;
use crate::service::events::{self, TimelineEntry};
use crate::service::handling::{denied, facts, load, status_of};
use crate::service::{Context, ServiceError, ServiceResult, petitions::notices};

/// The messages `actor` may read: staff notes only for the agency and those who oversee it.
pub fn list(connection: &mut DbConnection, id: &str, actor: &Actor) -> ServiceResult<Vec<MessageRow>> {
    let petition = load(connection, id)?;
    authorization::authorize(actor, &Action::ReadPetition(facts(&petition))).map_err(|d| denied(d, id))?;
    let with_internal = authorization::authorize(actor, &Action::ReadInternalNotes(facts(&petition))).is_ok();
    Ok(messages::of_petition(connection, id, with_internal)?)
}

pub fn post(
    connection: &mut DbConnection,
    context: &Context,
    id: &str,
    actor: &Actor,
    body: &str,
    internal: bool,
) -> ServiceResult<MessageRow> {
    let now = context.now();
    db::transaction(connection, |c| {
        let petition = load(c, id)?;
        let action =
            if internal { Action::PostInternalNote(facts(&petition)) } else { Action::PostMessage(facts(&petition)) };
        authorization::authorize(actor, &action).map_err(|d| denied(d, id))?;
        let mut errors: Vec<FieldError> = Vec::new();
        let body = petition::clean_text(&mut errors, "body", body, 1..=10_000, true);
        if !errors.is_empty() {
            return Err(ServiceError::Invalid(errors));
        }
        if matches!(status_of(&petition)?, PetitionStatus::Merged | PetitionStatus::Withdrawn) {
            return Err(ServiceError::Conflict(format!(
                "a petition that is {} takes no more messages",
                petition.status
            )));
        }
        let from_petitioner = facts(&petition).standing_of(actor) == crate::domain::workflow::Standing::Petitioner;
        let message_id = uuid::Uuid::new_v4().to_string();
        messages::append(
            c,
            &NewMessageRow {
                id: &message_id,
                petition_id: id,
                author_id: Some(&actor.user_id),
                sender: if from_petitioner { "petitioner" } else { "agency" },
                purpose: "message",
                body: &body,
                internal,
                created_at: now,
            },
        )?;
        tell_the_other_side(c, context, &petition, actor, from_petitioner, internal, &body, now)?;
        messages::of_petition(c, id, true)?
            .into_iter()
            .find(|m| m.id == message_id)
            .ok_or_else(|| ServiceError::Internal(anyhow::anyhow!("message {message_id} vanished")))
    })
}

#[allow(clippy::too_many_arguments)]
fn tell_the_other_side(
    c: &mut DbConnection,
    context: &Context,
    petition: &crate::db::petitions::PetitionRow,
    actor: &Actor,
    from_petitioner: bool,
    internal: bool,
    body: &str,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    if internal {
        return Ok(());
    }
    if from_petitioner {
        let notice =
            Notice::new("người gửi đã trả lời / gửi thêm thông tin", "the petitioner replied or sent information");
        events::record_on_petition(
            c,
            &petition.id,
            TimelineEntry {
                actor_id: Some(&actor.user_id),
                kind: "petition.petitioner_wrote",
                public: false,
                note: Some(&format!("{} / {}", notice.vi, notice.en)),
                data: json!({}),
            },
            now,
        )?;
        match (&petition.assignee_id, &petition.assigned_agency_id) {
            (Some(assignee), _) => notices::to_user(c, context, assignee, petition, &notice, now),
            (None, Some(agency)) => notices::to_head_of(c, context, agency, petition, &notice, now),
            (None, None) => Ok(()),
        }
    } else {
        let notice = Notice::new("cơ quan giải quyết gửi bạn một tin nhắn", "the agency sent you a message");
        notices::to_petitioners(c, context, petition, &notice, Some(body), now)
    }
}
