//! actix-web only: the route table, the app-wide request handling, and one file per resource.
//! Handlers extract and check the request, call a service, and shape the response.

mod admin_emails;
mod admin_units;
mod admin_users;
mod agencies;
mod agency_work;
mod attachments;
mod auth;
pub mod authn;
mod calendar;
mod categories;
mod deadline_rules;
pub mod extract;
mod health;
mod me;
mod middleware;
mod openapi;
mod petition_actions;
mod petition_messages;
mod petition_views;
mod petitions;
mod reference_editing;
mod routing_rules;
mod wire;

use actix_web::http::Method;
use actix_web::web;

use crate::error::ApiError;

/// What every handler may reach: the use cases' context (pool, clock, hashing, keys, settings).
pub type AppState = crate::service::Context;

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
    // Before "{code}": a literal segment must be matched first.
    "/api/v1/admin-units/import" => { POST: reference_editing::import_admin_units },
    "/api/v1/admin-units/{code}" => { GET: admin_units::get_admin_unit },
    "/api/v1/agencies" => { GET: agencies::list_agencies, POST: reference_editing::create_agency },
    "/api/v1/agencies/{id}" => { GET: agencies::get_agency, PATCH: reference_editing::update_agency },
    "/api/v1/agencies/{id}/staff" => { GET: admin_users::list_agency_staff },
    "/api/v1/agencies/{id}/dashboard" => { GET: agency_work::agency_dashboard },
    "/api/v1/categories" => { GET: categories::list_categories, POST: reference_editing::create_category },
    "/api/v1/categories/{code}" => { GET: categories::get_category, PATCH: reference_editing::update_category },
    "/api/v1/holidays" => { GET: calendar::list_holidays },
    "/api/v1/routing-rules" => { GET: routing_rules::list_routing_rules, POST: routing_rules::create_routing_rule },
    "/api/v1/routing-rules/{id}" => { DELETE: routing_rules::end_routing_rule },
    "/api/v1/deadline-rules" => { GET: deadline_rules::list_deadline_rules },
    "/api/v1/deadline-rules/{kind}/{round}" => { PUT: deadline_rules::replace_deadline_rule },
    "/api/v1/holidays/{date}" => { PUT: reference_editing::put_holiday, DELETE: reference_editing::delete_holiday },
    "/api/v1/auth/register" => { POST: auth::register },
    "/api/v1/auth/verify-email" => { POST: auth::verify_email },
    "/api/v1/auth/verify-email/resend" => { POST: auth::resend_verification },
    "/api/v1/auth/accept-invitation" => { POST: auth::accept_invitation },
    "/api/v1/auth/login" => { POST: auth::login },
    "/api/v1/auth/refresh" => { POST: auth::refresh },
    "/api/v1/auth/logout" => { POST: auth::logout },
    "/api/v1/auth/password-reset" => { POST: auth::request_password_reset },
    "/api/v1/auth/password-reset/confirm" => { POST: auth::confirm_password_reset },
    "/api/v1/me" => { GET: me::get_me, PATCH: me::update_me },
    "/api/v1/me/password" => { POST: me::change_password },
    "/api/v1/me/petitions" => { GET: petitions::list_my_petitions },
    "/api/v1/petitions" => { GET: petitions::list_petitions, POST: petitions::file_petition },
    "/api/v1/petitions/{id}" => { GET: petitions::get_petition },
    "/api/v1/petitions/{id}/accept" => { POST: petition_actions::accept },
    "/api/v1/petitions/{id}/refuse" => { POST: petition_actions::refuse },
    "/api/v1/petitions/{id}/transfer" => { POST: petition_actions::transfer },
    "/api/v1/petitions/{id}/assign" => { POST: petition_actions::assign },
    "/api/v1/petitions/{id}/request-information" => { POST: petition_actions::request_information },
    "/api/v1/petitions/{id}/record-dialogue" => { POST: petition_actions::record_dialogue },
    "/api/v1/petitions/{id}/extend" => { POST: petition_actions::extend },
    "/api/v1/petitions/{id}/resolve" => { POST: petition_actions::resolve },
    "/api/v1/petitions/{id}/rate" => { POST: petition_actions::rate },
    "/api/v1/petitions/{id}/appeal" => { POST: petition_actions::appeal },
    "/api/v1/petitions/{id}/reopen" => { POST: petition_actions::reopen },
    "/api/v1/petitions/{id}/merge" => { POST: petition_actions::merge },
    "/api/v1/petitions/{id}/withdraw" => { POST: petition_actions::withdraw },
    "/api/v1/petitions/{id}/messages" => { GET: petition_messages::list_messages, POST: petition_messages::post_message },
    "/api/v1/petitions/{id}/identity" => { POST: petitions::unseal_identity },
    "/api/v1/petitions/{id}/attachments" => { GET: attachments::list_attachments, POST: attachments::upload_attachment },
    "/api/v1/petitions/{id}/attachments/{attachment_id}" => { GET: attachments::download_attachment },
    "/api/v1/public/petitions/{tracking_code}" => { GET: petitions::get_public_petition },
    "/api/v1/admin/users" => { GET: admin_users::list_users, POST: admin_users::invite_user },
    "/api/v1/admin/users/{id}" => { GET: admin_users::get_user, PATCH: admin_users::update_user },
    "/api/v1/admin/emails" => { GET: admin_emails::list_emails },
    "/api/v1/admin/reassign" => { POST: agency_work::reassign },
    "/api/v1/admin/reassign-unit" => { POST: agency_work::reassign_unit },
    "/api/v1/admin/emails/{id}/retry" => { POST: admin_emails::retry_email },
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
