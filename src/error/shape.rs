//! The shapes errors are written in: the RFC 9457 problem (the API's own), any other shape a scope
//! declares, and the safety net that gives a scope's bare actix errors its shape.

use std::marker::PhantomData;

use actix_web::body::MessageBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use super::{ApiError, FieldError};

pub const PROBLEM_JSON: &str = "application/problem+json";

/// The RFC 9457 body. `errors` appears only for validation.
#[derive(Debug, Serialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: &'static str,
    pub status: u16,
    pub detail: String,
    pub code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldError>>,
    /// For `wrong_status`: where the petition is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_status: Option<String>,
    /// For `wrong_status`: the steps open to the caller from there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_actions: Option<Vec<String>>,
}

impl Problem {
    pub fn new(status: StatusCode, code: &'static str, detail: impl Into<String>) -> Self {
        Problem {
            problem_type: format!("urn:pakn:problem:{code}"),
            title: status.canonical_reason().unwrap_or("Error"),
            status: status.as_u16(),
            detail: detail.into(),
            code,
            errors: None,
            current_status: None,
            allowed_actions: None,
        }
    }

    /// For a status that reached the client without a problem body (the safety net in `http`).
    pub fn for_status(status: StatusCode) -> Self {
        let (code, detail) = match status.as_u16() {
            404 => ("not_found", "no resource at this address"),
            405 => ("method_not_allowed", "this resource does not support that HTTP method"),
            413 => ("payload_too_large", "the request body is too large"),
            415 => ("unsupported_media_type", "the request body has an unsupported media type"),
            429 => ("rate_limited", "too many requests; retry later"),
            503 => ("service_unavailable", "the service is temporarily unavailable"),
            400..=499 => ("bad_request", "the request could not be understood"),
            _ => ("internal_error", "an unexpected error occurred; it has been logged"),
        };
        Problem::new(status, code, detail)
    }

    pub fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

/// How a scope writes its errors: the body, and its content type; and, for a standard with
/// statuses of its own (Open311 answers every bad input 400), the status.
pub trait ErrorShape: 'static {
    fn write(problem: &Problem) -> (&'static str, String);

    fn status(problem: &Problem) -> StatusCode {
        problem.status_code()
    }
}

/// RFC 9457 `application/problem+json`: the API's shape.
#[derive(Debug)]
pub struct ProblemJson;

impl ErrorShape for ProblemJson {
    fn write(problem: &Problem) -> (&'static str, String) {
        (PROBLEM_JSON, serde_json::to_string(problem).unwrap_or_default())
    }
}

/// Marks a response written by an `ErrorShape`, so that no safety net writes it again.
#[derive(Debug, Clone, Copy)]
struct Answered;

/// The response for `problem` in shape `S`.
pub(super) fn written<S: ErrorShape>(problem: &Problem) -> HttpResponse {
    let (content_type, body) = S::write(problem);
    let mut response = HttpResponse::build(S::status(problem))
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(content_type)))
        .body(body);
    response.extensions_mut().insert(Answered);
    response
}

/// An error answered in shape `S` rather than problem+json.
#[derive(Debug)]
pub struct Shaped<S>(pub ApiError, PhantomData<S>);

impl<S> Shaped<S> {
    pub fn new(error: ApiError) -> Self {
        Shaped(error, PhantomData)
    }
}

impl<S> From<ApiError> for Shaped<S> {
    fn from(error: ApiError) -> Self {
        Shaped::new(error)
    }
}

impl<S> From<crate::service::ServiceError> for Shaped<S> {
    fn from(error: crate::service::ServiceError) -> Self {
        Shaped::new(error.into())
    }
}

impl<S> std::fmt::Display for Shaped<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<S: ErrorShape + std::fmt::Debug> ResponseError for Shaped<S> {
    fn status_code(&self) -> StatusCode {
        self.0.status_code()
    }

    fn error_response(&self) -> HttpResponse {
        self.0.answer::<S>()
    }
}

