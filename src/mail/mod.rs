//! Sending e-mail: over SMTP with lettre, or as .eml files when no SMTP server is configured.
//! Messages come from the outbox; the templates that write them live in `templates`.

pub mod templates;

use std::path::PathBuf;
use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::{FileTransport, Message, SmtpTransport, Transport};

use crate::domain::outbox::OutboxEmail;

/// Where messages go.
#[derive(Clone)]
pub enum MailTransport {
    Smtp(SmtpTransport),
    /// `.eml` files in a folder: `cargo run` works with no mail server.
    Files(PathBuf),
}

/// Why a message was not delivered, and whether trying again can help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendFailure {
    /// The server refused for good (5xx): retrying the same message will not help.
    pub permanent: bool,
    pub reason: String,
}

#[derive(Clone)]
pub struct Mailer {
    transport: MailTransport,
    from: Mailbox,
}

#[derive(Debug, thiserror::Error)]
pub enum MailSetupError {
    #[error("PAKN_SMTP_URL is not usable: {0}")]
    Smtp(String),
    #[error("PAKN_MAIL_FROM is not a mailbox: {0}")]
    From(String),
    #[error("cannot create the mail folder {0}: {1}")]
    Folder(String, std::io::Error),
}

impl Mailer {
    /// SMTP when a URL is given, else files under `mail_folder`.
    pub fn new(smtp_url: Option<&str>, from: &str, mail_folder: PathBuf) -> Result<Self, MailSetupError> {
        let from: Mailbox =
            from.parse().map_err(|e: lettre::address::AddressError| MailSetupError::From(e.to_string()))?;
        let transport = match smtp_url {
            Some(url) => {
                let transport = SmtpTransport::from_url(url)
                    .map_err(|e| MailSetupError::Smtp(crate::db::redact_password(&e.to_string())))?
                    .timeout(Some(Duration::from_secs(20)))
                    .build();
                MailTransport::Smtp(transport)
            }
            None => {
                crate::security::private_files::create_folder(&mail_folder)
                    .map_err(|e| MailSetupError::Folder(mail_folder.display().to_string(), e))?;
                MailTransport::Files(mail_folder)
            }
        };
        Ok(Mailer { transport, from })
    }

    /// Sends one outbox message; its Message-ID is derived from the outbox id, so that a message
    /// that had to be resent after a crash can be recognised as the same one.
    pub fn send(&self, email: &OutboxEmail) -> Result<(), SendFailure> {
        let message = self.build(email).map_err(|reason| SendFailure { permanent: true, reason })?;
        match &self.transport {
            MailTransport::Smtp(transport) => transport
                .send(&message)
                .map(|_| ())
                .map_err(|error| SendFailure { permanent: error.is_permanent(), reason: error.to_string() }),
            MailTransport::Files(folder) => FileTransport::new(folder)
                .send(&message)
                .map(|_| ())
                .map_err(|error| SendFailure { permanent: false, reason: error.to_string() }),
        }
    }

    fn build(&self, email: &OutboxEmail) -> Result<Message, String> {
        let address = email.to_address.parse().map_err(|e: lettre::address::AddressError| e.to_string())?;
        let to = Mailbox::new(email.to_name.clone(), address);
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&email.subject)
            .message_id(Some(format!("<{}@pakn>", email.id)))
            .multipart(
                MultiPart::alternative()
                    .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(email.body_text.clone()))
                    .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(email.body_html.clone())),
            )
            .map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email() -> OutboxEmail {
        let now = chrono::NaiveDateTime::default();
        OutboxEmail {
            id: crate::domain::ids::EmailId::parse("7f1c2a52-0000-4000-8000-000000000001").unwrap(),
            to_address: "dan@example.vn".into(),
            to_name: Some("Nguyễn Văn Dân".into()),
            subject: "Xác nhận".into(),
            body_text: "Kính gửi".into(),
            body_html: "<p>Kính gửi</p>".into(),
            status: crate::domain::outbox::EmailStatus::Pending,
            attempts: 0,
            next_attempt_at: now,
            lease_owner: None,
            lease_expires_at: None,
            last_error: None,
            created_at: now,
            sent_at: None,
            recipient_hidden: false,
            erased_at: None,
        }
    }

    #[test]
    fn without_smtp_each_message_is_written_as_an_eml_file() {
        let folder = std::env::temp_dir().join(format!("pakn-mail-{}", uuid::Uuid::new_v4().simple()));
        let mailer = Mailer::new(None, "pakn <no-reply@pakn.invalid>", folder.clone()).unwrap();
        mailer.send(&email()).unwrap();
        let files: Vec<_> = std::fs::read_dir(&folder).unwrap().flatten().collect();
        assert_eq!(files.len(), 1);
        let text = std::fs::read_to_string(files[0].path()).unwrap();
        assert!(text.contains("Message-ID: <7f1c2a52-0000-4000-8000-000000000001@pakn>"), "{text}");
        assert!(text.contains("To: =?utf-8?"), "the name is encoded, not raw: {text}");
        std::fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn an_address_that_cannot_be_parsed_is_a_permanent_failure() {
        let folder = std::env::temp_dir().join(format!("pakn-mail-{}", uuid::Uuid::new_v4().simple()));
        let mailer = Mailer::new(None, "pakn <no-reply@pakn.invalid>", folder.clone()).unwrap();
        let mut bad = email();
        bad.to_address = "not an address".into();
        assert!(mailer.send(&bad).unwrap_err().permanent);
        std::fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn bad_settings_are_refused_at_start() {
        assert!(matches!(Mailer::new(Some("smtp://"), "pakn <a@b.vn>", "x".into()), Err(MailSetupError::Smtp(_))));
        assert!(matches!(Mailer::new(None, "no address here", "x".into()), Err(MailSetupError::From(_))));
    }
}
