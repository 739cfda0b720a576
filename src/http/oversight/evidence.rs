//! `/api/v1/oversight/{findings|recommendations}/{id}/files`: the files that are a finding's
//! evidence (added by its monitor) or a recommendation's remedy evidence (added by the head of
//! the agency remedying it) — uploaded (multipart), listed and downloaded.

use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::domain::evidence::MediaType;
use crate::domain::ids::{FindingId, RecommendationId, SupervisionFileId, UserId};
use crate::domain::oversight::files::{EvidenceOf, SupervisionFile};
use crate::error::ApiError;
use crate::http::extract::id_in_path;
use crate::http::signed_in::SignedIn;
use crate::http::uploads::{self, UploadLimits};
use crate::http::wire::{ListResponse, vietnam_time};
use crate::service::Context;
use crate::service::oversight::evidence;

#[derive(Debug, Serialize)]
pub struct SupervisionFileResponse {
    id: SupervisionFileId,
    file_name: String,
    media_type: MediaType,
    byte_size: i64,
    location_shared: bool,
    uploaded_by: UserId,
    /// The file's SHA-256, as the audit chain's event of its addition names it.
    content_hash: String,
    created_at: DateTime<FixedOffset>,
}

impl From<SupervisionFile> for SupervisionFileResponse {
    fn from(file: SupervisionFile) -> Self {
        SupervisionFileResponse {
            id: file.id,
            file_name: file.file_name,
            media_type: file.media_type,
            byte_size: file.byte_size,
            location_shared: file.location_shared,
            uploaded_by: file.uploaded_by,
            content_hash: file.content_hash,
            created_at: vietnam_time(file.created_at),
        }
    }
}

fn finding(id: &str) -> Result<EvidenceOf, ApiError> {
    Ok(EvidenceOf::Finding(id_in_path::<FindingId>(id, "finding")?))
}

fn recommendation(id: &str) -> Result<EvidenceOf, ApiError> {
    Ok(EvidenceOf::Recommendation(id_in_path::<RecommendationId>(id, "recommendation")?))
}

fn location(of: &EvidenceOf, file: &SupervisionFileId) -> String {
    match of {
        EvidenceOf::Finding(id) => format!("/api/v1/oversight/findings/{id}/files/{file}"),
        EvidenceOf::Recommendation(id) => format!("/api/v1/oversight/recommendations/{id}/files/{file}"),
    }
}

/// The uploader's right is checked before a byte of the body is read, as for a petition's files.
async fn upload(
    context: web::Data<Context>,
    limits: web::Data<UploadLimits>,
    signed_in: SignedIn,
    request: HttpRequest,
    of: EvidenceOf,
    multipart: Multipart,
) -> Result<HttpResponse, ApiError> {
    uploads::require_multipart(&request)?;
    let actor = signed_in.actor().clone();
    let (asking, target) = (actor.clone(), of.clone());
    context.run(move |c, context| evidence::may_add(c, context, &asking, &target)).await?;
    let upload = uploads::receive(multipart, &limits, context.settings.max_attachment_bytes).await?;
    let file = context.run(move |c, context| evidence::add(c, context, &actor, &of, upload)).await?;
    let location = location(&file.of, &file.id);
    Ok(HttpResponse::Created().insert_header(("Location", location)).json(SupervisionFileResponse::from(file)))
}

async fn list(
    context: web::Data<Context>,
    signed_in: SignedIn,
    of: EvidenceOf,
) -> Result<web::Json<ListResponse<SupervisionFileResponse>>, ApiError> {
    let (actor, today) = (signed_in.actor().clone(), context.today());
    let files = context.run(move |c, _| evidence::of_record(c, &actor, &of, today)).await?;
    Ok(web::Json(ListResponse::complete(files.into_iter().map(Into::into).collect())))
}

async fn download(
    context: web::Data<Context>,
    signed_in: SignedIn,
    of: EvidenceOf,
    file_id: &str,
) -> Result<HttpResponse, ApiError> {
    let file_id: SupervisionFileId = id_in_path(file_id, "file")?;
    let (actor, today) = (signed_in.actor().clone(), context.today());
    let (file, bytes) =
        context.run(move |c, context| evidence::download(c, context, &actor, &of, &file_id, today)).await?;
    Ok(uploads::download(file.file_name, file.media_type, bytes))
}

pub async fn upload_finding_file(
    context: web::Data<Context>,
    limits: web::Data<UploadLimits>,
    signed_in: SignedIn,
    request: HttpRequest,
    id: web::Path<String>,
    multipart: Multipart,
) -> Result<HttpResponse, ApiError> {
    let of = finding(&id)?;
    upload(context, limits, signed_in, request, of, multipart).await
}

pub async fn list_finding_files(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<ListResponse<SupervisionFileResponse>>, ApiError> {
    list(context, signed_in, finding(&id)?).await
}

pub async fn download_finding_file(
    context: web::Data<Context>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    download(context, signed_in, finding(&path.0)?, &path.1).await
}

pub async fn upload_recommendation_file(
    context: web::Data<Context>,
    limits: web::Data<UploadLimits>,
    signed_in: SignedIn,
    request: HttpRequest,
    id: web::Path<String>,
    multipart: Multipart,
) -> Result<HttpResponse, ApiError> {
    let of = recommendation(&id)?;
    upload(context, limits, signed_in, request, of, multipart).await
}

pub async fn list_recommendation_files(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<ListResponse<SupervisionFileResponse>>, ApiError> {
    list(context, signed_in, recommendation(&id)?).await
}

pub async fn download_recommendation_file(
    context: web::Data<Context>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    download(context, signed_in, recommendation(&path.0)?, &path.1).await
}
