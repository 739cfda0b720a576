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

/// `If-Match: "<version>"`, when the client sent one.
pub fn if_match(request: &HttpRequest) -> Result<Option<i32>, ApiError> {
    let Some(value) = request.headers().get(header::IF_MATCH) else { return Ok(None) };
    value
        .to_str()
        .ok()
        .map(|v| v.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|v| v.parse::<i32>().ok())
        .map(Some)
        .ok_or_else(|| ApiError::validation("If-Match", "must be an ETag this API gave out"))
}
