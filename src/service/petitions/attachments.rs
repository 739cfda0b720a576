//! A petition's files: the evidence its petitioner or agency adds, and the agency's proof of
//! completion on feedback and proposals; checked and stored by `service::uploads`, counted
//! against the petition's limit, then recorded with their timeline entry.

use serde_json::json;

use super::access;
use crate::db::personal_data::reads;
use crate::db::{self, DbConnection, attachments};
use crate::domain::authorization::{Action, Actor, PetitionFacts};
use crate::domain::events::{EventKind, Visibility};
use crate::domain::evidence::{Attachment, AttachmentPurpose};
use crate::domain::ids::{AttachmentId, PetitionId};
use crate::domain::personal_data::reads::{ReadOf, RecordRead};
use crate::domain::petition::{Petition, PetitionStatus};
use crate::domain::workflow::Standing;
use crate::domain::workflow::steps::confirms_fix;
use crate::service::events::{self, TimelineEntry};
use crate::service::uploads::{self, Upload};
use crate::service::{Context, ServiceError, ServiceResult};

/// Whether `actor` may add a file to the petition now: asked before the body is read, so that
/// an upload to someone else's petition (or a full one) is refused without reading 20 MiB.
pub fn may_add(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    petition_id: &PetitionId,
    purpose: AttachmentPurpose,
) -> ServiceResult<()> {
    let petition = access::load(connection, petition_id)?;
    access::check(actor, &petition, Action::AttachEvidence)?;
    if purpose == AttachmentPurpose::ProofOfCompletion {
        may_prove_completion(actor, &petition)?;
    }
    if attachments::count_of_petition(connection, petition_id)? >= i64::from(context.settings.max_attachments) {
        return Err(full(context));
    }
    Ok(())
}

/// Proof that what was asked was done: by the agency handling it (never the petitioner, who
/// judges it), on feedback or a proposal (a complaint's or denunciation's answer is a decision),
/// while the agency works on it or after its answer, until it is closed.
fn may_prove_completion(actor: &Actor, petition: &Petition) -> ServiceResult<()> {
    if PetitionFacts::of(petition).standing_of(actor) != Standing::HandlingStaff {
        return Err(ServiceError::invalid("purpose", "only the agency handling the petition adds proof of completion"));
    }
    if !confirms_fix(petition.kind) {
        return Err(ServiceError::invalid(
            "purpose",
            format!(
                "proof of completion belongs to feedback and proposals; a {}'s answer is a decision",
                petition.kind
            ),
        ));
    }
    match petition.status {
        PetitionStatus::Accepted | PetitionStatus::InProgress | PetitionStatus::Resolved => Ok(()),
        status => Err(ServiceError::Conflict(format!(
            "proof of completion is added while the petition is handled or answered, not while it is {status}"
        ))),
    }
}

fn full(context: &Context) -> ServiceError {
    let limit = context.settings.max_attachments;
    ServiceError::invalid("file", format!("the petition already has {limit} files, the most it may have"))
}

pub fn add(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    petition_id: &PetitionId,
    upload: Upload,
    purpose: AttachmentPurpose,
) -> ServiceResult<Attachment> {
    may_add(connection, context, actor, petition_id, purpose)?;
    let stored = uploads::check_and_store(context, upload)?;
    let limit = i64::from(context.settings.max_attachments);
    let now = context.now();
    db::transaction(connection, |c| {
        // Counted again under the write lock: two simultaneous uploads cannot both be the tenth.
        if attachments::count_of_petition(c, petition_id)? >= limit {
            return Err(full(context));
        }
        let attachment = Attachment {
            id: AttachmentId::from(uuid::Uuid::new_v4()),
            petition_id: petition_id.clone(),
            content_hash: stored.content_hash,
            media_type: stored.media_type,
            byte_size: stored.byte_size,
            file_name: stored.file_name,
            uploaded_by: Some(actor.user_id.clone()),
            location_shared: stored.location_shared,
            purpose,
            created_at: now,
        };
        attachments::insert(c, &attachment)?;
        let entry = TimelineEntry {
            actor_id: Some(&actor.user_id),
            kind: EventKind::PetitionEvidenceAdded,
            // Proof that the work was done is part of the petition's public story; evidence of
            // the matter may show anyone, so only its existence is recorded, for staff.
            visibility: match purpose {
                AttachmentPurpose::ProofOfCompletion => Visibility::Public,
                AttachmentPurpose::Evidence => Visibility::Internal,
            },
            note: None,
            data: json!({
                "attachment_id": attachment.id,
                "media_type": attachment.media_type.as_str(),
                "purpose": purpose.as_str(),
            }),
        };
        events::record_on_petition(c, petition_id, entry, now)?;
        Ok(attachment)
    })
}

pub fn list(connection: &mut DbConnection, actor: &Actor, petition_id: &PetitionId) -> ServiceResult<Vec<Attachment>> {
    let petition = access::load(connection, petition_id)?;
    access::check(actor, &petition, Action::ReadPetition)?;
    Ok(attachments::of_petition(connection, petition_id)?)
}

/// The file and its bytes, for those who may read the petition. Evidence may show anyone's data:
/// a download by anyone but the petitioner is entered in the access log.
pub fn download(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    petition_id: &PetitionId,
    attachment_id: &AttachmentId,
) -> ServiceResult<(Attachment, Vec<u8>)> {
    let petition = access::load(connection, petition_id)?;
    access::check(actor, &petition, Action::ReadPetition)?;
    let attachment = attachments::find(connection, petition_id, attachment_id)?
        .ok_or_else(|| ServiceError::NotFound(format!("no attachment has the id {attachment_id}")))?;
    let bytes = uploads::read(context, &attachment.content_hash)?;
    if petition.petitioner_id.as_ref() != Some(&actor.user_id) {
        let of = ReadOf::Attachment(petition.id.clone(), attachment.id.clone());
        reads::record(connection, actor, RecordRead::Attachment, of, None, context.now())?;
    }
    Ok((attachment, bytes))
}
