//! actix-web only: the route table, the app-wide request handling, and one folder per capability
//! with one file per resource. Handlers extract and check the request, call a service, and shape
//! the response; they never reach the database themselves.

mod accounts;
mod conditional;
mod consultations;
mod contract;
pub mod extract;
mod handling;
mod health;
mod middleware;
pub mod open311;
mod outbox;
mod oversight;
pub mod personal_data;
mod petitions;
mod reception;
mod reference;
mod reports;
mod route_scopes;
pub mod signed_in;
mod uploads;
mod wire;

use actix_web::http::Method;
use actix_web::web;

use crate::error::ApiError;
use route_scopes::RouteScopes;

/// Declares the route table once: it both registers the routes (grouped in scopes by prefix,
/// `route_scopes`) and lists them in `ROUTES`, which the contract test compares with
/// `api-spec/openapi.yaml`. A path's methods share one resource, whose other methods answer 405 in
/// the problem shape.
macro_rules! route_table {
    ($($path:literal => { $($method:ident : $handler:path),+ $(,)? }),+ $(,)?) => {
        /// Every (method, path) the API serves.
        pub const ROUTES: &[(&str, &str)] = &[$($((stringify!($method), $path)),+),+];

        fn register_routes(config: &mut web::ServiceConfig) {
            let mut scopes = RouteScopes::default();
            $(
                scopes.add(
                    $path,
                    RouteScopes::resource($path)
                        $(.route(web::method(Method::$method).to($handler)))+
                        .default_service(web::to(|| async { method_not_allowed(&[$(stringify!($method)),+]) })),
                );
            )+
            scopes.register(config);
        }
    };
}

