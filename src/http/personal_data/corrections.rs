//! `/api/v1/petitions/{id}/petitioner-corrections`: the petitioner asks to correct their details;
//! the handling agency (for a sealed identity, its reception officers) confirms or refuses.

use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use super::register::DataRequestResponse;
use crate::domain::ids::PetitionId;
use crate::domain::personal_data::requests::Correction;
use crate::error::ApiError;
use crate::http::extract::{JsonBody, id_in_path};
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, not_null};
use crate::service::Context;
use crate::service::personal_data::corrections::{self, CorrectionRead};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectionRequest {
    #[serde(default, deserialize_with = "not_null")]
    full_name: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    email: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    phone: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    address: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AskedResponse {
    full_name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    address: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CorrectionResponse {
    #[serde(flatten)]
    request: DataRequestResponse,
    /// What is asked, until it is decided (then forgotten: the petitioner's details say it).
    asked: Option<AskedResponse>,
}

impl From<CorrectionRead> for CorrectionResponse {
    fn from(read: CorrectionRead) -> Self {
        CorrectionResponse {
            request: read.request.into(),
            asked: read.asked.map(|c| AskedResponse {
                full_name: c.full_name,
                email: c.email,
                phone: c.phone,
                address: c.address,
            }),
        }
    }
}

pub async fn ask_correction(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<CorrectionRequest>,
) -> Result<HttpResponse, ApiError> {
    let id: PetitionId = id_in_path(&id, "petition")?;
    let b = body.0;
    let form = Correction { full_name: b.full_name, email: b.email, phone: b.phone, address: b.address };
    let correction = corrections::checked(&form)?;
    let (actor, now, asked) = (signed_in.actor().clone(), context.now(), correction.clone());
    let request = context.run(move |c, context| corrections::ask(c, context, &actor, &id, correction, now)).await?;
    let read = CorrectionRead { request, asked: Some(asked) };
    Ok(HttpResponse::Accepted().insert_header(("Cache-Control", "no-store")).json(CorrectionResponse::from(read)))
}

pub async fn list_corrections(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id: PetitionId = id_in_path(&id, "petition")?;
    let (actor, now) = (signed_in.actor().clone(), context.now());
    let listed = context.run(move |c, context| corrections::list(c, context, &actor, &id, now)).await?;
    let items: Vec<CorrectionResponse> = listed.into_iter().map(Into::into).collect();
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(ListResponse::complete(items)))
}

pub async fn confirm_correction(
    context: web::Data<Context>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
) -> Result<web::Json<CorrectionResponse>, ApiError> {
    let (id, request_id) = path.into_inner();
    let id: PetitionId = id_in_path(&id, "petition")?;
    let (actor, now) = (signed_in.actor().clone(), context.now());
    let read = context.run(move |c, context| corrections::confirm(c, context, &actor, &id, &request_id, now)).await?;
    Ok(web::Json(read.into()))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefuseCorrectionRequest {
    reason: String,
}

pub async fn refuse_correction(
    context: web::Data<Context>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
    body: JsonBody<RefuseCorrectionRequest>,
) -> Result<web::Json<CorrectionResponse>, ApiError> {
    let (id, request_id) = path.into_inner();
    let id: PetitionId = id_in_path(&id, "petition")?;
    let (actor, now, reason) = (signed_in.actor().clone(), context.now(), body.0.reason);
    let read =
        context.run(move |c, context| corrections::refuse(c, context, &actor, &id, &request_id, &reason, now)).await?;
    Ok(web::Json(read.into()))
}
