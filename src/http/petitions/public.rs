//! `GET /api/v1/public/petitions/{tracking_code}`: the public status page, for anyone.

use actix_web::{HttpResponse, web};

use super::responses::PublicPetitionResponse;
use crate::error::ApiError;
use crate::service::Context;
use crate::service::petitions::views;

pub async fn get_public_petition(
    context: web::Data<Context>,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let code = code.into_inner();
    let view = context.run(move |c, context| views::find_public(c, context, &code)).await?;
    Ok(HttpResponse::Ok().insert_header(("Cache-Control", "no-cache")).json(PublicPetitionResponse::from(view)))
}
