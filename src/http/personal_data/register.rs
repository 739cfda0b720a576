//! The administrators' register of personal data protection: the rules (retention periods and the
//! law's clocks, each with its basis) and the requests people made over their data.

use actix_web::web;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::authorization::Action;
use crate::domain::ids::{DataRequestId, PetitionId, UserId};
use crate::domain::personal_data::requests::{DataRequest, DataRequestKind, DataRequestStatus};
use crate::domain::personal_data::rules::{DataProtectionRule, PeriodUnit, RuleName};
use crate::error::ApiError;
use crate::http::extract::JsonBody;
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, vietnam_time, whole};
use crate::service::Context;
use crate::service::personal_data::rules::RuleChange;
use crate::service::personal_data::{requests, rules};

#[derive(Debug, Serialize)]
pub struct RuleResponse {
    rule: RuleName,
    /// `retention` rules purge what has outlived them; `clock` rules set a deadline.
    governs: &'static str,
    amount: u32,
    unit: PeriodUnit,
    basis: String,
    changed_by: Option<UserId>,
    updated_at: DateTime<FixedOffset>,
}

impl From<DataProtectionRule> for RuleResponse {
    fn from(rule: DataProtectionRule) -> Self {
        RuleResponse {
            rule: rule.name,
            governs: if rule.name.is_retention() { "retention" } else { "clock" },
            amount: rule.period.amount,
            unit: rule.period.unit,
            basis: rule.basis,
            changed_by: rule.changed_by,
            updated_at: vietnam_time(rule.updated_at),
        }
    }
}

pub async fn list_data_protection_rules(
    context: web::Data<Context>,
    signed_in: SignedIn,
) -> Result<web::Json<ListResponse<RuleResponse>>, ApiError> {
    signed_in.may(&Action::ProtectPersonalData)?;
    let listed = context.run(|c, _| rules::list(c)).await?;
    Ok(web::Json(ListResponse::complete(listed.into_iter().map(Into::into).collect())))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplaceRuleRequest {
    #[serde(deserialize_with = "whole")]
    amount: i64,
    unit: String,
    basis: String,
}

pub async fn replace_data_protection_rule(
    context: web::Data<Context>,
    signed_in: SignedIn,
    name: web::Path<String>,
    body: JsonBody<ReplaceRuleRequest>,
) -> Result<web::Json<RuleResponse>, ApiError> {
    signed_in.may(&Action::ProtectPersonalData)?;
    let (admin, now, name, b) = (signed_in.actor().user_id.clone(), context.now(), name.into_inner(), body.0);
    let change = RuleChange { amount: b.amount, unit: b.unit, basis: b.basis };
    let rule = context.run(move |c, _| rules::replace(c, &admin, &name, change, now)).await?;
    Ok(web::Json(rule.into()))
}

#[derive(Debug, Serialize)]
pub struct DataRequestResponse {
    id: DataRequestId,
    /// None once the account was erased: the request is still counted.
    user_id: Option<UserId>,
    kind: DataRequestKind,
    status: DataRequestStatus,
    received_at: DateTime<FixedOffset>,
    due_at: DateTime<FixedOffset>,
    completed_at: Option<DateTime<FixedOffset>>,
    on_time: Option<bool>,
    outcome: Option<String>,
    /// The petition a correction is about.
    petition_id: Option<PetitionId>,
}

impl From<DataRequest> for DataRequestResponse {
    fn from(request: DataRequest) -> Self {
        DataRequestResponse {
            id: request.id,
            user_id: request.user_id,
            kind: request.kind,
            status: request.status,
            received_at: vietnam_time(request.received_at),
            due_at: vietnam_time(request.due_at),
            completed_at: request.completed_at.map(vietnam_time),
            on_time: request.completed_at.map(|at| at <= request.due_at),
            outcome: request.outcome,
            petition_id: request.petition_id,
        }
    }
}

pub async fn list_data_requests(
    context: web::Data<Context>,
    signed_in: SignedIn,
) -> Result<web::Json<ListResponse<DataRequestResponse>>, ApiError> {
    signed_in.may(&Action::ProtectPersonalData)?;
    let listed = context.run(|c, _| requests::newest(c)).await?;
    Ok(web::Json(ListResponse::complete(listed.into_iter().map(Into::into).collect())))
}
