//! Evidence files: checked (type from the bytes, name, size, count, declared canvas), stripped of
//! location metadata unless the uploader shares it, stored by content hash, then recorded.

use serde_json::json;

use super::access;
use crate::db::personal_data::reads;
use crate::db::{self, DbConnection, attachments};
use crate::domain::authorization::{Action, Actor};
use crate::domain::events::{EventKind, Visibility};
use crate::domain::evidence::{self, Attachment, MAX_PIXELS, MediaType, MetadataError};
use crate::domain::ids::{AttachmentId, PetitionId};
use crate::domain::personal_data::reads::{ReadOf, RecordRead};
use crate::service::events::{self, TimelineEntry};
use crate::service::{Context, ServiceError, ServiceResult};

/// A file as it arrived.
#[derive(Debug, Clone)]
pub struct Upload {
    pub file_name: String,
    /// What the client said the type is; it must agree with the bytes when given.
    pub declared_type: Option<String>,
    pub bytes: Vec<u8>,
    pub share_location: bool,
}

fn invalid(message: impl Into<String>) -> ServiceError {
    ServiceError::invalid("file", message)
}

/// Everything about the file that can be checked before anything is stored; returns what to store.
fn check(upload: &Upload) -> ServiceResult<(String, MediaType, Vec<u8>)> {
    let name = evidence::check_file_name(&upload.file_name).map_err(|m| ServiceError::invalid("file.name", m))?;
    let media_type = MediaType::sniff(&upload.bytes).ok_or_else(|| {
        invalid("is not an accepted type: photos (JPEG, PNG, WebP, HEIC), PDF documents or MP4 videos")
    })?;
    if !evidence::name_matches(&name, media_type) {
        return Err(invalid(format!("contains {media_type} but its name {name:?} says otherwise")));
    }
    if let Some(declared) =
        upload.declared_type.as_deref().map(|t| t.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
        && declared != "application/octet-stream"
        && declared != media_type.as_str()
    {
        return Err(invalid(format!("contains {media_type} but was sent as {declared}")));
    }
    if let Some((width, height)) = evidence::declared_dimensions(media_type, &upload.bytes)
        && u64::from(width) * u64::from(height) > MAX_PIXELS
    {
        return Err(invalid(format!("declares a {width}×{height} picture, larger than {MAX_PIXELS} pixels")));
    }
    let stored = if upload.share_location {
        upload.bytes.clone()
    } else {
        evidence::strip_location(media_type, &upload.bytes).map_err(|error| match error {
            MetadataError::Malformed(_) | MetadataError::CannotStrip(_) => invalid(error.to_string()),
        })?
    };
    Ok((name, media_type, stored))
}

/// Whether `actor` may add a file to the petition now: asked before the body is read, so that
/// an upload to someone else's petition (or a full one) is refused without reading 20 MiB.
pub fn may_add(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    petition_id: &PetitionId,
) -> ServiceResult<()> {
    let petition = access::load(connection, petition_id)?;
    access::check(actor, &petition, Action::AttachEvidence)?;
    if attachments::count_of_petition(connection, petition_id)? >= i64::from(context.settings.max_attachments) {
        return Err(full(context));
    }
    Ok(())
}

fn full(context: &Context) -> ServiceError {
    let limit = context.settings.max_attachments;
    invalid(format!("the petition already has {limit} files, the most it may have"))
}

pub fn add(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    petition_id: &PetitionId,
    upload: Upload,
) -> ServiceResult<Attachment> {
    may_add(connection, context, actor, petition_id)?;
    let (name, media_type, bytes) = check(&upload)?;
    let limit = i64::from(context.settings.max_attachments);
    let content_hash = context.files.put(&bytes).map_err(|e| anyhow::Error::new(e).context("storing an attachment"))?;
    let now = context.now();
    db::transaction(connection, |c| {
        // Counted again under the write lock: two simultaneous uploads cannot both be the tenth.
        if attachments::count_of_petition(c, petition_id)? >= limit {
            return Err(full(context));
        }
        let attachment = Attachment {
            id: AttachmentId::from(uuid::Uuid::new_v4()),
            petition_id: petition_id.clone(),
            content_hash,
            media_type,
            byte_size: bytes.len() as i64,
            file_name: name,
            uploaded_by: Some(actor.user_id.clone()),
            location_shared: upload.share_location,
            created_at: now,
        };
        attachments::insert(c, &attachment)?;
        let entry = TimelineEntry {
            actor_id: Some(&actor.user_id),
            kind: EventKind::PetitionEvidenceAdded,
            visibility: Visibility::Internal,
            note: None,
            data: json!({ "attachment_id": attachment.id, "media_type": media_type.as_str() }),
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
    let bytes = context
        .files
        .get(&attachment.content_hash)
        .map_err(|e| anyhow::Error::new(e).context("reading an attachment"))?;
    if petition.petitioner_id.as_ref() != Some(&actor.user_id) {
        let of = ReadOf::Attachment(petition.id.clone(), attachment.id.clone());
        reads::record(connection, actor, RecordRead::Attachment, of, None, context.now())?;
    }
    Ok((attachment, bytes))
}
