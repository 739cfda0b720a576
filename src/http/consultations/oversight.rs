//! `GET /api/v1/oversight/consultations`: the published consultations of agencies in a monitor's
//! or inspector's scope (all for administrators), with how many days each synthesis is overdue and
//! how many findings each has.

use actix_web::web;
use serde::{Deserialize, Serialize};

use super::wire::ConsultationSummary;
use crate::error::ApiError;
use crate::http::extract::QueryCheck;
use crate::http::signed_in::SignedIn;
use crate::http::wire::ListResponse;
use crate::service::Context;
use crate::service::consultations::reading;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverseenParams {
    overdue: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct OverseenConsultation {
    #[serde(flatten)]
    summary: ConsultationSummary,
    /// Days past the day the synthesis was due; null when it is not overdue.
    synthesis_overdue_days: Option<i64>,
    /// How many findings monitors and inspectors recorded about it
    /// (`/api/v1/oversight/findings?consultation_id=`).
    findings: i64,
}

pub async fn list_overseen_consultations(
    context: web::Data<Context>,
    signed_in: SignedIn,
    params: web::Query<OverseenParams>,
) -> Result<web::Json<ListResponse<OverseenConsultation>>, ApiError> {
    let mut check = QueryCheck::default();
    let overdue = check.optional("overdue", params.overdue.as_deref(), |text| match text {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err("must be true or false"),
    });
    check.finish()?;
    let (actor, today) = (signed_in.actor().clone(), context.today());
    let listed = context.run(move |c, _| reading::overseen(c, &actor, overdue.unwrap_or(false), today)).await?;
    Ok(web::Json(ListResponse::complete(
        listed
            .into_iter()
            .map(|o| OverseenConsultation {
                summary: ConsultationSummary::of(&o.consultation, today),
                synthesis_overdue_days: o.synthesis_overdue_days,
                findings: o.findings,
            })
            .collect(),
    )))
}
