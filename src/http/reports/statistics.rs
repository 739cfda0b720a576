//! `GET /api/v1/public/stats` and its definitions: how the agencies perform on the public
//! petitions received in a period, in total, per agency and per category — for anyone.

use actix_web::web;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::agency::Agency;
use crate::domain::category::Category;
use crate::domain::ids::AgencyId;
use crate::domain::reports::definitions::{DEFINITIONS, Definition};
use crate::domain::reports::statistics::Figures;
use crate::error::ApiError;
use crate::http::extract::QueryCheck;
use crate::http::wire::ListResponse;
use crate::service::Context;
use crate::service::reports::statistics::{self, Statistics, StatisticsQuery};

/// Where each figure is defined.
const DEFINITIONS_PATH: &str = "/api/v1/public/stats/definitions";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatisticsParams {
    from: Option<String>,
    to: Option<String>,
    admin_unit: Option<String>,
    agency: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct StatisticsResponse {
    from: NaiveDate,
    to: NaiveDate,
    admin_unit: Option<AdminUnitCode>,
    agency_id: Option<AgencyId>,
    minimum_received: i64,
    definitions: &'static str,
    total: Figures,
    by_agency: Vec<AgencyFigures>,
    by_category: Vec<CategoryFigures>,
}

#[derive(Debug, Serialize)]
pub struct AgencyFigures {
    /// Null for petitions no agency holds now.
    agency: Option<AgencyNamed>,
    figures: Figures,
}

#[derive(Debug, Serialize)]
pub struct AgencyNamed {
    id: AgencyId,
    name: String,
}

#[derive(Debug, Serialize)]
pub struct CategoryFigures {
    category: CategoryNamed,
    figures: Figures,
}

#[derive(Debug, Serialize)]
pub struct CategoryNamed {
    code: String,
    name_vi: String,
    name_en: String,
}

impl From<Statistics> for StatisticsResponse {
    fn from(s: Statistics) -> Self {
        let named = |a: Agency| AgencyNamed { id: a.id, name: a.name };
        let category = |c: Category| CategoryNamed { code: c.code.to_string(), name_vi: c.name_vi, name_en: c.name_en };
        StatisticsResponse {
            from: s.query.from,
            to: s.query.to,
            admin_unit: s.query.admin_unit,
            agency_id: s.query.agency,
            minimum_received: s.minimum_received,
            definitions: DEFINITIONS_PATH,
            total: s.total,
            by_agency: s
                .by_agency
                .into_iter()
                .map(|(a, figures)| AgencyFigures { agency: a.map(named), figures })
                .collect(),
            by_category: s
                .by_category
                .into_iter()
                .map(|(c, figures)| CategoryFigures { category: category(c), figures })
                .collect(),
        }
    }
}

/// From the first of January to today unless a period is given.
pub async fn get_public_statistics(
    context: web::Data<Context>,
    params: web::Query<StatisticsParams>,
) -> Result<web::Json<StatisticsResponse>, ApiError> {
    let today = context.today();
    let mut check = QueryCheck::default();
    let from = check.date("from", params.from.as_deref());
    let to = check.date("to", params.to.as_deref());
    let admin_unit = check.optional("admin_unit", params.admin_unit.as_deref(), AdminUnitCode::parse);
    let agency =
        check.optional("agency", params.agency.as_deref(), |t| AgencyId::parse(t).map_err(|_| "is not an agency id"));
    check.finish()?;
    let to = to.unwrap_or(today);
    let from = from.or_else(|| NaiveDate::from_ymd_opt(to.year(), 1, 1)).unwrap_or(to);
    let query = StatisticsQuery { from, to, admin_unit, agency };
    let statistics = match statistics::kept_public(&context, &query) {
        Some(kept) => kept,
        // Not computed within the age allowed: a connection to compute them, or to wait for the
        // reader computing them.
        None => context.run(move |c, context| statistics::public(c, context, query)).await?,
    };
    Ok(web::Json(statistics.into()))
}

pub async fn list_statistics_definitions() -> web::Json<ListResponse<Definition>> {
    web::Json(ListResponse::complete(DEFINITIONS.to_vec()))
}
