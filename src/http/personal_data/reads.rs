//! `/api/v1/petitions/{id}/data-reads`: who read a petition's personal data — for monitors in its
//! scope and administrators, who supervise how staff use what citizens entrust.

use actix_web::web;
use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::domain::account::Role;
use crate::domain::ids::{AgencyId, AttachmentId, PetitionId, UserId};
use crate::domain::personal_data::reads::{DataRead, ReadOf, RecordRead};
use crate::error::ApiError;
use crate::http::extract::id_in_path;
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, vietnam_time};
use crate::service::Context;
use crate::service::personal_data::reads;

#[derive(Debug, Serialize)]
pub struct DataReadResponse {
    read_at: DateTime<FixedOffset>,
    reader_id: UserId,
    reader_role: Role,
    reader_agency_id: Option<AgencyId>,
    record: RecordRead,
    attachment_id: Option<AttachmentId>,
    /// Why, for an unsealing.
    reason: Option<String>,
}

impl From<DataRead> for DataReadResponse {
    fn from(read: DataRead) -> Self {
        DataReadResponse {
            read_at: vietnam_time(read.read_at),
            reader_id: read.reader_id,
            reader_role: read.reader_role,
            reader_agency_id: read.reader_agency_id,
            record: read.record,
            attachment_id: match read.of {
                ReadOf::Attachment(_, attachment) => Some(attachment),
                ReadOf::Petition(_) | ReadOf::Account(_) => None,
            },
            reason: read.reason,
        }
    }
}

pub async fn list_data_reads(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<ListResponse<DataReadResponse>>, ApiError> {
    let id: PetitionId = id_in_path(&id, "petition")?;
    let actor = signed_in.actor().clone();
    let listed = context.run(move |c, _| reads::of_petition(c, &actor, &id)).await?;
    Ok(web::Json(ListResponse::complete(listed.into_iter().map(Into::into).collect())))
}
