//! `/api/v1/deadline-rules`: the limits in force (with their history), readable by everyone and
//! replaced by administrators.

use actix_web::web;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::authorization::Action;
use crate::domain::deadline::{DeadlineRule, DeadlineRuleVersion, Period, Round};
use crate::domain::petition::PetitionKind;
use crate::error::ApiError;
use crate::http::extract::{JsonBody, QueryCheck};
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, required_nullable, vietnam_time, whole};
use crate::service::{Context, reference::deadline_rules};

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodBody {
    #[serde(deserialize_with = "whole")]
    length: u32,
    unit: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolutionBody {
    unit: String,
    #[serde(deserialize_with = "whole")]
    normal: u32,
    #[serde(deserialize_with = "whole")]
    complex: u32,
    #[serde(deserialize_with = "whole")]
    remote: u32,
    #[serde(deserialize_with = "whole")]
    remote_complex: u32,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtensionsAllowed {
    #[serde(deserialize_with = "whole")]
    normal: u8,
    #[serde(deserialize_with = "whole")]
    complex: u8,
    #[serde(deserialize_with = "whole")]
    especially_complex: u8,
}

#[derive(Debug, Serialize)]
pub struct DeadlineRuleResponse {
    kind: PetitionKind,
    round: Round,
    acceptance: PeriodBody,
    #[serde(default)]
    acceptance_extended: Option<PeriodBody>,
    #[serde(default)]
    forwarding: Option<PeriodBody>,
    resolution: ResolutionBody,
    /// Required: null says the rule allows no extension; left out, the client forgot it.
    #[serde(deserialize_with = "required_nullable")]
    extension: Option<PeriodBody>,
    extensions_allowed: ExtensionsAllowed,
    source: String,
    valid_from: DateTime<FixedOffset>,
    valid_to: Option<DateTime<FixedOffset>>,
}

impl From<DeadlineRuleVersion> for DeadlineRuleResponse {
    fn from(version: DeadlineRuleVersion) -> Self {
        let rule = version.rule;
        let period = |period: Period| {
            let (length, unit) = period.parts();
            PeriodBody { length, unit: unit.to_string() }
        };
        let [normal, complex, especially_complex] = rule.extensions_allowed;
        DeadlineRuleResponse {
            kind: rule.kind,
            round: rule.round,
            acceptance: period(rule.acceptance),
            acceptance_extended: rule.acceptance_extended.map(period),
            forwarding: rule.forwarding.map(period),
            resolution: ResolutionBody {
                unit: rule.resolution.parts().1.to_string(),
                normal: rule.resolution.parts().0,
                complex: rule.resolution_complex.parts().0,
                remote: rule.resolution_remote.parts().0,
                remote_complex: rule.resolution_remote_complex.parts().0,
            },
            extension: rule.extension.map(period),
            extensions_allowed: ExtensionsAllowed { normal, complex, especially_complex },
            source: rule.source,
            valid_from: vietnam_time(version.valid_from),
            valid_to: version.valid_to.map(vietnam_time),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    history: Option<String>,
}

/// The rules in force, or with `history=true` every version ever.
pub async fn list_deadline_rules(
    context: web::Data<Context>,
    params: web::Query<ListParams>,
) -> Result<web::Json<ListResponse<DeadlineRuleResponse>>, ApiError> {
    let mut check = QueryCheck::default();
    let history = check
        .optional("history", params.history.as_deref(), |t| match t {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err("must be true or false"),
        })
        .unwrap_or(false);
    check.finish()?;
    let versions = context.run(move |c, _| deadline_rules::list(c, history)).await?;
    Ok(web::Json(ListResponse::complete(versions.into_iter().map(Into::into).collect())))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplaceRuleRequest {
    acceptance: PeriodBody,
    #[serde(default)]
    acceptance_extended: Option<PeriodBody>,
    #[serde(default)]
    forwarding: Option<PeriodBody>,
    resolution: ResolutionBody,
    /// Required: null says the rule allows no extension; left out, the client forgot it.
    #[serde(deserialize_with = "required_nullable")]
    extension: Option<PeriodBody>,
    extensions_allowed: ExtensionsAllowed,
    source: String,
}

fn period(field: &str, length: u32, unit: &str) -> Result<Period, ApiError> {
    Period::from_parts(length, unit)
        .ok_or_else(|| ApiError::validation(format!("{field}.unit"), "must be days or working_days"))
}

/// Replaces the rule in force for a kind and round; the previous version stays in the history.
pub async fn replace_deadline_rule(
    context: web::Data<Context>,
    signed_in: SignedIn,
    path: web::Path<(String, String)>,
    body: JsonBody<ReplaceRuleRequest>,
) -> Result<web::Json<DeadlineRuleResponse>, ApiError> {
    signed_in.may(&Action::ManageReferenceData)?;
    let (kind, round) = path.into_inner();
    let not_found = || ApiError::NotFound(format!("no deadline rule is kept for {kind:?}/{round:?}"));
    let kind: PetitionKind = kind.parse().map_err(|_| not_found())?;
    let round: Round = round.parse().map_err(|_| not_found())?;
    let b = body.0;
    let r = &b.resolution;
    let rule = DeadlineRule {
        kind,
        round,
        acceptance: period("acceptance", b.acceptance.length, &b.acceptance.unit)?,
        acceptance_extended: b
            .acceptance_extended
            .as_ref()
            .map(|e| period("acceptance_extended", e.length, &e.unit))
            .transpose()?,
        forwarding: b.forwarding.as_ref().map(|f| period("forwarding", f.length, &f.unit)).transpose()?,
        resolution: period("resolution", r.normal, &r.unit)?,
        resolution_complex: period("resolution", r.complex, &r.unit)?,
        resolution_remote: period("resolution", r.remote, &r.unit)?,
        resolution_remote_complex: period("resolution", r.remote_complex, &r.unit)?,
        extension: b.extension.as_ref().map(|e| period("extension", e.length, &e.unit)).transpose()?,
        extensions_allowed: [
            b.extensions_allowed.normal,
            b.extensions_allowed.complex,
            b.extensions_allowed.especially_complex,
        ],
        source: b.source.trim().to_string(),
    };
    let (admin, now) = (signed_in.actor().user_id.clone(), context.now());
    let version = context.run_changing_reference(move |c, _| deadline_rules::replace(c, &admin, rule, now)).await?;
    Ok(web::Json(version.into()))
}