route_table! {
    "/health/live" => { GET: health::live },
    "/health/ready" => { GET: health::ready },
    "/api/v1/openapi.yaml" => { GET: contract::spec::spec },
    "/api/v1/docs" => { GET: contract::docs::page },
    "/api/v1/docs/redoc.standalone.js" => { GET: contract::docs::redoc },
    "/api/v1/admin-units" => { GET: reference::admin_units::list_admin_units },
    // Before "{code}": a literal segment must be matched first.
    "/api/v1/admin-units/import" => { POST: reference::admin_units::import_admin_units },
    "/api/v1/admin-units/{code}" => { GET: reference::admin_units::get_admin_unit },
    "/api/v1/agencies" => { GET: reference::agencies::list_agencies, POST: reference::agencies::create_agency },
    "/api/v1/agencies/{id}" => { GET: reference::agencies::get_agency, PATCH: reference::agencies::update_agency },
    "/api/v1/agencies/{id}/staff" => { GET: reference::agencies::list_agency_staff },
    "/api/v1/agencies/{id}/dashboard" => { GET: reference::agencies::agency_dashboard },
    "/api/v1/agencies/{id}/reception-sessions" => { GET: reception::sessions::list_agency_reception_sessions, POST: reception::sessions::schedule_reception_session },
    "/api/v1/agencies/{id}/reception-months/{month}" => { GET: reception::minimum::get_reception_month },
    "/api/v1/categories" => { GET: reference::categories::list_categories, POST: reference::categories::create_category },
    "/api/v1/categories/{code}" => { GET: reference::categories::get_category, PATCH: reference::categories::update_category },
    "/api/v1/holidays" => { GET: reference::holidays::list_holidays },
    "/api/v1/routing-rules" => { GET: reference::routing_rules::list_routing_rules, POST: reference::routing_rules::create_routing_rule },
    "/api/v1/routing-rules/{id}" => { DELETE: reference::routing_rules::end_routing_rule },
    "/api/v1/deadline-rules" => { GET: reference::deadline_rules::list_deadline_rules },
    "/api/v1/deadline-rules/{kind}/{round}" => { PUT: reference::deadline_rules::replace_deadline_rule },
    "/api/v1/holiday-years" => { GET: reference::holidays::list_holiday_years },
    "/api/v1/holiday-years/{year}" => { PUT: reference::holidays::put_holiday_year },
    "/api/v1/holidays/{date}" => { PUT: reference::holidays::put_holiday, DELETE: reference::holidays::delete_holiday },
    "/api/v1/auth/register" => { POST: accounts::auth::register },
    "/api/v1/auth/verify-email" => { POST: accounts::auth::verify_email },
    "/api/v1/auth/verify-email/resend" => { POST: accounts::auth::resend_verification },
    "/api/v1/auth/accept-invitation" => { POST: accounts::auth::accept_invitation },
    "/api/v1/auth/login" => { POST: accounts::auth::login },
    "/api/v1/auth/refresh" => { POST: accounts::auth::refresh },
    "/api/v1/auth/logout" => { POST: accounts::auth::logout },
    "/api/v1/auth/password-reset" => { POST: accounts::auth::request_password_reset },
    "/api/v1/auth/password-reset/confirm" => { POST: accounts::auth::confirm_password_reset },
    "/api/v1/me" => { GET: accounts::me::get_me, PATCH: accounts::me::update_me },
    "/api/v1/me/password" => { POST: accounts::me::change_password },
    "/api/v1/me/petitions" => { GET: petitions::queues::list_my_petitions },
    "/api/v1/me/data-export" => { GET: personal_data::me::export_my_data },
    "/api/v1/me/erasure" => { POST: personal_data::me::erase_my_account },
    "/api/v1/me/processing" => { GET: personal_data::me::get_my_processing, PUT: personal_data::me::set_my_processing },
    "/api/v1/privacy-notice" => { GET: personal_data::notice::get_privacy_notice },
    "/api/v1/petitions" => { GET: petitions::queues::list_petitions, POST: petitions::filing::file_petition },
    "/api/v1/petitions/{id}" => { GET: petitions::petition::get_petition },
    "/api/v1/petitions/{id}/accept" => { POST: handling::steps::accept },
    "/api/v1/petitions/{id}/refuse" => { POST: handling::steps::refuse },
    "/api/v1/petitions/{id}/transfer" => { POST: handling::steps::transfer },
    "/api/v1/petitions/{id}/assign" => { POST: handling::steps::assign },
    "/api/v1/petitions/{id}/request-information" => { POST: handling::steps::request_information },
    "/api/v1/petitions/{id}/record-dialogue" => { POST: handling::steps::record_dialogue },
    "/api/v1/petitions/{id}/extend" => { POST: handling::steps::extend },
    "/api/v1/petitions/{id}/extend-intake" => { POST: handling::steps::extend_intake },
    "/api/v1/petitions/{id}/suspend" => { POST: handling::steps::suspend },
    "/api/v1/petitions/{id}/resume" => { POST: handling::steps::resume },
    "/api/v1/petitions/{id}/withdraw-part" => { POST: handling::steps::withdraw_part },
    "/api/v1/petitions/{id}/resolve" => { POST: handling::steps::resolve },
    "/api/v1/petitions/{id}/rate" => { POST: handling::steps::rate },
    "/api/v1/petitions/{id}/appeal" => { POST: handling::steps::appeal },
    "/api/v1/petitions/{id}/reopen" => { POST: handling::steps::reopen },
    "/api/v1/petitions/{id}/not-fixed" => { POST: handling::steps::not_fixed },
    "/api/v1/petitions/{id}/merge" => { POST: handling::steps::merge },
    "/api/v1/petitions/{id}/withdraw" => { POST: handling::steps::withdraw },
    "/api/v1/petitions/{id}/messages" => { GET: petitions::messages::list_messages, POST: petitions::messages::post_message },
    "/api/v1/petitions/{id}/identity" => { POST: petitions::identity::unseal_identity },
    "/api/v1/petitions/{id}/data-reads" => { GET: personal_data::reads::list_data_reads },
    "/api/v1/petitions/{id}/petitioner-corrections" => { GET: personal_data::corrections::list_corrections, POST: personal_data::corrections::ask_correction },
    "/api/v1/petitions/{id}/petitioner-corrections/{request_id}/confirm" => { POST: personal_data::corrections::confirm_correction },
    "/api/v1/petitions/{id}/petitioner-corrections/{request_id}/refuse" => { POST: personal_data::corrections::refuse_correction },
    "/api/v1/petitions/{id}/attachments" => { GET: petitions::attachments::list_attachments, POST: petitions::attachments::upload_attachment },
    "/api/v1/petitions/{id}/attachments/{attachment_id}" => { GET: petitions::attachments::download_attachment },
    "/api/v1/public/petitions/{tracking_code}" => { GET: petitions::public::get_public_petition },
    "/api/v1/public/petitions" => { GET: reports::public_petitions::list_public_petitions },
    "/api/v1/public/awaiting" => { GET: reports::public_petitions::list_awaiting_petitions },
    "/api/v1/public/stats" => { GET: reports::statistics::get_public_statistics },
    "/api/v1/public/stats/definitions" => { GET: reports::statistics::list_statistics_definitions },
    "/api/v1/public/open-data" => { GET: reports::open_data::list_open_data },
    "/api/v1/public/open-data/{name}" => { GET: reports::open_data::download_open_data },
    "/api/v1/public/audit/anchors" => { GET: oversight::anchors::list_audit_anchors },
    "/api/v1/oversight/audit/verify" => { GET: oversight::audit::verify_audit_chain },
    "/api/v1/oversight/audit/anchors" => { POST: oversight::anchors::publish_audit_anchor },
    "/api/v1/oversight/audit/anchor-subscription" => { GET: oversight::anchors::get_anchor_subscription, PUT: oversight::anchors::put_anchor_subscription },
    "/api/v1/oversight/findings" => { GET: oversight::findings::list_findings, POST: oversight::findings::record_finding },
    "/api/v1/oversight/findings/{id}" => { GET: oversight::findings::get_finding },
    "/api/v1/oversight/findings/{id}/files" => { GET: oversight::evidence::list_finding_files, POST: oversight::evidence::upload_finding_file },
    "/api/v1/oversight/findings/{id}/files/{file_id}" => { GET: oversight::evidence::download_finding_file },
    "/api/v1/oversight/recommendations" => { GET: oversight::recommendations::list_recommendations, POST: oversight::recommendations::issue_recommendation },
    "/api/v1/oversight/recommendations/{id}" => { GET: oversight::recommendations::get_recommendation },
    "/api/v1/oversight/recommendations/{id}/responses" => { POST: oversight::recommendations::respond_to_recommendation },
    "/api/v1/oversight/recommendations/{id}/progress" => { POST: oversight::recommendations::report_remedy_progress },
    "/api/v1/oversight/recommendations/{id}/close" => { POST: oversight::recommendations::close_recommendation },
    "/api/v1/oversight/recommendations/{id}/escalate" => { POST: oversight::recommendations::escalate_recommendation },
    "/api/v1/oversight/recommendations/{id}/files" => { GET: oversight::evidence::list_recommendation_files, POST: oversight::evidence::upload_recommendation_file },
    "/api/v1/oversight/recommendations/{id}/files/{file_id}" => { GET: oversight::evidence::download_recommendation_file },
    "/api/v1/oversight/closure-checks" => { GET: oversight::closure_checks::list_closure_checks, POST: oversight::closure_checks::draw_closure_check },
    "/api/v1/oversight/closure-checks/{id}" => { GET: oversight::closure_checks::get_closure_check },
    "/api/v1/oversight/closure-checks/{id}/verdicts" => { POST: oversight::closure_checks::record_closure_verdict },
    "/api/v1/reception-sessions/{id}" => { GET: reception::sessions::get_reception_session },
    "/api/v1/reception-sessions/{id}/cancel" => { POST: reception::sessions::cancel_reception_session },
    "/api/v1/reception-sessions/{id}/held" => { POST: reception::sessions::record_session_held },
    "/api/v1/reception-sessions/{id}/not-held" => { POST: reception::sessions::record_session_not_held },
    "/api/v1/reception-sessions/{id}/bookings" => { GET: reception::bookings::list_session_bookings, POST: reception::bookings::book_reception_session },
    "/api/v1/me/reception-bookings" => { GET: reception::bookings::list_my_reception_bookings },
    "/api/v1/public/reception-sessions" => { GET: reception::public::list_upcoming_reception_sessions },
    "/api/v1/public/reception-sessions/{id}" => { GET: reception::public::get_public_reception_session },
    "/api/v1/oversight/reception-shortfalls" => { GET: reception::minimum::list_reception_shortfalls },
    "/api/v1/admin/reception-rules" => { GET: reception::minimum::list_reception_rules, POST: reception::minimum::add_reception_rule },
    "/api/v1/consultations" => { GET: consultations::publishing::list_agency_consultations, POST: consultations::publishing::draft_consultation },
    "/api/v1/consultations/{id}" => { GET: consultations::publishing::get_consultation, PATCH: consultations::publishing::edit_consultation },
    "/api/v1/consultations/{id}/publish" => { POST: consultations::publishing::publish_consultation },
    "/api/v1/consultations/{id}/extend" => { POST: consultations::publishing::extend_consultation },
    "/api/v1/consultations/{id}/comments" => { GET: consultations::comments::list_consultation_comments, POST: consultations::comments::comment_on_consultation },
    "/api/v1/consultations/{id}/comments/{comment_id}/support" => { POST: consultations::comments::support_comment },
    "/api/v1/consultations/{id}/comments/{comment_id}/hide" => { POST: consultations::comments::hide_comment },
    "/api/v1/consultations/{id}/documents" => { POST: consultations::documents::upload_consultation_document },
    "/api/v1/consultations/{id}/documents/{document_id}" => { GET: consultations::documents::download_consultation_document },
    "/api/v1/consultations/{id}/meetings" => { POST: consultations::meetings::schedule_meeting },
    "/api/v1/consultations/{id}/meetings/{meeting_id}/minutes" => { POST: consultations::meetings::record_meeting_minutes },
    "/api/v1/consultations/{id}/answers" => { POST: consultations::synthesis::answer_comments },
    "/api/v1/consultations/{id}/synthesis" => { POST: consultations::synthesis::publish_synthesis },
    "/api/v1/public/consultations" => { GET: consultations::public::list_public_consultations },
    "/api/v1/public/consultations/{id}" => { GET: consultations::public::get_public_consultation },
    "/api/v1/public/consultations/{id}/documents/{document_id}" => { GET: consultations::documents::download_public_consultation_document },
    "/api/v1/oversight/consultations" => { GET: consultations::oversight::list_overseen_consultations },
    "/api/v1/me/consultation-subscriptions" => { GET: consultations::subscriptions::get_consultation_subscriptions, PUT: consultations::subscriptions::put_consultation_subscriptions },
    "/api/v1/admin/consultation-rules" => { GET: consultations::rules::list_consultation_rules },
    "/api/v1/admin/consultation-rules/{kind}" => { PUT: consultations::rules::replace_consultation_rule },
    "/api/v1/reports/periodic" => { GET: reports::periodic::get_periodic_report },
    "/api/v1/admin/report-periods" => { GET: reports::periodic::list_report_periods },
    "/api/v1/admin/report-periods/{period}" => { PUT: reports::periodic::replace_report_period },
    "/api/v1/admin/supervision-rules" => { GET: oversight::rules::list_supervision_rules },
    "/api/v1/admin/supervision-rules/{rule}" => { PUT: oversight::rules::replace_supervision_rule },
    "/api/v1/oversight/audit/petitions/{id}" => { GET: oversight::trail::get_petition_audit_trail },
    "/api/v1/admin/users" => { GET: accounts::users::list_users, POST: accounts::users::invite_user },
    "/api/v1/admin/users/{id}" => { GET: accounts::users::get_user, PATCH: accounts::users::update_user },
    "/api/v1/admin/emails" => { GET: outbox::list_emails },
    "/api/v1/admin/reassign" => { POST: handling::reorganisation::reassign },
    "/api/v1/admin/reassign-unit" => { POST: handling::reorganisation::reassign_unit },
    "/api/v1/admin/emails/{id}/retry" => { POST: outbox::retry_email },
    "/api/v1/admin/open311-keys" => { GET: open311::keys::list_keys, POST: open311::keys::issue_key },
    "/api/v1/admin/open311-keys/{id}" => { DELETE: open311::keys::revoke_key },
    "/api/v1/admin/privacy-notices" => { POST: personal_data::notice::publish_privacy_notice },
    "/api/v1/admin/data-protection-rules" => { GET: personal_data::register::list_data_protection_rules },
    "/api/v1/admin/data-protection-rules/{rule}" => { PUT: personal_data::register::replace_data_protection_rule },
    "/api/v1/admin/data-requests" => { GET: personal_data::register::list_data_requests },
    "/api/v1/admin/breaches" => { GET: personal_data::breaches::list_breaches, POST: personal_data::breaches::record_breach },
    "/api/v1/admin/breaches/{id}" => { GET: personal_data::breaches::get_breach },
    "/api/v1/admin/breaches/{id}/authority-notified" => { POST: personal_data::breaches::record_authority_notified },
    "/api/v1/admin/breaches/{id}/notify" => { POST: personal_data::breaches::notify_affected_people },
}

