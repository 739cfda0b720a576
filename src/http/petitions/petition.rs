//! `GET /api/v1/petitions/{id}`: the petition in full, for those allowed to read it, with its
//! version as the ETag.

use actix_web::{HttpResponse, web};

use super::responses::PetitionResponse;
use crate::domain::ids::PetitionId;
use crate::error::ApiError;
use crate::http::conditional::with_etag;
use crate::http::extract::id_in_path;
use crate::http::signed_in::SignedIn;
use crate::service::Context;
use crate::service::petitions::views;

pub async fn get_petition(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id: PetitionId = id_in_path(&id, "petition")?;
    let actor = signed_in.actor().clone();
    let view = context.run(move |c, context| views::find_for(c, context, &id, &actor)).await?;
    let version = view.petition.version;
    Ok(with_etag(HttpResponse::Ok().json(PetitionResponse::from(view)), version))
}
