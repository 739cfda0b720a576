//! `/api/v1/petitions/{id}/attachments`: uploading evidence (multipart), listing and downloading it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use actix_multipart::Multipart;
use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset};
use futures_util::StreamExt;
use serde::Serialize;

use crate::domain::evidence::{Attachment, MediaType};
use crate::domain::ids::{AttachmentId, PetitionId};
use crate::error::ApiError;
use crate::http::extract::id_in_path;
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, vietnam_time};
use crate::service::Context;
use crate::service::petitions::attachments::{self, Upload};

#[derive(Debug, Serialize)]
pub struct AttachmentResponse {
    id: AttachmentId,
    file_name: String,
    media_type: MediaType,
    byte_size: i64,
    location_shared: bool,
    /// Always true: evidence may show anyone's data, so it is never published and every download
    /// by staff is entered in the access log.
    may_hold_personal_data: bool,
    created_at: DateTime<FixedOffset>,
}

impl From<Attachment> for AttachmentResponse {
    fn from(attachment: Attachment) -> Self {
        AttachmentResponse {
            id: attachment.id,
            file_name: attachment.file_name,
            media_type: attachment.media_type,
            byte_size: attachment.byte_size,
            location_shared: attachment.location_shared,
            may_hold_personal_data: true,
            created_at: vietnam_time(attachment.created_at),
        }
    }
}

fn unreadable() -> ApiError {
    ApiError::BadRequest { code: "malformed_multipart", detail: "the multipart body could not be read".into() }
}

/// How uploads are bounded besides their size: how many may be read at once (each holds up to
/// the largest file in memory) and how long a body may take to arrive (a client dripping a body
/// byte by byte would otherwise hold a slot for ever). Shared by every worker of the server.
#[derive(Debug)]
pub struct UploadLimits {
    in_progress: AtomicUsize,
    pub most_at_once: usize,
    pub time_allowed: Duration,
}

impl UploadLimits {
    pub fn new(most_at_once: usize, time_allowed: Duration) -> Self {
        UploadLimits { in_progress: AtomicUsize::new(0), most_at_once, time_allowed }
    }

    /// A place among the uploads in progress, given back when dropped; None when all are taken.
    fn take_slot(&self) -> Option<UploadSlot<'_>> {
        let free = |taken: usize| (taken < self.most_at_once).then_some(taken + 1);
        self.in_progress.fetch_update(Ordering::SeqCst, Ordering::SeqCst, free).ok()?;
        Some(UploadSlot(&self.in_progress))
    }
}

struct UploadSlot<'a>(&'a AtomicUsize);

impl Drop for UploadSlot<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// One file per request, in the part named `file`; `share_location=true` keeps a photo's location.
/// The uploader's right to add a file is checked before a byte of the body is read; the body must
/// then arrive within the time allowed, and only so many uploads are read at once.
pub async fn upload_attachment(
    context: web::Data<Context>,
    limits: web::Data<UploadLimits>,
    signed_in: SignedIn,
    request: actix_web::HttpRequest,
    id: web::Path<String>,
    multipart: Multipart,
) -> Result<HttpResponse, ApiError> {
    let petition_id: PetitionId = id_in_path(&id, "petition")?;
    let is_multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    if !is_multipart {
        return Err(ApiError::UnsupportedMediaType(
            "send the file as multipart/form-data, in a part named \"file\"".into(),
        ));
    }
    let actor = signed_in.actor().clone();
    let (asking, target) = (actor.clone(), petition_id.clone());
    context.run(move |c, context| attachments::may_add(c, context, &asking, &target)).await?;
    let _slot = limits
        .take_slot()
        .ok_or_else(|| ApiError::Unavailable("too many files are being uploaded right now; retry shortly".into()))?;
    let seconds = limits.time_allowed.as_secs();
    let upload = actix_web::rt::time::timeout(
        limits.time_allowed,
        read_upload(multipart, context.settings.max_attachment_bytes),
    )
    .await
    .map_err(|_| ApiError::RequestTimeout { seconds })??;
    let attachment = context.run(move |c, context| attachments::add(c, context, &actor, &petition_id, upload)).await?;
    let location = format!("/api/v1/petitions/{}/attachments/{}", attachment.petition_id, attachment.id);
    Ok(HttpResponse::Created().insert_header(("Location", location)).json(AttachmentResponse::from(attachment)))
}

