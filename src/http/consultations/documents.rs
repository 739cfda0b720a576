//! `/api/v1/consultations/{id}/documents`: the agency uploads a consultation's documents
//! (multipart, through the shared upload checks); the signed-in download them as they may read the
//! consultation, anyone from `/api/v1/public/consultations/{id}/documents/{document_id}` once
//! it is published. The consultation's page lists them.

use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, web};

use super::wire::DocumentBody;
use crate::domain::ids::{ConsultationDocumentId, ConsultationId};
use crate::error::ApiError;
use crate::http::extract::id_in_path;
use crate::http::signed_in::SignedIn;
use crate::http::uploads::{self, UploadLimits};
use crate::service::Context;
use crate::service::consultations::documents;

fn ids(path: &(String, String)) -> Result<(ConsultationId, ConsultationDocumentId), ApiError> {
    Ok((id_in_path(&path.0, "consultation")?, id_in_path(&path.1, "document")?))
}

/// The uploader's right is checked before a byte of the body is read.
pub async fn upload_consultation_document(
    context: web::Data<Context>,
    limits: web::Data<UploadLimits>,
    signed_in: SignedIn,
    request: HttpRequest,
    id: web::Path<String>,
    multipart: Multipart,
) -> Result<HttpResponse, ApiError> {
    uploads::require_multipart(&request)?;
    let id: ConsultationId = id_in_path(&id, "consultation")?;
    let actor = signed_in.actor().clone();
    let (asking, target) = (actor.clone(), id.clone());
    context.run(move |c, context| documents::may_add(c, context, &asking, &target)).await?;
    let upload = uploads::receive(multipart, &limits, context.settings.max_attachment_bytes).await?;
    let document = context.run(move |c, context| documents::add(c, context, &actor, &id, upload)).await?;
    let location = format!("/api/v1/consultations/{}/documents/{}", document.consultation_id, document.id);
    Ok(HttpResponse::Created().insert_header(("Location", location)).json(DocumentBody::of(document)))
}

pub async fn download_consultation_document(
    context: web::Data<Context>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, document_id) = ids(&path)?;
    let actor = signed_in.actor().clone();
    let (document, bytes) =
        context.run(move |c, context| documents::download(c, context, &actor, &id, &document_id)).await?;
    Ok(uploads::download(document.file_name, document.media_type, bytes))
}

pub async fn download_public_consultation_document(
    context: web::Data<Context>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, document_id) = ids(&path)?;
    let (document, bytes) =
        context.run(move |c, context| documents::public_download(c, context, &id, &document_id)).await?;
    Ok(uploads::download(document.file_name, document.media_type, bytes))
}
