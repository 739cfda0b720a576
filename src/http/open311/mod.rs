//! `/open311/v2/`: Open311 GeoReport v2, so that any civic-reporting app can file feedback and
//! proposals and follow them. Every resource comes as `.xml` (the standard's required format)
//! or `.json`; errors come in the standard's own document, in the same format. The keys clients
//! file with are managed under pakn's own API (`keys`).

mod discovery;
mod document;
mod errors;
pub mod keys;
mod requests;
mod services;
mod updates;

use actix_web::middleware::ErrorHandlers;
use actix_web::{HttpRequest, web};

use crate::error::{ApiError, answer_bare_errors};
use document::Format;
pub use errors::Failure;

/// The Open311 scope: its routes, and its own error document for whatever actix answers there
/// itself (an unknown path, a body it cannot read).
pub fn register(config: &mut web::ServiceConfig) {
    config.service(
        web::scope("/open311/v2")
            .wrap(ErrorHandlers::new().default_handler(answer_bare_errors::<errors::Open311Xml, _>))
            .service(
                web::resource("/{document}")
                    .route(web::get().to(read_document))
                    .route(web::post().to(post_document))
                    .default_service(web::to(|path: web::Path<String>| {
                        let takes_posts = path.starts_with("requests.") || path.starts_with("servicerequestupdates.");
                        not_allowed(path, if takes_posts { "GET, POST" } else { "GET" })
                    })),
            )
            .service(read_only("/services/{service}", web::get().to(services::definition)))
            .service(read_only("/requests/{request}", web::get().to(requests::one)))
            .service(read_only("/tokens/{token}", web::get().to(requests::token))),
    );
}

/// A resource that only answers GET; another method is a 405 in the format asked for.
fn read_only(path: &str, get: actix_web::Route) -> actix_web::Resource {
    web::resource(path).route(get).default_service(web::to(|path: web::Path<String>| not_allowed(path, "GET")))
}

async fn not_allowed(path: web::Path<String>, allow: &'static str) -> Result<actix_web::HttpResponse, Failure> {
    let format = Format::split(&path).map_or(Format::Xml, |(_, format)| format);
    Err(Failure::new(ApiError::MethodNotAllowed { allow: allow.into() }, format))
}

/// The last segment's name and format; an unknown extension is a 404, written in XML.
fn named(segment: &str) -> Result<(&str, Format), Failure> {
    Format::split(segment)
        .ok_or_else(|| Failure::new(ApiError::NotFound("Open311 resources end in .xml or .json".into()), Format::Xml))
}

/// The documents at the top of the endpoint: discovery, the services, the requests, the updates.
async fn read_document(
    context: web::Data<crate::service::Context>,
    request: HttpRequest,
    path: web::Path<String>,
    query: web::Query<Vec<(String, String)>>,
) -> Result<actix_web::HttpResponse, Failure> {
    let (name, format) = named(&path)?;
    match name {
        "discovery" => discovery::discovery(context, &request, format).await,
        "services" => services::list(context, format).await,
        "requests" => requests::list(context, format, query.into_inner()).await,
        "servicerequestupdates" => updates::list(context, format, query.into_inner()).await,
        _ => Err(Failure::new(ApiError::NotFound(format!("no Open311 resource {name}")), format)),
    }
}

/// What is posted at the top of the endpoint: a request, or a comment on one, form-encoded (a
/// body of another type is a 400, as Open311 answers any bad input).
async fn post_document(
    context: web::Data<crate::service::Context>,
    request: HttpRequest,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<actix_web::HttpResponse, Failure> {
    let (name, format) = named(&path)?;
    if matches!(name, "discovery" | "services") {
        return Err(Failure::new(ApiError::MethodNotAllowed { allow: "GET".into() }, format));
    }
    if !matches!(name, "requests" | "servicerequestupdates") {
        return Err(Failure::new(ApiError::NotFound(format!("no Open311 resource {name}")), format));
    }
    let form_encoded =
        request.headers().get(actix_web::http::header::CONTENT_TYPE).and_then(|value| value.to_str().ok()).is_some_and(
            |value| value.trim_start().to_ascii_lowercase().starts_with("application/x-www-form-urlencoded"),
        );
    let bad_body =
        |detail: &str| Failure::new(ApiError::BadRequest { code: "bad_form", detail: detail.into() }, format);
    if !form_encoded {
        return Err(bad_body("send the parameters form-encoded (Content-Type: application/x-www-form-urlencoded)"));
    }
    let pairs = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&body)
        .map_err(|_| bad_body("the form could not be read: it must be UTF-8, percent-encoded"))?;
    match name {
        "requests" => requests::submit(context, format, pairs).await,
        _ => updates::comment(context, format, pairs).await,
    }
}
