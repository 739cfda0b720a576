//! `POST /api/v1/petitions`: filing a petition — signed in as a citizen (for oneself) or as an
//! officer or head (on someone's behalf), or anonymously for feedback and proposals — with
//! `Idempotency-Key` making retries safe.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;

use super::public::PublicPetitionResponse;
use super::responses::PetitionResponse;
use crate::domain::account::Role;
use crate::domain::authorization::Action;
use crate::domain::petition::Channel;
use crate::domain::petition::petitioner::CoPetitioner;
use crate::error::ApiError;
use crate::http::conditional::with_etag;
use crate::http::extract::{JsonBody, from_value};
use crate::http::personal_data::with_notice_shown;
use crate::http::signed_in::{client_address, optional_sign_in};
use crate::http::wire::not_null;
use crate::security::tokens;
use crate::service::Context;
use crate::service::petitions::filing::{
    self, FiledView, Filer, FilingForm, IdempotencyClaim, LocationForm, PetitionerForm,
};

/// The filing as the client sends it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilingRequest {
    kind: String,
    category: String,
    title: String,
    description: String,
    location: LocationRequest,
    #[serde(default, deserialize_with = "not_null")]
    related_project: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    decision_reference: Option<DecisionReferenceRequest>,
    #[serde(default)]
    confidential: bool,
    #[serde(default, deserialize_with = "not_null")]
    language: Option<String>,
    #[serde(default)]
    co_petitioners: Vec<CoPetitioner>,
    #[serde(default, deserialize_with = "not_null")]
    channel: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    petitioner: Option<PetitionerRequest>,
    #[serde(default, deserialize_with = "not_null")]
    contact_email: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    offline_register_reference: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    respondent_agency_id: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    denounced_agency_id: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    denounced_position: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocationRequest {
    admin_unit_code: String,
    #[serde(default, deserialize_with = "not_null")]
    address: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    lat: Option<f64>,
    #[serde(default, deserialize_with = "not_null")]
    lon: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionReferenceRequest {
    /// The number or description of the decision or act complained about.
    number: String,
    date: NaiveDate,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PetitionerRequest {
    full_name: String,
    #[serde(default, deserialize_with = "not_null")]
    email: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    phone: Option<String>,
    #[serde(default, deserialize_with = "not_null")]
    address: Option<String>,
}

impl From<FilingRequest> for FilingForm {
    fn from(r: FilingRequest) -> Self {
        FilingForm {
            kind: r.kind,
            category: r.category,
            title: r.title,
            description: r.description,
            location: LocationForm {
                admin_unit_code: r.location.admin_unit_code,
                address: r.location.address,
                lat: r.location.lat,
                lon: r.location.lon,
            },
            related_project: r.related_project,
            decision_reference: r.decision_reference.map(|d| (d.number, d.date)),
            confidential: r.confidential,
            language: r.language,
            co_petitioners: r.co_petitioners,
            channel: r.channel,
            petitioner: r.petitioner.map(|p| PetitionerForm {
                full_name: p.full_name,
                email: p.email,
                phone: p.phone,
                address: p.address,
            }),
            contact_email: r.contact_email,
            offline_register_reference: r.offline_register_reference,
            respondent_agency_id: r.respondent_agency_id,
            denounced_agency_id: r.denounced_agency_id,
            denounced_position: r.denounced_position,
        }
    }
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

/// The app a citizen files from: `web` unless the header says `mobile`; any other value is a 422,
/// as the spec's enum says (an empty header is not "web").
fn client_channel(request: &HttpRequest) -> Result<Channel, ApiError> {
    match request.headers().get("X-Client-Channel").map(|v| v.to_str()) {
        None | Some(Ok("web")) => Ok(Channel::Web),
        Some(Ok("mobile")) => Ok(Channel::Mobile),
        Some(_) => Err(ApiError::validation("X-Client-Channel", "must be web or mobile")),
    }
}

pub async fn file_petition(
    context: web::Data<Context>,
    request: HttpRequest,
    body: JsonBody<Value>,
) -> Result<HttpResponse, ApiError> {
    let signed_in = optional_sign_in(&context, &request).await?;
    let key = idempotency_key(&request)?;
    let channel = client_channel(&request)?;
    let request_hash = tokens::hash_secret(&body.0.to_string());
    let form = FilingForm::from(from_value::<FilingRequest>(body.0)?);
    let filer = match signed_in {
        None => Filer::Anonymous { client_address: client_address(&request) },
        Some(signed_in) => {
            signed_in
                .may(&Action::FilePetition)
                .map_err(|_| ApiError::Forbidden("monitors and administrators do not file petitions".into()))?;
            let user = signed_in.user().clone();
            if user.role == Role::Citizen { Filer::Citizen { user, channel } } else { Filer::Staff { user } }
        }
    };
    let scope = match &filer {
        Filer::Citizen { user, .. } | Filer::Staff { user } => format!("user:{}", user.id),
        Filer::Anonymous { client_address } => format!("address:{client_address}"),
        Filer::Open311 { key, .. } => format!("open311:{}", key.id),
    };
    let claim = key.map(|key| IdempotencyClaim { scope, key, request_hash });
    let filed = context.run(move |c, context| filing::file(c, context, &filer, form, claim)).await?;
    let petition = &filed.view.petition().petition;
    let mut response = HttpResponse::Created();
    response.insert_header(("Location", format!("/api/v1/petitions/{}", petition.id)));
    if filed.replayed {
        response.insert_header(("Idempotent-Replayed", "true"));
    }
    let version = petition.version;
    let response = match filed.view {
        FiledView::Full(view) => response.json(PetitionResponse::from(view)),
        FiledView::Public(view) => response.json(PublicPetitionResponse::from(view)),
    };
    Ok(with_notice_shown(with_etag(response, version), filed.privacy_notice))
}
