//! Versions on the wire: a petition's version is its ETag, and `If-Match` makes a change
//! conditional on the version the client read; a public page's ETag is a digest of its bytes, and
//! `If-None-Match` spares a repeat lookup the body.

use actix_web::HttpRequest;
use actix_web::HttpResponse;
use actix_web::http::header::{self, HeaderValue};
use sha2::Digest;

use crate::error::ApiError;
use crate::service::petitions::public_pages::RenderedPage;

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

/// A representation that is the same for everyone who asks (a public page), rendered: its bytes
/// and an ETag that is a digest of them, to send now or keep (`public_pages`).
pub fn rendered(value: &impl serde::Serialize) -> Result<RenderedPage, serde_json::Error> {
    let body = serde_json::to_vec(value)?;
    let digest = sha2::Sha256::digest(&body);
    let etag = format!("\"{}\"", digest[..12].iter().map(|b| format!("{b:02x}")).collect::<String>());
    Ok(RenderedPage { body, etag })
}

/// A rendered page, or 304 with no body to a client that sent its ETag back in `If-None-Match`.
pub fn public_page(request: &HttpRequest, page: &RenderedPage) -> HttpResponse {
    let known =
        request.headers().get(header::IF_NONE_MATCH).and_then(|value| value.to_str().ok()).is_some_and(|tags| {
            tags.split(',').any(|tag| tag.trim().trim_start_matches("W/") == page.etag || tag.trim() == "*")
        });
    let mut response = match known {
        true => HttpResponse::NotModified(),
        false => HttpResponse::Ok(),
    };
    response.insert_header((header::ETAG, page.etag.as_str())).insert_header((header::CACHE_CONTROL, "no-cache"));
    match known {
        true => response.finish(),
        false => response.content_type("application/json").body(page.body.clone()),
    }
}
