//! Open311's error document, in the format the client asked for: a list of errors, each with a
//! `code` (the HTTP status) and a `description`; one per bad parameter. Open311 answers every bad
//! input 400 and a bad `api_key` 403, where pakn's own API says 422 and 401.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};

use super::document::{Document, Field, Format, Record};
use crate::error::{ApiError, ErrorShape, Problem};

fn status_of(problem: &Problem) -> StatusCode {
    match problem.status {
        422 | 409 => StatusCode::BAD_REQUEST,
        401 => StatusCode::FORBIDDEN,
        _ => problem.status_code(),
    }
}

fn document(problem: &Problem) -> Document {
    let code = i64::from(status_of(problem).as_u16());
    let error =
        |description: String| Record::default().field("code", Field::Integer(code)).text("description", description);
    let records = match &problem.errors {
        Some(errors) => errors.iter().map(|e| error(format!("{}: {}", e.field, e.message))).collect(),
        None => vec![error(problem.detail.clone())],
    };
    Document::List { root: "errors", item: "error", records }
}

/// Errors as XML: the standard's required format, and the answer where no format was asked.
#[derive(Debug)]
pub struct Open311Xml;

impl ErrorShape for Open311Xml {
    fn write(problem: &Problem) -> (&'static str, String) {
        (Format::Xml.content_type(), document(problem).xml())
    }

    fn status(problem: &Problem) -> StatusCode {
        status_of(problem)
    }
}

#[derive(Debug)]
pub struct Open311Json;

impl ErrorShape for Open311Json {
    fn write(problem: &Problem) -> (&'static str, String) {
        (Format::Json.content_type(), document(problem).json().to_string())
    }

    fn status(problem: &Problem) -> StatusCode {
        status_of(problem)
    }
}

/// An error of an Open311 handler, answered in the format of its request.
#[derive(Debug, thiserror::Error)]
#[error("{error}")]
pub struct Failure {
    pub error: ApiError,
    pub format: Format,
}

impl Failure {
    pub fn new(error: impl Into<ApiError>, format: Format) -> Self {
        Failure { error: error.into(), format }
    }
}

impl ResponseError for Failure {
    fn status_code(&self) -> StatusCode {
        status_of(&self.error.problem())
    }

    fn error_response(&self) -> HttpResponse {
        match self.format {
            Format::Xml => self.error.answer::<Open311Xml>(),
            Format::Json => self.error.answer::<Open311Json>(),
        }
    }
}
