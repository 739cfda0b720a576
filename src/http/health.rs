//! Liveness and readiness probes for orchestrators and load balancers.

use actix_web::{HttpResponse, web};
use serde_json::json;

use crate::error::ApiError;
use crate::service::Context;
use crate::service::health;

/// The process is up and serving HTTP.
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

/// The service can do its work: the database answers. 503 otherwise. Warnings do not make it
/// unready: they tell the operator what to see to.
pub async fn ready(context: web::Data<Context>) -> Result<HttpResponse, ApiError> {
    let warnings = health::check_ready(&context.pool, context.today()).await.map_err(|error| {
        tracing::warn!(error = %error, "readiness check failed");
        ApiError::Unavailable("the database is not answering".into())
    })?;
    Ok(HttpResponse::Ok().json(json!({ "status": "ok", "database": "ok", "warnings": warnings })))
}
