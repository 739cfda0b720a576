//! One function per use case: opens the transaction, applies the domain rules, calls `db`.
//! Testable without HTTP; errors here say what went wrong, `error.rs` decides how HTTP shows it.

pub mod accounts;
pub mod context;
pub mod demo;
pub mod events;
pub mod handling;
pub mod health;
pub mod outbox;
pub mod page;
pub mod petitions;
pub mod reference;
pub mod throttle;

use crate::db::{DbConnection, DbPool};
use crate::domain::FieldError;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("{0}")]
    NotFound(String),
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    Conflict(String),
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
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<diesel::result::Error> for ServiceError {
    fn from(error: diesel::result::Error) -> Self {
        ServiceError::Internal(anyhow::Error::new(error).context("database query failed"))
    }
}

impl ServiceError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        ServiceError::Invalid(vec![FieldError::new(field, message)])
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;

/// Runs database work on the blocking pool with a connection from the pool: diesel is synchronous
/// and must never run on an async worker thread.
pub async fn with_connection<T, F>(pool: &DbPool, work: F) -> ServiceResult<T>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConnection) -> ServiceResult<T> + Send + 'static,
{
    let pool = pool.clone();
    tokio::task::spawn_blocking(move || {
        let mut connection = pool.get().map_err(ServiceError::DatabaseUnavailable)?;
        work(&mut connection)
    })
    .await
    .map_err(|joined| ServiceError::Internal(anyhow::anyhow!("database task failed: {joined}")))?
}

pub use context::{Context, Settings};
