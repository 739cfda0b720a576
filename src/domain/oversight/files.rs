//! The files kept as evidence of supervision: what a monitor found, and what an agency did to
//! remedy a recommendation.

use chrono::NaiveDateTime;

use crate::domain::evidence::MediaType;
use crate::domain::ids::{FindingId, RecommendationId, SupervisionFileId, UserId};

/// The record a file is the evidence of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceOf {
    /// Added by whoever recorded the finding (a monitor or an inspector).
    Finding(FindingId),
    /// The remedy's evidence, added by the head of the agency the recommendation is addressed to.
    Recommendation(RecommendationId),
}

/// A file on a supervision record; its bytes are in the file store, by content hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupervisionFile {
    pub id: SupervisionFileId,
    pub of: EvidenceOf,
    pub file_name: String,
    pub media_type: MediaType,
    pub content_hash: String,
    pub byte_size: i64,
    pub location_shared: bool,
    pub uploaded_by: UserId,
    pub created_at: NaiveDateTime,
}
