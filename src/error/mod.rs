//! `ApiError`: the one place errors become HTTP. An error knows its status, its stable machine
//! `code` and its words; an `ErrorShape` writes them. The API's shape is RFC 9457 problem+json; a
//! scope that speaks a standard of its own (Open311 answers a list of errors, in XML or JSON)
//! declares its shape, answers `Shaped<ItsShape>` from its handlers, and installs
//! `answer_bare_errors::<ItsShape>` so that even actix's own 404s and 405s there come in that
//! shape. A 500 carries no detail; its cause goes to the log.

mod shape;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpResponse, ResponseError};

pub use crate::domain::FieldError;
use shape::written;
pub use shape::{ErrorShape, PROBLEM_JSON, Problem, ProblemJson, Shaped, answer_bare_errors};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Well-formed input that breaks a rule: 422 with the list of offending fields.
    #[error("validation failed: {0:?}")]
    Validation(Vec<FieldError>),
    /// Input that cannot even be read (malformed JSON, bad encoding): 400.
    #[error("{detail}")]
    BadRequest { code: &'static str, detail: String },
    #[error("{0}")]
    NotFound(String),
    /// No valid credentials: 401 with `WWW-Authenticate: Bearer`.
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("too many attempts")]
    RateLimited { retry_after_seconds: u64 },
    /// `allow` lists the methods the resource does support, for the `Allow` header.
    #[error("method not allowed")]
    MethodNotAllowed { allow: String },
    #[error("body larger than {limit} bytes")]
    PayloadTooLarge { limit: usize },
    /// The body did not arrive in the time allowed (a client dripping it): 408.
    #[error("the request body did not arrive within {seconds} seconds")]
    RequestTimeout { seconds: u64 },
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("{0}")]
    Conflict(String),
    /// A comment or support outside a consultation's window: 409 `consultation_closed`.
    #[error("{0}")]
    ConsultationClosed(String),
    /// A workflow step not open from where the petition is: 409 naming the status and the steps
    /// that are open to this user.
    #[error("a petition that is {current_status} does not allow this; open to you now: {allowed_actions:?}")]
    WrongStatus { current_status: String, allowed_actions: Vec<String> },
    /// The resource changed since the client read it (its version or `If-Match`): 409.
    #[error("{0}")]
    EditConflict(String),
    /// A dependency (the database) is down: 503, worth retrying.
    #[error("{0}")]
    Unavailable(String),
    /// A bug or an unexpected failure: 500, logged with its cause chain, never sent.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError::Validation(vec![FieldError::new(field, message)])
    }

    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        ApiError::Internal(cause.into())
    }

    /// The stable code clients switch on; never renamed once published.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Validation(_) => "validation_failed",
            ApiError::BadRequest { code, .. } => code,
            ApiError::NotFound(_) => "not_found",
            ApiError::Unauthorized(_) => "unauthorized",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::RateLimited { .. } => "rate_limited",
            ApiError::MethodNotAllowed { .. } => "method_not_allowed",
            ApiError::PayloadTooLarge { .. } => "payload_too_large",
            ApiError::RequestTimeout { .. } => "request_timeout",
            ApiError::UnsupportedMediaType(_) => "unsupported_media_type",
            ApiError::Conflict(_) => "conflict",
            ApiError::ConsultationClosed(_) => "consultation_closed",
            ApiError::WrongStatus { .. } => "wrong_status",
            ApiError::EditConflict(_) => "edit_conflict",
            ApiError::Unavailable(_) => "service_unavailable",
            ApiError::Internal(_) => "internal_error",
        }
    }

    /// The problem this error is, whatever shape writes it.
    pub fn problem(&self) -> Problem {
        let mut problem = Problem::new(self.status_code(), self.code(), self.detail());
        match self {
            ApiError::Validation(errors) => problem.errors = Some(errors.clone()),
            ApiError::WrongStatus { current_status, allowed_actions } => {
                problem.current_status = Some(current_status.clone());
                problem.allowed_actions = Some(allowed_actions.clone());
            }
            _ => {}
        }
        problem
    }

    fn detail(&self) -> String {
        match self {
            ApiError::Validation(errors) if errors.len() == 1 => {
                format!("{}: {}", errors[0].field, errors[0].message)
            }
            ApiError::Validation(errors) => format!("{} fields are invalid; see errors", errors.len()),
            ApiError::MethodNotAllowed { .. } => "this resource does not support that HTTP method".into(),
            ApiError::RateLimited { retry_after_seconds } => {
                format!("too many attempts; retry in {retry_after_seconds} seconds")
            }
            ApiError::PayloadTooLarge { limit } => format!("the request body exceeds the limit of {limit} bytes"),
            ApiError::Internal(_) => "an unexpected error occurred; it has been logged".into(),
            other => other.to_string(),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::RequestTimeout { .. } => StatusCode::REQUEST_TIMEOUT,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Conflict(_)
            | ApiError::ConsultationClosed(_)
            | ApiError::WrongStatus { .. }
            | ApiError::EditConflict(_) => StatusCode::CONFLICT,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        self.answer::<ProblemJson>()
    }
}

