//! `/api/v1/me/data-export`, `/api/v1/me/erasure` and `/api/v1/me/processing`: a person sees and
//! downloads everything pakn holds about them, erases their account as far as the law lets it go,
//! and objects to what the law does not require.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::account::Role;
use crate::domain::authorization::Action;
use crate::domain::ids::PetitionId;
use crate::domain::personal_data::reads::RecordRead;
use crate::domain::personal_data::requests::OptionalProcessing;
use crate::error::ApiError;
use crate::http::accounts::me::MeResponse;
use crate::http::extract::JsonBody;
use crate::http::petitions::attachments::AttachmentResponse;
use crate::http::petitions::messages::MessageResponse;
use crate::http::petitions::responses::PetitionResponse;
use crate::http::signed_in::SignedIn;
use crate::http::wire::vietnam_time;
use crate::service::Context;
use crate::service::personal_data::erasure::{self, Erased};
use crate::service::personal_data::export::{self, DataExport, ExportedPetition, NoticeShown, ReadSeen};
use crate::service::personal_data::objections;

use super::register::DataRequestResponse;

#[derive(Debug, Serialize)]
pub struct NoticeShownResponse {
    version: i32,
    occasion: String,
    shown_at: DateTime<FixedOffset>,
}

fn notices(shown: Vec<NoticeShown>) -> Vec<NoticeShownResponse> {
    shown
        .into_iter()
        .map(|(version, occasion, at)| NoticeShownResponse { version, occasion, shown_at: vietnam_time(at) })
        .collect()
}

