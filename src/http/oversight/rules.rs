//! `/api/v1/admin/supervision-rules`: the periods supervision runs on (the days an agency has to
//! answer a recommendation), each with its basis; administrators change them.

use actix_web::web;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::authorization::Action;
use crate::domain::ids::UserId;
use crate::domain::oversight::rules::SupervisionRule;
use crate::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, vietnam_time};
use crate::service::Context;
use crate::service::oversight::rules;

#[derive(Debug, Serialize)]
pub struct SupervisionRuleResponse {
    rule: String,
    days: i32,
    basis: String,
    changed_by: Option<UserId>,
    updated_at: DateTime<FixedOffset>,
}

impl From<SupervisionRule> for SupervisionRuleResponse {
    fn from(r: SupervisionRule) -> Self {
        SupervisionRuleResponse {
            rule: r.rule,
            days: r.days,
            basis: r.basis,
            changed_by: r.changed_by,
            updated_at: vietnam_time(r.updated_at),
        }
    }
}

pub async fn list_supervision_rules(
    context: web::Data<Context>,
    signed_in: SignedIn,
) -> Result<web::Json<ListResponse<SupervisionRuleResponse>>, ApiError> {
    signed_in.may(&Action::ManageReferenceData)?;
    let listed = context.run(|c, _| rules::list(c)).await?;
    Ok(web::Json(ListResponse::complete(listed.into_iter().map(Into::into).collect())))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupervisionRuleRequest {
    days: i64,
    basis: String,
}

pub async fn replace_supervision_rule(
    context: web::Data<Context>,
    signed_in: SignedIn,
    rule: web::Path<String>,
    body: JsonBody<SupervisionRuleRequest>,
) -> Result<web::Json<SupervisionRuleResponse>, ApiError> {
    signed_in.may(&Action::ManageReferenceData)?;
    let (admin, now, rule, b) = (signed_in.actor().user_id.clone(), context.now(), rule.into_inner(), body.0);
    let replaced = context.run(move |c, _| rules::replace(c, &admin, &rule, b.days, &b.basis, now)).await?;
    Ok(web::Json(replaced.into()))
}
