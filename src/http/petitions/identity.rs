//! `POST /api/v1/petitions/{id}/identity`: a reception officer of the handling agency sees a
//! confidential petitioner's identity; the unsealing and its reason go into the petition's
//! internal history.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::responses::PetitionerResponse;
use crate::domain::ids::PetitionId;
use crate::domain::text::clean_text;
use crate::error::ApiError;
use crate::http::extract::{JsonBody, id_in_path};
use crate::http::signed_in::SignedIn;
use crate::service::Context;
use crate::service::petitions::petitioners;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnsealRequest {
    reason: String,
}

pub async fn unseal_identity(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<UnsealRequest>,
) -> Result<HttpResponse, ApiError> {
    let id: PetitionId = id_in_path(&id, "petition")?;
    let mut errors = Vec::new();
    let reason = clean_text(&mut errors, "reason", &body.0.reason, 10..=1000, true);
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let (actor, now) = (signed_in.actor().clone(), context.now());
    let view = context.run(move |c, context| petitioners::unseal(c, context, &id, &actor, &reason, now)).await?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-store")).json(PetitionerResponse::from(view)))
}