impl ApiError {
    /// The whole answer in shape `S`: the body, and the headers its status calls for. (A scope
    /// whose shape depends on the request, as Open311's format does, picks `S` per request.)
    pub fn answer<S: ErrorShape>(&self) -> HttpResponse {
        if let ApiError::Internal(cause) = self {
            // `{:#}` prints the whole cause chain on one line; it stays in the log.
            tracing::error!(error = format!("{cause:#}"), "request failed with an internal error");
        }
        let mut response = written::<S>(&self.problem());
        match self {
            ApiError::Unavailable(_) => {
                response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
            }
            ApiError::RateLimited { retry_after_seconds } => {
                if let Ok(value) = HeaderValue::from_str(&retry_after_seconds.to_string()) {
                    response.headers_mut().insert(header::RETRY_AFTER, value);
                }
            }
            ApiError::Unauthorized(_) => {
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"pakn\""));
            }
            ApiError::MethodNotAllowed { allow } => {
                if let Ok(value) = HeaderValue::from_str(allow) {
                    response.headers_mut().insert(header::ALLOW, value);
                }
            }
            _ => {}
        }
        response
    }
}

/// A pool that cannot hand out a connection means the database is unreachable: 503, worth retrying.
/// Anything unexpected is a 500.
impl From<crate::service::ServiceError> for ApiError {
    fn from(error: crate::service::ServiceError) -> Self {
        use crate::service::ServiceError;
        match error {
            ServiceError::NotFound(what) => ApiError::NotFound(what),
            ServiceError::Invalid(errors) => ApiError::Validation(errors),
            ServiceError::Conflict(what) => ApiError::Conflict(what),
            ServiceError::ConsultationClosed(what) => ApiError::ConsultationClosed(what),
            ServiceError::WrongStatus { status, open } => ApiError::WrongStatus {
                current_status: status.to_string(),
                allowed_actions: open.iter().map(ToString::to_string).collect(),
            },
            ServiceError::EditConflict => {
                ApiError::EditConflict("the petition changed since you read it; reload it and try again".into())
            }
            ServiceError::Forbidden => ApiError::Forbidden("you may not do this".into()),
            ServiceError::Unauthenticated(why) => ApiError::Unauthorized(why),
            ServiceError::InvalidToken => {
                ApiError::BadRequest { code: "invalid_token", detail: "the token is invalid, used or expired".into() }
            }
            ServiceError::RateLimited { retry_after_seconds } => ApiError::RateLimited { retry_after_seconds },
            ServiceError::DatabaseUnavailable(cause) => {
                tracing::warn!(error = %cause, "database unavailable");
                ApiError::Unavailable("the database is unavailable; retry shortly".into())
            }
            ServiceError::DatabaseTimeout(limit) => {
                tracing::warn!(?limit, "the database did not answer in time");
                ApiError::Unavailable("the database is not answering; retry shortly".into())
            }
            ServiceError::StorageUnavailable(cause) => {
                tracing::error!(error = %cause, "the file store refused a write");
                ApiError::Unavailable("files cannot be stored just now; retry later".into())
            }
            ServiceError::Internal(cause) if database_lost(&cause) => {
                tracing::warn!(error = format!("{cause:#}"), "database connection lost");
                ApiError::Unavailable("the database is unavailable; retry shortly".into())
            }
            ServiceError::Internal(cause) if statement_timed_out(&cause) => {
                tracing::warn!(error = format!("{cause:#}"), "a statement ran past statement_timeout");
                ApiError::Unavailable("the database is not answering; retry shortly".into())
            }
            ServiceError::Internal(cause) if database_busy(&cause) => {
                tracing::warn!(error = format!("{cause:#}"), "database busy past its timeout");
                ApiError::Unavailable("the database is busy; retry shortly".into())
            }
            ServiceError::Internal(cause) => ApiError::Internal(cause),
        }
    }
}

