//! Serves the API contract itself, so front-end teams and tools fetch the one that is running.

use actix_web::HttpResponse;

pub const OPENAPI_YAML: &str = include_str!("../../../api-spec/openapi.yaml");

pub async fn spec() -> HttpResponse {
    HttpResponse::Ok().content_type("application/yaml; charset=utf-8").body(OPENAPI_YAML)
}
