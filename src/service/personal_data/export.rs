//! Everything pakn holds about the signed-in person, in one document (Law 91/2025/QH15 Art. 4(1),
//! Art. 15(2)(a)): their account, the notices they were shown, their sessions, their petitions
//! with messages and evidence metadata, who read their data, their requests, their reception
//! bookings, and their part in consultations (comments, supports, followed units). Nothing of
//! anyone else's: co-petitioners are counted, not named, and readers appear by role and agency.

use chrono::NaiveDateTime;
use serde_json::json;

use super::requests;
use crate::db::personal_data::notices::{self, ShownTo};
use crate::db::personal_data::subjects::{self, SessionRecord};
use crate::db::personal_data::{reads, requests as request_rows};
use crate::db::{self, DbConnection, agencies, users};
use crate::domain::account::{Role, User};
use crate::domain::authorization::Actor;
use crate::domain::events::{EventKind, Subject};
use crate::domain::evidence::Attachment;
use crate::domain::ids::{ConsultationCommentId, ConsultationId, PetitionId};
use crate::domain::personal_data::reads::{ReadOf, RecordRead};
use crate::domain::personal_data::requests::{DataRequest, DataRequestKind};
use crate::domain::petition::message::Message;
use crate::service::petitions::petitioners::PetitionerView;
use crate::service::petitions::{attachments, messages, views};
use crate::service::{Context, ServiceError, ServiceResult, events};

/// A notice shown: its version, on which occasion, and when.
pub type NoticeShown = (i32, String, NaiveDateTime);

#[derive(Debug, Clone)]
pub struct DataExport {
    pub exported_at: NaiveDateTime,
    pub account: User,
    pub notices_shown: Vec<NoticeShown>,
    pub sessions: Vec<SessionRecord>,
    pub petitions: Vec<ExportedPetition>,
    pub reads: Vec<ReadSeen>,
    pub requests: Vec<DataRequest>,
    /// Their bookings at citizen-reception sessions, newest first.
    pub reception_bookings: Vec<crate::domain::reception::sessions::Booking>,
    /// Their comments on consultations, the latest first, hidden ones too.
    pub consultation_comments: Vec<crate::domain::consultations::Comment>,
    /// The comments they supported (consultation, comment, when), the latest first.
    pub consultation_supports: Vec<ConsultationSupport>,
    /// The units they follow for new consultations.
    pub consultation_subscriptions: Vec<String>,
}

/// A comment the person supported: the consultation, the comment, and when.
pub type ConsultationSupport = (ConsultationId, ConsultationCommentId, NaiveDateTime);

#[derive(Debug, Clone)]
pub struct ExportedPetition {
    /// The petition as its petitioner reads it, co-petitioners left out.
    pub view: views::PetitionView,
    /// How many co-petitioners the petition names (their details are theirs).
    pub co_petitioners: usize,
    pub notices_shown: Vec<NoticeShown>,
    pub messages: Vec<Message>,
    pub attachments: Vec<Attachment>,
}

/// A read of the person's data as they see it: the reader's role and agency, never their name.
#[derive(Debug, Clone)]
pub struct ReadSeen {
    pub read_at: NaiveDateTime,
    pub reader_role: Role,
    pub reader_agency: Option<String>,
    pub record: RecordRead,
    pub petition_id: Option<PetitionId>,
}

pub fn export(connection: &mut DbConnection, context: &Context, actor: &Actor) -> ServiceResult<DataExport> {
    let now = context.now();
    let account = users::find(connection, &actor.user_id)?
        .ok_or_else(|| ServiceError::NotFound("this account no longer exists".into()))?;
    let mut petitions = Vec::new();
    for id in subjects::petitions_of(connection, &account.id)? {
        petitions.push(exported_petition(connection, context, actor, &id)?);
    }
    let reads = reads::of_person(connection, &account.id)?
        .into_iter()
        .map(|read| seen(connection, read))
        .collect::<ServiceResult<Vec<_>>>()?;
    db::transaction(connection, |c| {
        let outcome = format!("{} petitions exported", petitions.len());
        requests::record_completed(c, Some(&account.id), DataRequestKind::Export, outcome, now)?;
        events::record(c, Some(&account.id), EventKind::UserDataExported, Subject::User(&account.id), json!({}), now)
    })?;
    Ok(DataExport {
        exported_at: now,
        notices_shown: notices::shown(connection, ShownTo::Account(&account.id))?,
        sessions: subjects::sessions_of(connection, &account.id)?,
        requests: request_rows::of_user(connection, &account.id)?,
        reception_bookings: crate::db::reception::bookings::of_citizen(connection, &account.id)?,
        consultation_comments: crate::db::consultations::comments::of_author(connection, &account.id)?,
        consultation_supports: crate::db::consultations::comments::supports_of(connection, &account.id)?,
        consultation_subscriptions: crate::db::consultations::subscriptions::of_user(connection, &account.id)?,
        account,
        petitions,
        reads,
    })
}

fn exported_petition(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    id: &PetitionId,
) -> ServiceResult<ExportedPetition> {
    let mut view = views::find_for(connection, context, id, actor)?;
    let mut co_petitioners = 0;
    if let PetitionerView::Named(petitioner) = &mut view.petitioner {
        co_petitioners = petitioner.co_petitioners.len();
        petitioner.co_petitioners.clear();
    }
    Ok(ExportedPetition {
        view,
        co_petitioners,
        notices_shown: notices::shown(connection, ShownTo::Petitioner(id))?,
        messages: messages::list(connection, id, actor)?,
        attachments: attachments::list(connection, actor, id)?,
    })
}

fn seen(connection: &mut DbConnection, read: crate::domain::personal_data::reads::DataRead) -> ServiceResult<ReadSeen> {
    let reader_agency = match &read.reader_agency_id {
        Some(id) => agencies::find(connection, id)?.map(|agency| agency.name),
        None => None,
    };
    let petition_id = match read.of {
        ReadOf::Petition(id) | ReadOf::Attachment(id, _) => Some(id),
        ReadOf::Account(_) => None,
    };
    Ok(ReadSeen {
        read_at: read.read_at,
        reader_role: read.reader_role,
        reader_agency,
        record: read.record,
        petition_id,
    })
}
