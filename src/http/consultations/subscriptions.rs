//! `/api/v1/me/consultation-subscriptions`: the administrative units the signed-in person follows,
//! to be told by e-mail when a consultation about one of them is published.

use actix_web::web;
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::signed_in::SignedIn;
use crate::service::Context;
use crate::service::consultations::subscriptions;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubscriptionsRequest {
    admin_unit_codes: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct SubscriptionsResponse {
    admin_unit_codes: Vec<String>,
}

pub async fn get_consultation_subscriptions(
    context: web::Data<Context>,
    signed_in: SignedIn,
) -> Result<web::Json<SubscriptionsResponse>, ApiError> {
    let user = signed_in.actor().user_id.clone();
    let admin_unit_codes = context.run(move |c, _| subscriptions::of(c, &user)).await?;
    Ok(web::Json(SubscriptionsResponse { admin_unit_codes }))
}

pub async fn put_consultation_subscriptions(
    context: web::Data<Context>,
    signed_in: SignedIn,
    body: JsonBody<SubscriptionsRequest>,
) -> Result<web::Json<SubscriptionsResponse>, ApiError> {
    let user = signed_in.actor().user_id.clone();
    let codes = body.0.admin_unit_codes;
    let admin_unit_codes = context.run(move |c, context| subscriptions::replace(c, context, &user, &codes)).await?;
    Ok(web::Json(SubscriptionsResponse { admin_unit_codes }))
}
