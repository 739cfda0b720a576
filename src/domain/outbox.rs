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
    /// To the petitioner of a confidential petition: the recipient is never shown.
    pub recipient_hidden: bool,
    /// When the recipient and subject of sent mail were erased, at the end of its retention.
    pub erased_at: Option<NaiveDateTime>,
}

impl OutboxEmail {
    /// The recipient as an administrator may see it: not when hidden or erased.
    pub fn shown_recipient(&self) -> Option<&str> {
        (!self.recipient_hidden && self.erased_at.is_none()).then_some(self.to_address.as_str())
    }

    /// The last delivery error, without the recipient's address when that is not to be shown
    /// (mail servers repeat it: "550 5.1.1 <name@example.vn>: user unknown").
    pub fn shown_error(&self) -> Option<String> {
        self.last_error.as_deref().map(|error| self.without_recipient(error))
    }

    /// `text` (a mail server's answer) as it may be shown or logged: without the recipient's
    /// address or its local part, when the recipient is not to be shown.
    pub fn without_recipient(&self, text: &str) -> String {
        if self.shown_recipient().is_some() || self.to_address.is_empty() {
            return text.to_string();
        }
        let local_part = self.to_address.split('@').next().unwrap_or_default();
        let mut shown = text.replace(&self.to_address, "(recipient)");
        if local_part.len() >= 3 {
            shown = shown.replace(local_part, "(recipient)");
        }
        shown
    }
}

/// Where a queued message goes, and whether an administrator may see to whom.
#[derive(Debug, Clone, Copy)]
pub struct Addressee<'a> {
    pub address: &'a str,
    pub name: Option<&'a str>,
    pub hidden: bool,
}

impl<'a> Addressee<'a> {
    pub fn shown(address: &'a str, name: Option<&'a str>) -> Self {
        Addressee { address, name, hidden: false }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(to: &str, hidden: bool, error: &str) -> OutboxEmail {
        let at = chrono::DateTime::from_timestamp(1_800_000_000, 0).unwrap().naive_utc();
        OutboxEmail {
            id: EmailId::from_stored("e".into()),
            to_address: to.into(),
            to_name: None,
            subject: String::new(),
            body_text: String::new(),
            body_html: String::new(),
            status: EmailStatus::Failed,
            attempts: 1,
            next_attempt_at: at,
            lease_owner: None,
            lease_expires_at: None,
            last_error: Some(error.into()),
            created_at: at,
            sent_at: None,
            recipient_hidden: hidden,
            erased_at: None,
        }
    }

    #[test]
    fn a_hidden_recipient_is_not_repeated_by_the_mail_servers_error() {
        let hidden = email("an.nguyen@example.vn", true, "550 5.1.1 <an.nguyen@example.vn>: user an.nguyen unknown");
        assert_eq!(hidden.shown_recipient(), None);
        assert_eq!(hidden.shown_error().unwrap(), "550 5.1.1 <(recipient)>: user (recipient) unknown");
        let shown = email("officer@hue.gov.vn", false, "550 <officer@hue.gov.vn> unknown");
        assert_eq!(shown.shown_recipient(), Some("officer@hue.gov.vn"));
        assert!(shown.shown_error().unwrap().contains("officer@hue.gov.vn"));
    }
}