#[derive(Debug, Serialize)]
pub struct SessionResponse {
    signed_in_at: DateTime<FixedOffset>,
    last_active_at: DateTime<FixedOffset>,
    ended_at: Option<DateTime<FixedOffset>>,
    ended_because: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ExportedPetitionResponse {
    petition: PetitionResponse,
    /// How many co-petitioners the petition names: their details are theirs, not in this export.
    co_petitioners_named: usize,
    privacy_notices_shown: Vec<NoticeShownResponse>,
    messages: Vec<MessageResponse>,
    attachments: Vec<AttachmentResponse>,
}

impl From<ExportedPetition> for ExportedPetitionResponse {
    fn from(exported: ExportedPetition) -> Self {
        ExportedPetitionResponse {
            petition: exported.view.into(),
            co_petitioners_named: exported.co_petitioners,
            privacy_notices_shown: notices(exported.notices_shown),
            messages: exported.messages.into_iter().map(Into::into).collect(),
            attachments: exported.attachments.into_iter().map(Into::into).collect(),
        }
    }
}

/// Who read the person's data: a role and an agency, never an official's name.
#[derive(Debug, Serialize)]
pub struct ReadResponse {
    read_at: DateTime<FixedOffset>,
    reader_role: Role,
    reader_agency: Option<String>,
    record: RecordRead,
    petition_id: Option<PetitionId>,
}

impl From<ReadSeen> for ReadResponse {
    fn from(read: ReadSeen) -> Self {
        ReadResponse {
            read_at: vietnam_time(read.read_at),
            reader_role: read.reader_role,
            reader_agency: read.reader_agency,
            record: read.record,
            petition_id: read.petition_id,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct DataExportResponse {
    exported_at: DateTime<FixedOffset>,
    account: MeResponse,
    privacy_notices_shown: Vec<NoticeShownResponse>,
    sessions: Vec<SessionResponse>,
    petitions: Vec<ExportedPetitionResponse>,
    data_reads: Vec<ReadResponse>,
    data_requests: Vec<DataRequestResponse>,
    reception_bookings: Vec<BookingExported>,
    consultation_comments: Vec<CommentExported>,
    consultation_supports: Vec<SupportExported>,
    consultation_subscriptions: Vec<String>,
}

/// A comment on a consultation, as its author exports it: hidden ones with the reason.
#[derive(Debug, Serialize)]
pub struct CommentExported {
    id: crate::domain::ids::ConsultationCommentId,
    consultation_id: crate::domain::ids::ConsultationId,
    section: Option<i32>,
    text: String,
    created_at: DateTime<FixedOffset>,
    hidden_reason: Option<String>,
    answered: bool,
    supports: i64,
}

/// A comment the person supported.
#[derive(Debug, Serialize)]
pub struct SupportExported {
    consultation_id: crate::domain::ids::ConsultationId,
    comment_id: crate::domain::ids::ConsultationCommentId,
    supported_at: DateTime<FixedOffset>,
}

/// A booking at a reception session, as its citizen exports it.
#[derive(Debug, Serialize)]
pub struct BookingExported {
    session_id: crate::domain::ids::ReceptionSessionId,
    position: i32,
    subject: String,
    booked_at: DateTime<FixedOffset>,
}

impl From<DataExport> for DataExportResponse {
    fn from(export: DataExport) -> Self {
        DataExportResponse {
            exported_at: vietnam_time(export.exported_at),
            account: export.account.into(),
            privacy_notices_shown: notices(export.notices_shown),
            sessions: export
                .sessions
                .into_iter()
                .map(|s| SessionResponse {
                    signed_in_at: vietnam_time(s.created_at),
                    last_active_at: vietnam_time(s.refreshed_at),
                    ended_at: s.revoked_at.map(vietnam_time),
                    ended_because: s.revoked_reason,
                })
                .collect(),
            petitions: export.petitions.into_iter().map(Into::into).collect(),
            data_reads: export.reads.into_iter().map(Into::into).collect(),
            data_requests: export.requests.into_iter().map(Into::into).collect(),
            reception_bookings: export
                .reception_bookings
                .into_iter()
                .map(|b| BookingExported {
                    session_id: b.session_id,
                    position: b.position,
                    subject: b.subject,
                    booked_at: vietnam_time(b.created_at),
                })
                .collect(),
            consultation_comments: export
                .consultation_comments
                .into_iter()
                .map(|c| CommentExported {
                    answered: c.answer_id.is_some(),
                    hidden_reason: c.hidden.map(|h| h.reason),
                    id: c.id,
                    consultation_id: c.consultation_id,
                    section: c.section,
                    text: c.text,
                    created_at: vietnam_time(c.created_at),
                    supports: c.supports,
                })
                .collect(),
            consultation_supports: export
                .consultation_supports
                .into_iter()
                .map(|(consultation_id, comment_id, at)| SupportExported {
                    consultation_id,
                    comment_id,
                    supported_at: vietnam_time(at),
                })
                .collect(),
            consultation_subscriptions: export.consultation_subscriptions,
        }
    }
}

/// A download: `Content-Disposition: attachment`, never cached.
pub async fn export_my_data(context: web::Data<Context>, signed_in: SignedIn) -> Result<HttpResponse, ApiError> {
    signed_in.may(&Action::ManageOwnAccount)?;
    let actor = signed_in.actor().clone();
    let exported = context.run(move |c, context| export::export(c, context, &actor)).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Content-Disposition", "attachment; filename=\"pakn-data-export.json\""))
        .insert_header(("Cache-Control", "no-store"))
        .json(DataExportResponse::from(exported)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErasureRequest {
    password: String,
}

#[derive(Debug, Serialize)]
pub struct ErasureResponse {
    petitions_kept: usize,
    petitioners_anonymised: usize,
    sign_in_records_deleted: usize,
    emails_forgotten: usize,
}

impl From<Erased> for ErasureResponse {
    fn from(erased: Erased) -> Self {
        ErasureResponse {
            petitions_kept: erased.petitions_kept,
            petitioners_anonymised: erased.petitioners_anonymised,
            sign_in_records_deleted: erased.sign_in_records_deleted,
            emails_forgotten: erased.emails_forgotten,
        }
    }
}

pub async fn erase_my_account(
    context: web::Data<Context>,
    signed_in: SignedIn,
    body: JsonBody<ErasureRequest>,
) -> Result<web::Json<ErasureResponse>, ApiError> {
    signed_in.may(&Action::ManageOwnAccount)?;
    let (user, session_id) = signed_in.into_parts();
    let erased = erasure::erase(&context, user, session_id, body.0.password).await?;
    Ok(web::Json(erased.into()))
}

/// The processing the law does not require, and whether the person allows each: `false` is an
/// objection (Law 91/2025/QH15 Art. 4(1)(d)).
#[derive(Debug, Serialize)]
pub struct ProcessingResponse {
    email_updates: bool,
}

impl ProcessingResponse {
    fn of(objected: &[OptionalProcessing]) -> Self {
        ProcessingResponse { email_updates: !objected.contains(&OptionalProcessing::EmailUpdates) }
    }
}

pub async fn get_my_processing(
    context: web::Data<Context>,
    signed_in: SignedIn,
) -> Result<web::Json<ProcessingResponse>, ApiError> {
    signed_in.may(&Action::ManageOwnAccount)?;
    let user = signed_in.actor().user_id.clone();
    let objected = context.run(move |c, _| objections::of(c, &user)).await?;
    Ok(web::Json(ProcessingResponse::of(&objected)))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessingRequest {
    email_updates: bool,
}

pub async fn set_my_processing(
    context: web::Data<Context>,
    signed_in: SignedIn,
    body: JsonBody<ProcessingRequest>,
) -> Result<web::Json<ProcessingResponse>, ApiError> {
    signed_in.may(&Action::ManageOwnAccount)?;
    let (user, now, allowed) = (signed_in.actor().user_id.clone(), context.now(), body.0.email_updates);
    let objected =
        context.run(move |c, _| objections::set(c, &user, OptionalProcessing::EmailUpdates, !allowed, now)).await?;
    Ok(web::Json(ProcessingResponse::of(&objected)))
}