/// The safety net of a scope answering in shape `S` (install it with actix's `ErrorHandlers`):
/// any 4xx or 5xx that no `ErrorShape` wrote (an actix extractor's plain text, an empty 405) is
/// replaced by the answer for its status, in shape `S`.
pub fn answer_bare_errors<S: ErrorShape, B: MessageBody + 'static>(
    response: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    if response.response().extensions().contains::<Answered>() {
        return Ok(ErrorHandlerResponse::Response(response.map_into_left_body()));
    }
    let status = response.status();
    let retry_after = response.headers().get(header::RETRY_AFTER).cloned();
    let (request, _bare) = response.into_parts();
    let mut replacement = written::<S>(&Problem::for_status(status));
    if let Some(value) = retry_after {
        replacement.headers_mut().insert(header::RETRY_AFTER, value);
    }
    Ok(ErrorHandlerResponse::Response(ServiceResponse::new(request, replacement).map_into_right_body()))
}

#[cfg(test)]
mod tests {
    use actix_web::middleware::ErrorHandlers;
    use actix_web::{App, HttpResponse, test, web};

    use super::*;

    /// A shape of another standard's kind: one line of plain text.
    #[derive(Debug)]
    struct PlainText;

    impl ErrorShape for PlainText {
        fn write(problem: &Problem) -> (&'static str, String) {
            ("text/plain; charset=utf-8", format!("{} {}: {}", problem.status, problem.code, problem.detail))
        }
    }

    async fn shaped_error() -> Result<HttpResponse, Shaped<PlainText>> {
        Err(ApiError::RateLimited { retry_after_seconds: 7 }.into())
    }

    async fn problem_error() -> Result<HttpResponse, ApiError> {
        Err(ApiError::NotFound("no such thing".into()))
    }

    async fn bare_405() -> HttpResponse {
        HttpResponse::MethodNotAllowed().finish()
    }

    async fn answer(path: &str) -> (u16, String, String, Option<String>) {
        let app = test::init_service(
            App::new()
                .wrap(ErrorHandlers::new().default_handler(answer_bare_errors::<ProblemJson, _>))
                .service(
                    web::scope("/shaped")
                        .wrap(ErrorHandlers::new().default_handler(answer_bare_errors::<PlainText, _>))
                        .route("/error", web::get().to(shaped_error))
                        .route("/bare", web::get().to(bare_405)),
                )
                .route("/problem", web::get().to(problem_error)),
        )
        .await;
        let response = test::call_service(&app, test::TestRequest::get().uri(path).to_request()).await;
        let status = response.status().as_u16();
        let header = |name| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let (content_type, retry_after) =
            (header(header::CONTENT_TYPE).unwrap_or_default(), header(header::RETRY_AFTER));
        let body = String::from_utf8(test::read_body(response).await.to_vec()).unwrap();
        (status, content_type, body, retry_after)
    }

    #[actix_web::test]
    async fn a_scope_answers_its_errors_in_its_own_shape_with_the_headers_of_their_status() {
        let (status, content_type, body, retry_after) = answer("/shaped/error").await;
        assert_eq!((status, content_type.as_str()), (429, "text/plain; charset=utf-8"));
        assert_eq!(body, "429 rate_limited: too many attempts; retry in 7 seconds");
        assert_eq!(retry_after.as_deref(), Some("7"));
    }

    #[actix_web::test]
    async fn a_scopes_bare_errors_take_its_shape_and_the_apps_safety_net_leaves_them_alone() {
        let (status, content_type, body, _) = answer("/shaped/bare").await;
        assert_eq!((status, content_type.as_str()), (405, "text/plain; charset=utf-8"));
        assert!(body.starts_with("405 method_not_allowed"), "{body}");
    }

    #[actix_web::test]
    async fn everywhere_else_errors_are_problems() {
        let (status, content_type, body, _) = answer("/problem").await;
        assert_eq!((status, content_type.as_str()), (404, PROBLEM_JSON));
        assert!(body.contains("\"code\":\"not_found\""), "{body}");
        let (status, content_type, _, _) = answer("/nowhere").await;
        assert_eq!((status, content_type.as_str()), (404, PROBLEM_JSON), "actix's own 404");
    }
}
