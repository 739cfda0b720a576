//! actix-web only: the route table, the app-wide request handling, and one file per resource.
//! Handlers extract and check the request, call a service, and shape the response.

mod admin_units;
mod agencies;
mod calendar;
mod categories;
pub mod extract;
mod health;
mod middleware;
mod openapi;
mod wire;

use std::sync::Arc;

use actix_web::http::Method;
use actix_web::web;

use crate::clock::Clock;
use crate::db::DbPool;
use crate::error::ApiError;

/// What every handler may reach: the pool and the clock.
#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub clock: Arc<dyn Clock>,
}

/// Declares the route table once: it both registers the routes and lists them in `ROUTES`, which
/// the contract test compares with `api-spec/openapi.yaml`. A path's methods share one resource,
/// whose other methods answer 405 in the problem shape.
macro_rules! route_table {
    ($($path:literal => { $($method:ident : $handler:path),+ $(,)? }),+ $(,)?) => {
        /// Every (method, path) the API serves.
        pub const ROUTES: &[(&str, &str)] = &[$($((stringify!($method), $path)),+),+];

        fn register_routes(config: &mut web::ServiceConfig) {
            $(
                config.service(
                    web::resource($path)
                        $(.route(web::method(Method::$method).to($handler)))+
                        .default_service(web::to(|| async { method_not_allowed(&[$(stringify!($method)),+]) })),
                );
            )+
        }
    };
}

route_table! {
    "/health/live" => { GET: health::live },
    "/health/ready" => { GET: health::ready },
    "/api/v1/openapi.yaml" => { GET: openapi::spec },
    "/api/v1/admin-units" => { GET: admin_units::list_admin_units },
    "/api/v1/admin-units/{code}" => { GET: admin_units::get_admin_unit },
    "/api/v1/agencies" => { GET: agencies::list_agencies },
    "/api/v1/agencies/{id}" => { GET: agencies::get_agency },
    "/api/v1/categories" => { GET: categories::list_categories },
    "/api/v1/categories/{code}" => { GET: categories::get_category },
    "/api/v1/holidays" => { GET: calendar::list_holidays },
}

/// Registers the routes, the request readers' limits and error answers, and the fallback for
/// unknown paths.
pub fn configure(config: &mut web::ServiceConfig, max_json_body_bytes: usize) {
    config
        .app_data(extract::JsonLimit(max_json_body_bytes))
        .app_data(web::PayloadConfig::new(max_json_body_bytes))
        .app_data(web::QueryConfig::default().error_handler(|error, _request| {
            ApiError::BadRequest {
                code: "invalid_query",
                detail: format!("the query string could not be read: {error}"),
            }
            .into()
        }))
        .app_data(
            web::PathConfig::default().error_handler(|_error, request| {
                ApiError::NotFound(format!("no resource at {}", request.path())).into()
            }),
        );
    register_routes(config);
    config.default_service(web::to(not_found));
}

pub use middleware::{problem_for_bare_errors, with_request_id};

async fn not_found(request: actix_web::HttpRequest) -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::NotFound(format!("no resource at {}", request.path())))
}

fn method_not_allowed(allowed: &[&str]) -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::MethodNotAllowed { allow: allowed.join(", ") })
}
