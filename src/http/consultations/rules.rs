//! `/api/v1/admin/consultation-rules`: the minimum comment window of each kind and the days to
//! the synthesis, each with its basis; administrators change them.

use actix_web::web;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::authorization::Action;
use crate::domain::consultations::ConsultationRule;
use crate::domain::ids::UserId;
use crate::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, vietnam_time};
use crate::service::Context;
use crate::service::consultations::rules;

#[derive(Debug, Serialize)]
pub struct ConsultationRuleResponse {
    rule: String,
    days: i32,
    basis: String,
    changed_by: Option<UserId>,
    updated_at: DateTime<FixedOffset>,
}

impl From<ConsultationRule> for ConsultationRuleResponse {
    fn from(r: ConsultationRule) -> Self {
        ConsultationRuleResponse {
            rule: r.rule,
            days: r.days,
            basis: r.basis,
            changed_by: r.changed_by,
            updated_at: vietnam_time(r.updated_at),
        }
    }
}

pub async fn list_consultation_rules(
    context: web::Data<Context>,
    signed_in: SignedIn,
) -> Result<web::Json<ListResponse<ConsultationRuleResponse>>, ApiError> {
    signed_in.may(&Action::ManageReferenceData)?;
    let listed = context.run(|c, _| rules::list(c)).await?;
    Ok(web::Json(ListResponse::complete(listed.into_iter().map(Into::into).collect())))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsultationRuleRequest {
    days: i64,
    basis: String,
}

pub async fn replace_consultation_rule(
    context: web::Data<Context>,
    signed_in: SignedIn,
    rule: web::Path<String>,
    body: JsonBody<ConsultationRuleRequest>,
) -> Result<web::Json<ConsultationRuleResponse>, ApiError> {
    signed_in.may(&Action::ManageReferenceData)?;
    let (admin, now, rule, b) = (signed_in.actor().user_id.clone(), context.now(), rule.into_inner(), body.0);
    let replaced = context.run(move |c, _| rules::replace(c, &admin, &rule, b.days, &b.basis, now)).await?;
    Ok(web::Json(replaced.into()))
}
