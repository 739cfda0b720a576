//! `/api/v1/petitions`, `/api/v1/me/petitions` and `/api/v1/public/petitions/{tracking_code}`:
//! filing, reading, listing and queues, and unsealing a confidential identity.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use serde_json::Value;

use crate::db::petitions::PetitionOrder;
use crate::domain::account::Role;
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::authorization::Action;
use crate::domain::petition::{Channel, PetitionKind, PetitionStatus};
use crate::error::ApiError;
use crate::http::extract::{JsonBody, QueryCheck, from_value};
use crate::http::petitions::responses::{
    PetitionResponse, PetitionSummary, PetitionerResponse, PublicPetitionResponse,
};
use crate::http::signed_in::{SignedIn, client_address, optional_sign_in};
use crate::http::wire::ListResponse;
use crate::security::tokens;
use crate::service::petitions::filing::{self, Filer, FilingRequest, IdempotencyClaim};
use crate::service::petitions::views::{self as petitions, AssigneeFilter, PetitionQuery};
use crate::service::{Context, with_connection};

fn etag(version: i32) -> String {
    format!("\"{version}\"")
}

pub(crate) fn with_etag(mut response: HttpResponse, version: i32) -> HttpResponse {
    if let Ok(value) = HeaderValue::from_str(&etag(version)) {
        response.headers_mut().insert(header::ETAG, value);
    }
    response
}

fn idempotency_key(request: &HttpRequest) -> Result<Option<String>, ApiError> {
    let Some(value) = request.headers().get("Idempotency-Key") else { return Ok(None) };
    let key = value
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|k| (1..=200).contains(&k.len()) && k.bytes().all(|b| b.is_ascii_graphic()));
    key.map(|k| Some(k.to_string()))
        .ok_or_else(|| ApiError::validation("Idempotency-Key", "must be 1 to 200 visible ASCII characters"))
}

/// Files a petition: signed in as a citizen (for oneself) or as an officer or head (on someone's
/// behalf), or anonymously for feedback and proposals.
pub async fn file_petition(
    context: web::Data<Context>,
    request: HttpRequest,
    body: JsonBody<Value>,
) -> Result<HttpResponse, ApiError> {
    let signed_in = optional_sign_in(&context, &request).await?;
    let key = idempotency_key(&request)?;
    let request_hash = tokens::hash_secret(&body.0.to_string());
    let filing: FilingRequest = from_value(body.0)?;
    let (filer, actor) = match signed_in {
        None => (Filer::Anonymous { client_address: client_address(&request) }, None),
        Some(auth) => {
            crate::domain::authorization::authorize(&auth.actor, &Action::FilePetition)
                .map_err(|_| ApiError::Forbidden("monitors and administrators do not file petitions".into()))?;
            let filer = if auth.actor.role == Role::Citizen {
                let mobile = request.headers().get("X-Client-Channel").and_then(|v| v.to_str().ok()) == Some("mobile");
                Filer::Citizen { user: auth.user.clone(), channel: if mobile { Channel::Mobile } else { Channel::Web } }
            } else {
                Filer::Staff { user: auth.user.clone() }
            };
            (filer, Some(auth.actor))
        }
    };
    let scope = match &actor {
        Some(actor) => format!("user:{}", actor.user_id),
        None => format!("address:{}", client_address(&request)),
    };
    let claim = key.map(|key| IdempotencyClaim { scope, key, request_hash });
    let ctx = context.get_ref().clone();
    let filed = with_connection(&context.pool, move |c| filing::file(c, &ctx, &filer, filing, claim)).await?;
    let ctx = context.get_ref().clone();
    let id = filed.petition_id.clone();
    let body = match actor {
        Some(actor) => {
            let view = with_connection(&context.pool, move |c| petitions::find_for(c, &ctx, &id, &actor)).await?;
            serde_json::to_value(PetitionResponse::from(view)).map_err(ApiError::internal)?
        }
        // An anonymous filer gets the public view and the tracking code: nothing else to read.
        None => {
            let view = with_connection(&context.pool, move |c| {
                let code = crate::db::petitions::find(c, &id)?.map(|p| p.tracking_code).unwrap_or_default();
                petitions::find_public(c, &ctx, &code)
            })
            .await?;
            serde_json::to_value(PublicPetitionResponse::from(view)).map_err(ApiError::internal)?
        }
    };
    let mut response = HttpResponse::Created();
    response.insert_header(("Location", format!("/api/v1/petitions/{}", filed.petition_id)));
    if filed.replayed {
        response.insert_header(("Idempotent-Replayed", "true"));
    }
    let version = body.get("version").and_then(Value::as_i64).unwrap_or(1) as i32;
    Ok(with_etag(response.json(body), version))
}

pub(crate) fn petition_id(path: &str) -> Result<String, ApiError> {
    uuid::Uuid::parse_str(path)
        .map(|id| id.to_string())
        .map_err(|_| ApiError::NotFound(format!("no petition has the id {path:?}")))
}

pub async fn get_petition(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = petition_id(&id)?;
    let ctx = context.get_ref().clone();
    let actor = signed_in.0.actor;
    let view = with_connection(&context.pool, move |c| petitions::find_for(c, &ctx, &id, &actor)).await?;
    let version = view.petition.version;
    Ok(with_etag(HttpResponse::Ok().json(PetitionResponse::from(view)), version))
}

