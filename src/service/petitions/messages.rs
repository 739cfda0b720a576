//! The conversation on a petition: the petitioner and the handling agency write to each other;
//! staff add internal notes that the petitioner and the public never see. Each message tells the
//! other side by e-mail.

use chrono::NaiveDateTime;
use serde_json::json;

use super::access;
use super::notices::Telling;
use crate::db::messages::{self, NewMessage};
use crate::db::{self, DbConnection};
use crate::domain::FieldError;
use crate::domain::authorization::{self, Action, Actor, PetitionFacts};
use crate::domain::events::{EventKind, Visibility};
use crate::domain::ids::{MessageId, PetitionId, UserId};
use crate::domain::notice::Notice;
use crate::domain::petition::message::{Message, MessagePurpose, Sender};
use crate::domain::petition::{Petition, PetitionStatus};
use crate::domain::text::clean_text;
use crate::domain::workflow::Standing;
use crate::service::events::{self, TimelineEntry};
use crate::service::{Context, ServiceError, ServiceResult};

/// The messages `actor` may read: staff notes only for the agency and those who oversee it.
pub fn list(connection: &mut DbConnection, id: &PetitionId, actor: &Actor) -> ServiceResult<Vec<Message>> {
    let petition = access::load(connection, id)?;
    access::check(actor, &petition, Action::ReadPetition)?;
    let with_internal =
        authorization::authorize(actor, &Action::ReadInternalNotes(PetitionFacts::of(&petition))).is_ok();
    Ok(messages::of_petition(connection, id, with_internal)?)
}

pub fn post(
    connection: &mut DbConnection,
    context: &Context,
    id: &PetitionId,
    actor: &Actor,
    body: &str,
    internal: bool,
) -> ServiceResult<Message> {
    let now = context.now();
    db::transaction(connection, |c| {
        let petition = access::load(c, id)?;
        let action = if internal { Action::PostInternalNote } else { Action::PostMessage };
        access::check(actor, &petition, action)?;
        let mut errors: Vec<FieldError> = Vec::new();
        let body = clean_text(&mut errors, "body", body, 1..=10_000, true);
        ServiceError::unless_valid(errors)?;
        if matches!(petition.status, PetitionStatus::Merged | PetitionStatus::Withdrawn) {
            return Err(ServiceError::Conflict(format!(
                "a petition that is {} takes no more messages",
                petition.status
            )));
        }
        let from_petitioner = PetitionFacts::of(&petition).standing_of(actor) == Standing::Petitioner;
        let message_id = MessageId::from(uuid::Uuid::new_v4());
        messages::append(
            c,
            &NewMessage {
                id: &message_id,
                petition_id: id,
                author_id: Some(&actor.user_id),
                sender: if from_petitioner { Sender::Petitioner } else { Sender::Agency },
                purpose: MessagePurpose::Message,
                body: &body,
                internal,
                created_at: now,
            },
        )?;
        if !internal {
            tell_the_other_side(c, context, &petition, Some(&actor.user_id), from_petitioner, &body, now)?;
        }
        messages::of_petition(c, id, true)?
            .into_iter()
            .find(|m| m.id == message_id)
            .ok_or_else(|| ServiceError::Internal(anyhow::anyhow!("message {message_id} vanished")))
    })
}

/// A message from a petitioner who has no account here (through the Open311 client that filed
/// the petition): it reaches the agency as the petitioner's, like one written in pakn. The caller
/// has established that the petition is theirs; `body` is checked here.
pub fn from_petitioner_without_account(
    connection: &mut DbConnection,
    context: &Context,
    petition: &Petition,
    body: &str,
) -> ServiceResult<MessageId> {
    let now = context.now();
    let mut errors: Vec<FieldError> = Vec::new();
    let body = clean_text(&mut errors, "description", body, 1..=4_000, true);
    ServiceError::unless_valid(errors)?;
    if matches!(petition.status, PetitionStatus::Merged | PetitionStatus::Withdrawn) {
        return Err(ServiceError::Conflict(format!("a petition that is {} takes no more messages", petition.status)));
    }
    let message_id = MessageId::from(uuid::Uuid::new_v4());
    db::transaction(connection, |c| {
        messages::append(
            c,
            &NewMessage {
                id: &message_id,
                petition_id: &petition.id,
                author_id: None,
                sender: Sender::Petitioner,
                purpose: MessagePurpose::Message,
                body: &body,
                internal: false,
                created_at: now,
            },
        )?;
        tell_the_other_side(c, context, petition, None, true, &body, now)
    })?;
    Ok(message_id)
}

fn tell_the_other_side(
    c: &mut DbConnection,
    context: &Context,
    petition: &Petition,
    author: Option<&UserId>,
    from_petitioner: bool,
    body: &str,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    if from_petitioner {
        let notice =
            Notice::new("người gửi đã trả lời / gửi thêm thông tin", "the petitioner replied or sent information");
        let entry = TimelineEntry {
            actor_id: author,
            kind: EventKind::PetitionPetitionerWrote,
            visibility: Visibility::Internal,
            note: Some(&notice.both()),
            data: json!({}),
        };
        events::record_on_petition(c, &petition.id, entry, now)?;
        let telling = Telling { context, petition, notice: &notice, now };
        match (&petition.assignee_id, &petition.assigned_agency_id) {
            (Some(assignee), _) => telling.user(c, assignee),
            (None, Some(agency)) => telling.head_of(c, agency),
            (None, None) => Ok(()),
        }
    } else {
        let notice = Notice::new("cơ quan giải quyết gửi bạn một tin nhắn", "the agency sent you a message");
        Telling { context, petition, notice: &notice, now }.petitioners(c, Some(body))
    }
}
