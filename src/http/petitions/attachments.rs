//! `/api/v1/petitions/{id}/attachments`: uploading evidence and proof of completion (multipart),
//! listing and downloading them.

use actix_multipart::Multipart;
use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::evidence::{Attachment, AttachmentPurpose, MediaType};
use crate::domain::ids::{AttachmentId, PetitionId};
use crate::domain::text_enum::UnknownValue;
use crate::error::ApiError;
use crate::http::extract::id_in_path;
use crate::http::signed_in::SignedIn;
use crate::http::uploads::{self, UploadLimits};
use crate::http::wire::{ListResponse, vietnam_time};
use crate::service::Context;
use crate::service::petitions::attachments;

#[derive(Debug, Serialize)]
pub struct AttachmentResponse {
    id: AttachmentId,
    file_name: String,
    media_type: MediaType,
    byte_size: i64,
    location_shared: bool,
    purpose: AttachmentPurpose,
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
            purpose: attachment.purpose,
            may_hold_personal_data: true,
            created_at: vietnam_time(attachment.created_at),
        }
    }
}

/// Why a file is added, given in the query so that the right to add it is checked before a byte
/// of the body is read.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PurposeQuery {
    purpose: Option<String>,
}

fn purpose_of(text: Option<&str>) -> Result<AttachmentPurpose, ApiError> {
    text.map_or(Ok(AttachmentPurpose::Evidence), |text| {
        text.parse().map_err(|e: UnknownValue| ApiError::validation("purpose", e.to_string()))
    })
}

/// One file per request, in the part named `file`; `share_location=true` keeps a photo's location;
/// `?purpose=proof_of_completion` marks the agency's proof that the work was done.
pub async fn upload_attachment(
    context: web::Data<Context>,
    limits: web::Data<UploadLimits>,
    signed_in: SignedIn,
    request: actix_web::HttpRequest,
    id: web::Path<String>,
    multipart: Multipart,
    query: web::Query<PurposeQuery>,
) -> Result<HttpResponse, ApiError> {
    let petition_id: PetitionId = id_in_path(&id, "petition")?;
    uploads::require_multipart(&request)?;
    let purpose = purpose_of(query.into_inner().purpose.as_deref())?;
    let actor = signed_in.actor().clone();
    let (asking, target) = (actor.clone(), petition_id.clone());
    context.run(move |c, context| attachments::may_add(c, context, &asking, &target, purpose)).await?;
    let upload = uploads::receive(multipart, &limits, context.settings.max_attachment_bytes).await?;
    let attachment =
        context.run(move |c, context| attachments::add(c, context, &actor, &petition_id, upload, purpose)).await?;
    let location = format!("/api/v1/petitions/{}/attachments/{}", attachment.petition_id, attachment.id);
    Ok(HttpResponse::Created().insert_header(("Location", location)).json(AttachmentResponse::from(attachment)))
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
    Ok(uploads::download(row.file_name, row.media_type, bytes))
}
