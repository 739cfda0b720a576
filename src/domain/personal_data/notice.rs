//! The privacy notice: versioned text in both languages. A version, once people were shown it,
//! never changes; a new one is published instead.

use chrono::NaiveDateTime;

crate::text_enum! {
    /// When a person is shown the notice, and so when its version is recorded.
    pub enum NoticeOccasion {
        Registration => "registration",
        InvitationAcceptance => "invitation_acceptance",
        Filing => "filing",
        Open311Filing => "open311_filing",
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivacyNotice {
    pub version: i32,
    pub text_vi: String,
    pub text_en: String,
    pub published_at: NaiveDateTime,
}

/// The relative link to one version, as the `Link: <…>; rel="privacy-policy"` header names it
/// (RFC 6903) on every answer that recorded the version shown.
pub fn link(version: i32) -> String {
    format!("/api/v1/privacy-notice?version={version}")
}

/// The relative link to the notice in force.
pub fn link_to_current() -> &'static str {
    "/api/v1/privacy-notice"
}
