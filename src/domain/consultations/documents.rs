//! The documents of a consultation: the plan itself, maps, annexes. Added by the agency, never
//! removed, so a published consultation cannot lose one; public once it is published.

use chrono::NaiveDateTime;

use crate::domain::evidence::MediaType;
use crate::domain::ids::{ConsultationDocumentId, ConsultationId, UserId};

/// The most documents one consultation holds.
pub const MAX_DOCUMENTS: i64 = 30;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: ConsultationDocumentId,
    pub consultation_id: ConsultationId,
    pub file_name: String,
    pub media_type: MediaType,
    pub content_hash: String,
    pub byte_size: i64,
    pub uploaded_by: UserId,
    pub created_at: NaiveDateTime,
}
