//! E-mails waiting to be delivered, as the outbox keeps them.

use chrono::NaiveDateTime;

use super::ids::EmailId;

crate::text_enum! {
    pub enum EmailStatus {
        /// Waiting for its first or next attempt.
        Pending => "pending",
        Sent => "sent",
        /// Set aside after a permanent refusal or too many attempts, for an administrator to retry.
        Failed => "failed",
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEmail {
    pub id: EmailId,
    pub to_address: String,
    pub to_name: Option<String>,
    pub subject: String,
    /// Cleared once sent: it may hold a one-time link.
    pub body_text: String,
    pub body_html: String,
    pub status: EmailStatus,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    /// The worker holding it, until `lease_expires_at`.
    pub lease_owner: Option<String>,
    pub lease_expires_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
}
