//! Personal data over HTTP: the privacy notice, one's own data (export, erasure), the access log
//! of a petition, and the administrators' register (rules, requests, breaches).

pub mod breaches;
pub mod corrections;
pub mod me;
pub mod notice;
pub mod reads;
pub mod register;

use actix_web::HttpResponse;
use actix_web::http::header::{HeaderValue, LINK};

use crate::domain::personal_data::notice::link as notice_link;

/// Adds `Link: <…?version=N>; rel="privacy-policy"` (RFC 6903) to an answer that recorded which
/// version of the privacy notice the person was shown.
pub fn with_notice_shown(mut response: HttpResponse, version: Option<i32>) -> HttpResponse {
    let link = version.map(|version| format!("<{}>; rel=\"privacy-policy\"", notice_link(version)));
    if let Some(value) = link.and_then(|link| HeaderValue::from_str(&link).ok()) {
        response.headers_mut().insert(LINK, value);
    }
    response
}
