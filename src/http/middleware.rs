//! App-wide response handling: the request id on every response. (The guarantee that no error
//! leaves pakn as a bare actix message is `error::answer_bare_errors`.)

use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::{Error, HttpMessage};
use tracing_actix_web::RequestId;

pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// Echoes the id tracing-actix-web gave the request (and put in its log lines) as `X-Request-Id`.
pub fn with_request_id<S, B>(
    request: ServiceRequest,
    service: &S,
) -> impl std::future::Future<Output = Result<ServiceResponse<B>, Error>> + use<S, B>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
{
    let request_id = request.extensions().get::<RequestId>().map(std::string::ToString::to_string);
    let response = service.call(request);
    async move {
        let mut response = response.await?;
        if let Some(value) = request_id.and_then(|id| HeaderValue::from_str(&id).ok()) {
            response.headers_mut().insert(REQUEST_ID_HEADER, value);
        }
        Ok(response)
    }
}
