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
            .route("/{document}", web::get().to(read_document))
            .route("/{document}", web::post().to(post_document))
            .route("/services/{service}", web::get().to(services::definition))
            .route("/requests/{request}", web::get().to(requests::one))
            .route("/tokens/{token}", web::get().to(requests::token)),
    );
}

/// The last segment's name and format; an unknown extension is a 404, written in XML.
fn named(segment: &str) -> Result<(&str, Format), Failure> {
    Format::split(segment)
        .ok_or_else(|| Failure::new(ApiError::NotFound("Open311 resources end in .xml or .json".into()), Format::Xml))
}

/// The documents at the top of the endpoint: discovery, the service list, the request list.
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

/// What is posted at the top of the endpoint: a request, or a comment on one.
async fn post_document(
    context: web::Data<crate::service::Context>,
    path: web::Path<String>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<actix_web::HttpResponse, Failure> {
    let (name, format) = named(&path)?;
    match name {
        "requests" => requests::submit(context, format, form.into_inner()).await,
        "servicerequestupdates" => updates::comment(context, format, form.into_inner()).await,
        "discovery" | "services" => Err(Failure::new(ApiError::MethodNotAllowed { allow: "GET".into() }, format)),
        _ => Err(Failure::new(ApiError::NotFound(format!("no Open311 resource {name}")), format)),
    }
}
