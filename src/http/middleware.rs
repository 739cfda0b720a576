//! App-wide response handling: the request id on every response, and the guarantee that no error
//! leaves pakn as a bare actix message instead of problem+json.

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{Error, HttpMessage};
use tracing_actix_web::RequestId;

use crate::error::{PROBLEM_JSON, Problem};

pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// Echoes the id tracing-actix-web gave the request (and put in its log lines) as `X-Request-Id`.
pub fn with_request_id<S, B>(
    request: ServiceRequest,
    service: &S,
) -> impl std::future::Future<Output = Result<ServiceResponse<B>, Error>> + use<S, B>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
{
    let request_id = request.extensions().get::<RequestId>().map(|id| id.to_string());
    let response = service.call(request);
    async move {
        let mut response = response.await?;
        if let Some(value) = request_id.and_then(|id| HeaderValue::from_str(&id).ok()) {
            response.headers_mut().insert(REQUEST_ID_HEADER, value);
        }
        Ok(response)
    }
}

/// The safety net: any 4xx or 5xx that is not already problem+json (an actix extractor's plain
/// text, an empty 405) is replaced by the problem body for its status.
pub fn problem_for_bare_errors<B: MessageBody + 'static>(
    response: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_problem =
        response.headers().get(header::CONTENT_TYPE).is_some_and(|value| value.as_bytes() == PROBLEM_JSON.as_bytes());
    if is_problem {
        return Ok(ErrorHandlerResponse::Response(response.map_into_left_body()));
    }
    let status = response.status();
    let retry_after = response.headers().get(header::RETRY_AFTER).cloned();
    let (request, _bare) = response.into_parts();
    let mut replacement = Problem::for_status(status).into_response();
    if let Some(value) = retry_after {
        replacement.headers_mut().insert(header::RETRY_AFTER, value);
    }
    Ok(ErrorHandlerResponse::Response(ServiceResponse::new(request, replacement).map_into_right_body()))
}
