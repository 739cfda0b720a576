//! Files as they arrive, for every capability that keeps them (petition evidence, proof of
//! completion, supervision evidence): checked (type from the bytes, name, declared canvas),
//! stripped of location metadata unless the uploader shares it, then stored by content hash.

use crate::domain::evidence::{self, MAX_PIXELS, MediaType, MetadataError};
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

/// A file that passed every check and is in the file store.
#[derive(Debug, Clone)]
pub struct StoredFile {
    pub file_name: String,
    pub media_type: MediaType,
    pub content_hash: String,
    pub byte_size: i64,
    pub location_shared: bool,
}

fn invalid(message: impl Into<String>) -> ServiceError {
    ServiceError::invalid("file", message)
}

/// Checks the file and stores what may be kept of it. A refused file stores nothing; a stored
/// one no record names yet is harmless (stored by content, it is the same bytes next time).
pub fn check_and_store(context: &Context, upload: Upload) -> ServiceResult<StoredFile> {
    let file_name = evidence::check_file_name(&upload.file_name).map_err(|m| ServiceError::invalid("file.name", m))?;
    let media_type = MediaType::sniff(&upload.bytes).ok_or_else(|| {
        invalid("is not an accepted type: photos (JPEG, PNG, WebP, HEIC), PDF documents or MP4 videos")
    })?;
    if !evidence::name_matches(&file_name, media_type) {
        return Err(invalid(format!("contains {media_type} but its name {file_name:?} says otherwise")));
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
    let bytes = if upload.share_location {
        upload.bytes
    } else {
        evidence::strip_location(media_type, &upload.bytes).map_err(|error| match error {
            MetadataError::Malformed(_) | MetadataError::CannotStrip(_) => invalid(error.to_string()),
        })?
    };
    let content_hash = context.files.put(&bytes).map_err(ServiceError::StorageUnavailable)?;
    Ok(StoredFile {
        file_name,
        media_type,
        content_hash,
        byte_size: bytes.len() as i64,
        location_shared: upload.share_location,
    })
}

/// The bytes of a stored file.
pub fn read(context: &Context, content_hash: &str) -> ServiceResult<Vec<u8>> {
    Ok(context.files.get(content_hash).map_err(|e| anyhow::Error::new(e).context("reading a stored file"))?)
}
