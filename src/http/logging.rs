//! What a request leaves in the log: its method, its route template, its status, its request id
//! and, for an error, the message. Never the path's values or the query string: they carry
//! tracking codes, searched words and the addresses administrators look up.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::{Error, HttpMessage};
use tracing::Span;
use tracing_actix_web::{RequestId, RootSpanBuilder};

pub struct RouteOnly;

impl RootSpanBuilder for RouteOnly {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let route = request.match_pattern().unwrap_or_else(|| "(no route)".into());
        let request_id = request.extensions().get::<RequestId>().map(ToString::to_string).unwrap_or_default();
        tracing::info_span!(
            "HTTP request",
            http.method = %request.method(),
            http.route = %route,
            http.status_code = tracing::field::Empty,
            request_id = %request_id,
            exception.message = tracing::field::Empty,
        )
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        let (status, error) = match outcome {
            Ok(response) => (response.status(), response.response().error().map(ToString::to_string)),
            Err(error) => (error.as_response_error().status_code(), Some(error.to_string())),
        };
        span.record("http.status_code", status.as_u16());
        if let Some(message) = error {
            span.record("exception.message", tracing::field::display(message));
        }
    }
}
