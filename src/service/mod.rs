//! One function per use case, grouped by capability: each opens its transaction, applies the
//! domain's rules, calls `db`, and in the same transaction records the event and queues the
//! e-mails it causes. Testable without HTTP; errors here say what went wrong, `error.rs` decides
//! how HTTP shows it.

pub mod accounts;
pub mod consultations;
pub mod context;
pub mod demo;
pub mod events;
pub mod handling;
pub mod health;
pub mod open311;
pub mod outbox;
pub mod oversight;
pub mod page;
pub mod personal_data;
pub mod petitions;
pub mod reception;
pub mod reference;
pub mod reports;
pub mod shutdown;
pub mod throttle;
pub mod uploads;

use crate::domain::FieldError;

pub use context::{Context, Settings};

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("{0}")]
    NotFound(String),
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    Conflict(String),
    /// Comments are not taken today: the consultation's window has not opened or has closed.
    #[error("{0}")]
    ConsultationClosed(String),
    /// A workflow step not open from the petition's status; `open` is what the actor can do.
    #[error("not allowed from {status}")]
    WrongStatus { status: crate::domain::petition::PetitionStatus, open: Vec<crate::domain::workflow::WorkflowAction> },
    /// Someone else changed the petition first (its version moved on).
    #[error("the petition changed meanwhile")]
    EditConflict,
    /// The actor may not do this (403), or may not even learn the target exists (404).
    #[error("forbidden")]
    Forbidden,
    /// No valid credentials: 401.
    #[error("{0}")]
    Unauthenticated(String),
    /// A one-time token or refresh token that is unknown, used, or expired.
    #[error("invalid or expired token")]
    InvalidToken,
    #[error("too many attempts; retry in {retry_after_seconds} s")]
    RateLimited { retry_after_seconds: u64 },
    #[error("no database connection: {0}")]
    DatabaseUnavailable(r2d2::Error),
    /// The database did not answer within the time a request may wait (`Context::run`): it hangs
    /// or crawls. 503, worth retrying.
    #[error("the database did not answer within {0:?}")]
    DatabaseTimeout(std::time::Duration),
    /// The file store refused a write (folder gone or unwritable, disk full): 503, worth
    /// retrying once an operator has looked, rather than a 500 (`tests/api/faults/storage.rs`).
    #[error("cannot store the file: {0}")]
    StorageUnavailable(std::io::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<diesel::result::Error> for ServiceError {
    fn from(error: diesel::result::Error) -> Self {
        ServiceError::Internal(anyhow::Error::new(error).context("database query failed"))
    }
}

impl From<crate::domain::workflow::steps::StepError> for ServiceError {
    fn from(error: crate::domain::workflow::steps::StepError) -> Self {
        use crate::domain::workflow::steps::StepError;
        match error {
            StepError::Invalid(errors) => ServiceError::Invalid(errors),
            StepError::Conflict(why) => ServiceError::Conflict(why),
        }
    }
}

impl ServiceError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        ServiceError::Invalid(vec![FieldError::new(field, message)])
    }

    /// Field errors collected while checking input, if there were any.
    pub fn unless_valid(errors: Vec<FieldError>) -> ServiceResult<()> {
        if errors.is_empty() { Ok(()) } else { Err(ServiceError::Invalid(errors)) }
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;
