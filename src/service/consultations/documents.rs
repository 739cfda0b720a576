//! A consultation's documents: its agency adds them (checked and stored like every upload, the
//! location always removed from photos), never removes them; whoever may read the consultation
//! downloads them — anyone once it is published. Each addition is an event naming the file's hash.

use serde_json::json;

use super::{managed, missing, readable};
use crate::db::consultations::documents;
use crate::db::{self, DbConnection};
use crate::domain::authorization::Actor;
use crate::domain::consultations::documents::MAX_DOCUMENTS;
use crate::domain::consultations::{Consultation, ConsultationState, Document};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::{ConsultationDocumentId, ConsultationId};
use crate::service::uploads::{self, Upload};
use crate::service::{Context, ServiceError, ServiceResult, events};

fn full() -> ServiceError {
    ServiceError::invalid(
        "file",
        format!("the consultation already has {MAX_DOCUMENTS} documents, the most it may have"),
    )
}

/// Whether `actor` may add a document now: asked before the body is read.
pub fn may_add(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    id: &ConsultationId,
) -> ServiceResult<()> {
    let x = managed(connection, actor, id, context.today())?;
    if x.state == ConsultationState::Concluded {
        return Err(ServiceError::Conflict("the consultation is concluded".into()));
    }
    if documents::count_of(connection, id)? >= MAX_DOCUMENTS {
        return Err(full());
    }
    Ok(())
}

pub fn add(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    id: &ConsultationId,
    upload: Upload,
) -> ServiceResult<Document> {
    may_add(connection, context, actor, id)?;
    let stored = uploads::check_and_store(context, Upload { share_location: false, ..upload })?;
    let now = context.now();
    db::transaction(connection, |c| {
        if documents::count_of(c, id)? >= MAX_DOCUMENTS {
            return Err(full());
        }
        let document = Document {
            id: ConsultationDocumentId::from(uuid::Uuid::new_v4()),
            consultation_id: id.clone(),
            file_name: stored.file_name,
            media_type: stored.media_type,
            content_hash: stored.content_hash,
            byte_size: stored.byte_size,
            uploaded_by: actor.user_id.clone(),
            created_at: now,
        };
        documents::insert(c, &document)?;
        let data = json!({ "document_id": document.id, "media_type": document.media_type.as_str(), "content_hash": document.content_hash });
        events::record(
            c,
            Some(&actor.user_id),
            EventKind::ConsultationDocumentAdded,
            Subject::Consultation(id),
            data,
            now,
        )?;
        Ok(document)
    })
}

fn file_of(
    connection: &mut DbConnection,
    context: &Context,
    x: &Consultation,
    document_id: &ConsultationDocumentId,
) -> ServiceResult<(Document, Vec<u8>)> {
    let document = documents::of_consultation(connection, &x.id)?
        .into_iter()
        .find(|d| d.id == *document_id)
        .ok_or_else(|| ServiceError::NotFound(format!("the consultation has no document with the id {document_id}")))?;
    let bytes = uploads::read(context, &document.content_hash)?;
    Ok((document, bytes))
}

/// A document and its bytes, for whoever signed in may read the consultation. Unlike a
/// petition's evidence, a download is not entered in the access log: the document is the agency's
/// own, public once published, and no person's record in pakn stands behind it to log the read
/// against (`docs/privacy-impact.md`).
pub fn download(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    id: &ConsultationId,
    document_id: &ConsultationDocumentId,
) -> ServiceResult<(Document, Vec<u8>)> {
    let x = readable(connection, actor, id, context.today())?;
    file_of(connection, context, &x, document_id)
}

/// A document of a published consultation, for anyone.
pub fn public_download(
    connection: &mut DbConnection,
    context: &Context,
    id: &ConsultationId,
    document_id: &ConsultationDocumentId,
) -> ServiceResult<(Document, Vec<u8>)> {
    let x = crate::db::consultations::find(connection, id)?
        .filter(Consultation::is_published)
        .ok_or_else(|| missing(id))?;
    file_of(connection, context, &x, document_id)
}
