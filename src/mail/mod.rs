//! Sending e-mail: over SMTP with lettre, or as .eml files when no SMTP server is configured.
//! Messages come from the outbox; the templates that write them live in `templates`.

pub mod templates;

use std::path::PathBuf;
use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::{FileTransport, Message, SmtpTransport, Transport};

use crate::db::outbox::OutboxEmailRow;

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
                std::fs::create_dir_all(&mail_folder)
                    .map_err(|e| MailSetupError::Folder(mail_folder.display().to_string(), e))?;
                MailTransport::Files(mail_folder)
            }
        };
        Ok(Mailer { transport, from })
    }

    /// Sends one outbox message; its Message-ID is derived from the outbox id, so that a message
    /// that had to be resent after a crash can be recognised as the same one.
    pub fn send(&self, email: &OutboxEmailRow) -> Result<(), SendFailure> {
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

    fn build(&self, email: &OutboxEmailRow) -> Result<Message, String> {
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