/// PostgreSQL went away under a connection already in use (the server stopped or restarted, the
/// network dropped): libpq reports a closed connection or a command it could not send. The pool
/// opens a fresh connection for the next request once the server is back, so this is a 503 worth
/// retrying, not a bug answered 500 (found by `tests/api/faults/database_down.rs`).
fn database_lost(cause: &anyhow::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    cause.chain().any(|error| {
        matches!(
            error.downcast_ref::<Error>(),
            Some(Error::DatabaseError(DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand, _))
        )
    })
}

/// PostgreSQL cancelled a statement that ran past the `statement_timeout` pakn sets (`db::pool`):
/// a lock held long or a server struggling; 503 worth retrying, like the request's own deadline.
/// diesel keeps no SQLSTATE (57014), so the server's (English) words are matched.
fn statement_timed_out(cause: &anyhow::Error) -> bool {
    use diesel::result::Error;
    cause.chain().any(|error| {
        matches!(error.downcast_ref::<Error>(), Some(Error::DatabaseError(_, info))
            if info.message().contains("canceling statement due to statement timeout"))
    })
}

/// SQLite says "database is locked" when another connection or process held the write lock
/// longer than the busy timeout (`db::pool`): the lock passes, so this is a 503 worth retrying,
/// not a bug answered 500 (found by `tests/api/faults/locked.rs`).
fn database_busy(cause: &anyhow::Error) -> bool {
    use diesel::result::Error;
    cause.chain().any(|error| {
        matches!(error.downcast_ref::<Error>(), Some(Error::DatabaseError(_, info))
            if info.message().contains("database is locked") || info.message().contains("database table is locked"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::body::MessageBody;

    fn body_of(error: ApiError) -> serde_json::Value {
        let response = error.error_response();
        assert_eq!(response.headers().get(header::CONTENT_TYPE).unwrap(), PROBLEM_JSON);
        let bytes = response.into_body().try_into_bytes().unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    #[test]
    fn a_validation_error_lists_each_offending_field() {
        let body = body_of(ApiError::Validation(vec![
            FieldError::new("limit", "must be from 1 to 100"),
            FieldError::new("level", "must be one of: province, district, commune"),
        ]));
        assert_eq!(body["status"], 422);
        assert_eq!(body["code"], "validation_failed");
        assert_eq!(body["type"], "urn:pakn:problem:validation_failed");
        assert_eq!(body["errors"][1]["field"], "level");
    }

    #[test]
    fn an_internal_error_tells_the_client_nothing_of_its_cause() {
        let body = body_of(ApiError::internal(anyhow::anyhow!("password authentication failed for user pakn")));
        assert_eq!(body["status"], 500);
        assert!(!body.to_string().contains("password"));
        assert!(body.get("errors").is_none());
    }

    #[test]
    fn a_connection_lost_under_a_query_is_a_503_to_retry_not_a_500() {
        use diesel::result::{DatabaseErrorKind, Error};
        for kind in [DatabaseErrorKind::ClosedConnection, DatabaseErrorKind::UnableToSendCommand] {
            let lost = Error::DatabaseError(kind, Box::new("server closed the connection unexpectedly".to_string()));
            let error = ApiError::from(crate::service::ServiceError::from(lost));
            assert_eq!((error.status_code().as_u16(), error.code()), (503, "service_unavailable"));
            assert!(error.error_response().headers().contains_key(header::RETRY_AFTER));
        }
        let slow = "canceling statement due to statement timeout".to_string();
        let error = ApiError::from(crate::service::ServiceError::from(Error::DatabaseError(
            DatabaseErrorKind::Unknown,
            Box::new(slow),
        )));
        assert_eq!((error.status_code().as_u16(), error.code()), (503, "service_unavailable"));
        let late = ApiError::from(crate::service::ServiceError::DatabaseTimeout(std::time::Duration::from_secs(15)));
        assert_eq!((late.status_code().as_u16(), late.code()), (503, "service_unavailable"));
        assert!(late.error_response().headers().contains_key(header::RETRY_AFTER));
        let other = Error::DatabaseError(DatabaseErrorKind::Unknown, Box::new("syntax error".to_string()));
        assert_eq!(ApiError::from(crate::service::ServiceError::from(other)).status_code().as_u16(), 500);
    }
}
