//! Receiving and sending files over HTTP, for every capability that keeps them: multipart bodies
//! read within bounds (one upload slot, a time limit, a size limit) and downloads that are never
//! shown inline.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use actix_multipart::Multipart;
use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpRequest, HttpResponse};
use futures_util::StreamExt;

use crate::domain::evidence::MediaType;
use crate::error::ApiError;
use crate::service::uploads::Upload;

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

/// Refuses a body that is not multipart before anything else is asked.
pub fn require_multipart(request: &HttpRequest) -> Result<(), ApiError> {
    let is_multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/form-data"));
    if is_multipart {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType("send the file as multipart/form-data, in a part named \"file\"".into()))
    }
}

/// Reads one upload once the caller has checked that the uploader may add it: takes a slot
/// among the uploads in progress and reads the body within the time allowed. The parts are
/// exactly one `file`, and optionally `share_location`.
pub async fn receive(multipart: Multipart, limits: &UploadLimits, max_bytes: usize) -> Result<Upload, ApiError> {
    let _slot = limits
        .take_slot()
        .ok_or_else(|| ApiError::Unavailable("too many files are being uploaded right now; retry shortly".into()))?;
    let seconds = limits.time_allowed.as_secs();
    actix_web::rt::time::timeout(limits.time_allowed, read_parts(multipart, max_bytes))
        .await
        .map_err(|_| ApiError::RequestTimeout { seconds })?
}

fn unreadable() -> ApiError {
    ApiError::BadRequest { code: "malformed_multipart", detail: "the multipart body could not be read".into() }
}

async fn read_parts(mut multipart: Multipart, limit: usize) -> Result<Upload, ApiError> {
    let mut upload: Option<Upload> = None;
    let mut share_location = false;
    let mut parts = 0;
    while let Some(field) = multipart.next().await {
        parts += 1;
        if parts > 4 {
            return Err(ApiError::validation("body", "has more parts than an upload takes (file, share_location)"));
        }
        let mut field = field.map_err(|_| unreadable())?;
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
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
        } else if name == "share_location" {
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
        } else {
            return Err(ApiError::validation(name, "is not a part this upload takes (file, share_location)"));
        }
    }
    let mut upload = upload.ok_or_else(|| ApiError::validation("file", "is required"))?;
    upload.share_location = share_location;
    Ok(upload)
}

/// A stored file as a download (never shown inline), with its sniffed type and `nosniff`.
pub fn download(file_name: String, media_type: MediaType, bytes: Vec<u8>) -> HttpResponse {
    let disposition = ContentDisposition {
        disposition: DispositionType::Attachment,
        parameters: vec![DispositionParam::FilenameExt(header::ExtendedValue {
            charset: header::Charset::Ext("UTF-8".into()),
            language_tag: None,
            value: file_name.into_bytes(),
        })],
    };
    HttpResponse::Ok()
        .content_type(media_type.as_str())
        .insert_header(disposition)
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(bytes)
}