/// Reads the parts of an upload: exactly one `file`, and optionally `share_location`.
async fn read_upload(mut multipart: Multipart, limit: usize) -> Result<Upload, ApiError> {
    let mut upload: Option<Upload> = None;
    let mut share_location = false;
    let mut parts = 0;
    while let Some(field) = multipart.next().await {
        parts += 1;
        if parts > 4 {
            return Err(ApiError::validation("body", "has more parts than an upload takes (file, share_location)"));
        }
        let mut field = field.map_err(|_| unreadable())?;
        match field.name().unwrap_or_default() {
            "file" => {
                if upload.is_some() {
                    return Err(ApiError::validation("file", "send one file per request"));
                }
                let file_name = field
                    .content_disposition()
                    .and_then(|d| d.get_filename())
                    .map(str::to_string)
                    .ok_or_else(|| ApiError::validation("file.name", "the file part needs a file name"))?;
                let declared_type = field.content_type().map(|m| m.essence_str().to_string());
                let mut bytes = Vec::new();
                while let Some(chunk) = field.next().await {
                    let chunk = chunk.map_err(|_| unreadable())?;
                    if bytes.len() + chunk.len() > limit {
                        return Err(ApiError::PayloadTooLarge { limit });
                    }
                    bytes.extend_from_slice(&chunk);
                }
                upload = Some(Upload { file_name, declared_type, bytes, share_location: false });
            }
            "share_location" => {
                let mut value = Vec::new();
                while let Some(chunk) = field.next().await {
                    value.extend_from_slice(&chunk.map_err(|_| unreadable())?);
                    if value.len() > 16 {
                        return Err(ApiError::validation("share_location", "must be true or false"));
                    }
                }
                share_location = match value.as_slice() {
                    b"true" => true,
                    b"false" => false,
                    _ => return Err(ApiError::validation("share_location", "must be true or false")),
                };
            }
            other => {
                return Err(ApiError::validation(
                    other.to_string(),
                    "is not a part this upload takes (file, share_location)",
                ));
            }
        }
    }
    let mut upload = upload.ok_or_else(|| ApiError::validation("file", "is required"))?;
    upload.share_location = share_location;
    Ok(upload)
}

pub async fn list_attachments(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<ListResponse<AttachmentResponse>>, ApiError> {
    let petition_id: PetitionId = id_in_path(&id, "petition")?;
    let actor = signed_in.actor().clone();
    let attachments = context.run(move |c, _| attachments::list(c, &actor, &petition_id)).await?;
    Ok(web::Json(ListResponse::complete(attachments.into_iter().map(Into::into).collect())))
}

/// Always a download (never shown inline), with its sniffed type and `nosniff`.
pub async fn download_attachment(
    context: web::Data<Context>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (petition_id, attachment_id) = path.into_inner();
    let petition_id: PetitionId = id_in_path(&petition_id, "petition")?;
    let attachment_id: AttachmentId = id_in_path(&attachment_id, "attachment")?;
    let actor = signed_in.actor().clone();
    let (row, bytes) =
        context.run(move |c, context| attachments::download(c, context, &actor, &petition_id, &attachment_id)).await?;
    let disposition = ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![DispositionParam::FilenameExt(header::ExtendedValue {
            charset: header::Charset::Ext("UTF-8".into()),
            language_tag: None,
            value: row.file_name.into_bytes(),
        })],
    };
    Ok(HttpResponse::Ok()
        .content_type(row.media_type.as_str())
        .insert_header(disposition)
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(bytes))
}