/// Registers the routes, the request readers' limits and error answers, and the fallback for
/// unknown paths.
pub fn configure(config: &mut web::ServiceConfig, max_json_body_bytes: usize) {
    config
        .app_data(extract::JsonLimit(max_json_body_bytes))
        .app_data(web::PayloadConfig::new(max_json_body_bytes))
        .app_data(web::QueryConfig::default().error_handler(|error, _request| query_error(&error.to_string()).into()))
        .app_data(
            web::PathConfig::default().error_handler(|_error, request| {
                ApiError::NotFound(format!("no resource at {}", request.path())).into()
            }),
        );
    register_routes(config);
    open311::register(config);
    config.default_service(web::to(not_found));
}

pub use middleware::logging;
pub use middleware::{with_request_id, with_security_headers};
pub use uploads::UploadLimits;

/// A parameter the request does not take is named (422), so that a misspelt filter is not
/// silently ignored and everything listed; a query string that cannot be read at all is a 400.
fn query_error(message: &str) -> ApiError {
    let unknown = message.split("unknown field `").nth(1).and_then(|rest| rest.split('`').next());
    match unknown {
        Some(parameter) => ApiError::validation(parameter, "is not a parameter of this request"),
        None => ApiError::BadRequest {
            code: "invalid_query",
            detail: format!("the query string could not be read: {message}"),
        },
    }
}

async fn not_found(request: actix_web::HttpRequest) -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::NotFound(format!("no resource at {}", request.path())))
}

fn method_not_allowed(allowed: &[&str]) -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::MethodNotAllowed { allow: allowed.join(", ") })
}
