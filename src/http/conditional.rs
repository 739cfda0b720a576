//! Versions on the wire: a petition's version is its ETag, and `If-Match` makes a change
//! conditional on the version the client read.

use actix_web::HttpRequest;
use actix_web::HttpResponse;
use actix_web::http::header::{self, HeaderValue};

use crate::error::ApiError;

pub fn with_etag(mut response: HttpResponse, version: i32) -> HttpResponse {
    if let Ok(value) = HeaderValue::from_str(&format!("\"{version}\"")) {
        response.headers_mut().insert(header::ETAG, value);
    }
    response
}

/// `If-Match: "<version>"` (or its weak form `W/"<version>"`), when the client sent one: an
/// ETag as this API gives them out, and nothing else (the spec's pattern says the same).
pub fn if_match(request: &HttpRequest) -> Result<Option<i32>, ApiError> {
    let Some(value) = request.headers().get(header::IF_MATCH) else { return Ok(None) };
    value
        .to_str()
        .ok()
        .map(|v| v.strip_prefix("W/").unwrap_or(v))
        .and_then(|v| v.strip_prefix('"')?.strip_suffix('"'))
        .filter(|digits| (1..=9).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|digits| digits.parse::<i32>().ok())
        .map(Some)
        .ok_or_else(|| ApiError::validation("If-Match", "must be an ETag this API gave out, such as \"3\""))
}