#[derive(Debug, Deserialize)]
pub struct ListParams {
    q: Option<String>,
    status: Option<String>,
    kind: Option<String>,
    category: Option<String>,
    admin_unit: Option<String>,
    assignee: Option<String>,
    overdue: Option<String>,
    due_before: Option<String>,
    sort: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

fn petition_query(params: &ListParams, mine_only: bool) -> Result<PetitionQuery, ApiError> {
    let mut check = QueryCheck::default();
    let query = PetitionQuery {
        text: check.optional("q", params.q.as_deref(), |t| {
            if t.chars().count() <= 200 && !t.chars().any(char::is_control) {
                Ok(t.to_string())
            } else {
                Err("must be at most 200 characters")
            }
        }),
        status: check.optional("status", params.status.as_deref(), |t| {
            t.parse::<PetitionStatus>().map(|s| s.as_str().to_string())
        }),
        kind: check
            .optional("kind", params.kind.as_deref(), |t| t.parse::<PetitionKind>().map(|k| k.as_str().to_string())),
        category: check.optional("category", params.category.as_deref(), |t| {
            if crate::domain::category::is_valid_category_code(t) {
                Ok(t.to_string())
            } else {
                Err("is not a category code")
            }
        }),
        admin_unit: check.optional("admin_unit", params.admin_unit.as_deref(), |t| {
            AdminUnitCode::parse(t).map(|code| code.as_str().to_string())
        }),
        assignee: check.optional("assignee", params.assignee.as_deref(), |t| match t {
            "me" => Ok(AssigneeFilter::Me),
            _ => uuid::Uuid::parse_str(t)
                .map(|id| AssigneeFilter::User(id.to_string()))
                .map_err(|_| "must be me or a user id"),
        }),
        overdue: check
            .optional("overdue", params.overdue.as_deref(), |t| match t {
                "true" => Ok(true),
                "false" => Ok(false),
                _ => Err("must be true or false"),
            })
            .unwrap_or(false),
        due_before: check.date("due_before", params.due_before.as_deref()),
        order: check
            .optional("sort", params.sort.as_deref(), |t| match t {
                "filed" => Ok(PetitionOrder::Filed),
                "deadline" => Ok(PetitionOrder::Deadline),
                _ => Err("must be filed (newest first) or deadline (soonest first)"),
            })
            .unwrap_or(PetitionOrder::Filed),
        mine_only,
        size: check.page_size(params.limit.as_deref()),
        cursor: check.cursor(params.cursor.as_deref()),
    };
    check.finish()?;
    Ok(query)
}

/// Petitions by role: citizens their own, staff their agency's, monitors their unit's, administrators all.
pub async fn list_petitions(
    context: web::Data<Context>,
    signed_in: SignedIn,
    params: web::Query<ListParams>,
) -> Result<web::Json<ListResponse<PetitionSummary>>, ApiError> {
    list(&context, signed_in, &params, false).await
}

/// The signed-in user's own petitions, newest first.
pub async fn list_my_petitions(
    context: web::Data<Context>,
    signed_in: SignedIn,
    params: web::Query<ListParams>,
) -> Result<web::Json<ListResponse<PetitionSummary>>, ApiError> {
    list(&context, signed_in, &params, true).await
}

async fn list(
    context: &Context,
    signed_in: SignedIn,
    params: &ListParams,
    mine_only: bool,
) -> Result<web::Json<ListResponse<PetitionSummary>>, ApiError> {
    let query = petition_query(params, mine_only)?;
    let actor = signed_in.0.actor;
    let today = context.clock.today_in_vietnam();
    let page = with_connection(&context.pool, move |c| petitions::list(c, &actor, &query, today)).await?;
    Ok(web::Json(ListResponse::from_page(page, PetitionSummary::from)))
}

pub async fn get_public_petition(
    context: web::Data<Context>,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let code = code.into_inner();
    let ctx = context.get_ref().clone();
    let view = with_connection(&context.pool, move |c| petitions::find_public(c, &ctx, &code)).await?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-cache")).json(PublicPetitionResponse::from(view)))
}

/// `If-Match: "<version>"` makes a step conditional on the version the client read.
pub(crate) fn if_match(request: &HttpRequest) -> Result<Option<i32>, ApiError> {
    let Some(value) = request.headers().get(header::IF_MATCH) else { return Ok(None) };
    value
        .to_str()
        .ok()
        .map(|v| v.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|v| v.parse::<i32>().ok())
        .map(Some)
        .ok_or_else(|| ApiError::validation("If-Match", "must be an ETag this API gave out"))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnsealRequest {
    reason: String,
}

/// A reception officer of the handling agency sees a confidential petitioner's identity; the
/// unsealing and its reason go into the petition's internal history.
pub async fn unseal_identity(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<UnsealRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = petition_id(&id)?;
    let mut errors = Vec::new();
    let reason = crate::domain::petition::clean_text(&mut errors, "reason", &body.0.reason, 10..=1000, true);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let ctx = context.get_ref().clone();
    let actor = signed_in.0.actor;
    let view = with_connection(&context.pool, move |c| petitions::unseal(c, &ctx, &id, &actor, &reason)).await?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(PetitionerResponse::from(view)))
}
