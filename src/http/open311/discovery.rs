//! `discovery.{xml,json}`: where the endpoint is, what it speaks, whom to ask for a key.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

use super::document::{Document, Field, Format, Record};
use super::errors::Failure;
use crate::service::Context;
use crate::service::reference::categories;

const SPECIFICATION: &str = "http://wiki.open311.org/GeoReport_v2";

/// The discovery document: this endpoint (production), and the staging one configured as
/// `PAKN_OPEN311_TEST_ENDPOINT` (test). Its changeset is the last change to the services (the
/// categories they are made of), so that clients know when to fetch them again.
pub async fn discovery(
    context: web::Data<Context>,
    request: &HttpRequest,
    format: Format,
) -> Result<HttpResponse, Failure> {
    let listed = context.run(|c, _| categories::list(c)).await.map_err(|e| Failure::new(e, format))?;
    let changed = listed.iter().map(|c| c.updated_at).max().unwrap_or_default();
    let changeset = super::requests::w3c(changed);
    let info = request.connection_info();
    let url = format!("{}://{}/open311/v2", info.scheme(), info.host());
    let site = &context.settings.public_base_url;
    let endpoint = |url: String, kind: &str| {
        Record::default()
            .text("specification", SPECIFICATION)
            .text("url", url)
            .text("changeset", changeset.clone())
            .text("type", kind)
            .field("formats", Field::Texts("format", vec!["text/xml".into(), "application/json".into()]))
    };
    let mut endpoints = vec![endpoint(url, "production")];
    if let Some(test) = &context.settings.open311_test_endpoint {
        endpoints.push(endpoint(test.clone(), "test"));
    }
    let record = Record::default()
        .text("changeset", changeset)
        .text("contact", format!("Sở Nội vụ (the Department of Home Affairs), through {site}"))
        .text(
            "key_service",
            format!("Keys for client apps are issued by pakn's administrators at the Department of Home Affairs; ask through {site}"),
        )
        .field("endpoints", Field::Records("endpoint", endpoints));
    Ok(Document::One { root: "discovery", record }.respond(StatusCode::OK, format))
}
