//! App-wide request handling: the request id and the security headers on every response, and
//! what a request leaves in the log (`logging`). (The guarantee that no error leaves pakn as a
//! bare actix message is `error::answer_bare_errors`.)

pub mod logging;

use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{self, HeaderName, HeaderValue};
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

/// Headers every response carries. Only JSON and files are served (and the reference page, which
/// sets its own policy): nothing may run, frame or be framed, and no page's address is passed on. What is read without signing in may be cached
/// briefly by anyone; everything else (a signed-in reader's data, errors, writes, health) is
/// never stored. Handlers that choose their own `Cache-Control` keep it.
/// `Strict-Transport-Security` when pakn is served over https (`PAKN_PUBLIC_BASE_URL`).
pub fn with_security_headers<S, B>(
    request: ServiceRequest,
    service: &S,
    https: bool,
) -> impl std::future::Future<Output = Result<ServiceResponse<B>, Error>> + use<S, B>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
{
    let anyone_may_read = request.method() == Method::GET
        && !request.headers().contains_key(header::AUTHORIZATION)
        && request.path().starts_with("/api/");
    let response = service.call(request);
    async move {
        let mut response = response.await?;
        let cacheable = anyone_may_read && response.status().is_success();
        let headers = response.headers_mut();
        headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
        // The reference page (`/api/v1/docs`) sets a policy of its own that lets its script run.
        if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(
                    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
                ),
            );
        }
        headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        if https {
            headers.insert(
                header::STRICT_TRANSPORT_SECURITY,
                HeaderValue::from_static("max-age=31536000; includeSubDomains"),
            );
        }
        if !headers.contains_key(header::CACHE_CONTROL) {
            let policy = if cacheable { "public, max-age=60" } else { "no-store" };
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
        }
        if cacheable {
            headers.append(header::VARY, HeaderValue::from_static("Authorization"));
        }
        Ok(response)
    }
}
