//! The public statistics: figures of the public petitions received in a period, in total, per
//! agency and per category, counted by the database; an agency's or category's rates only once it
//! received enough petitions to mean something.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::check_day;
use crate::db::reports::statistics::{self as queries, Grouping, StatisticsFilter};
use crate::db::{DbConnection, agencies, categories};
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::agency::Agency;
use crate::domain::category::Category;
use crate::domain::ids::AgencyId;
use crate::domain::reports::statistics::{Counts, Figures, ReasonCount};
use crate::domain::time::vietnam_days;
use crate::service::petitions::queues;
use crate::service::{Context, ServiceError, ServiceResult};

/// The longest period one request may cover.
pub const MAX_DAYS: i64 = 3_660;

#[derive(Debug, Clone)]
pub struct StatisticsQuery {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub admin_unit: Option<AdminUnitCode>,
    pub agency: Option<AgencyId>,
}

#[derive(Debug, Clone)]
pub struct Statistics {
    pub query: StatisticsQuery,
    /// Below this many petitions received, a group's rates are withheld.
    pub minimum_received: i64,
    pub total: Figures,
    /// Agencies handling the petitions now; None for petitions no agency holds.
    pub by_agency: Vec<(Option<Agency>, Figures)>,
    pub by_category: Vec<(Category, Figures)>,
}

pub fn public(connection: &mut DbConnection, context: &Context, query: StatisticsQuery) -> ServiceResult<Statistics> {
    check_day("from", Some(query.from))?;
    check_day("to", Some(query.to))?;
    if query.from > query.to {
        return Err(ServiceError::invalid("to", "must not be before from"));
    }
    if (query.to - query.from).num_days() >= MAX_DAYS {
        return Err(ServiceError::invalid("from", format!("must be less than {MAX_DAYS} days before to")));
    }
    let today = context.today();
    let unit = match &query.admin_unit {
        Some(code) => Some(queues::unit_path(connection, code, today)?),
        None => None,
    };
    let (received_from, received_before) = vietnam_days(query.from, query.to);
    let filter = StatisticsFilter {
        received_from,
        received_before,
        unit,
        agency: query.agency.clone(),
        now: context.now(),
        today,
    };
    let minimum = context.settings.public_stats_minimum;
    // The total's rates are always published; a group's only above the minimum.
    let mut grouped = |grouping| {
        let minimum = if grouping == Grouping::Total { 0 } else { minimum };
        figures_by_group(connection, &filter, grouping, minimum)
    };
    let total = grouped(Grouping::Total)?
        .pop()
        .map_or_else(|| Figures::of(Counts::default(), vec![], &[], minimum), |(_, f)| f);
    let per_agency = grouped(Grouping::Agency)?;
    let per_category = grouped(Grouping::Category)?;
    let mut by_agency = Vec::with_capacity(per_agency.len());
    for (key, figures) in per_agency {
        let agency = match key {
            Some(id) => agencies::find(connection, &AgencyId::from_stored(id))?,
            None => None,
        };
        by_agency.push((agency, figures));
    }
    let categories: BTreeMap<String, Category> =
        categories::list(connection, true)?.into_iter().map(|c| (c.code.to_string(), c)).collect();
    let by_category =
        per_category.into_iter().filter_map(|(key, figures)| Some((categories.get(&key?)?.clone(), figures))).collect();
    Ok(Statistics { query, minimum_received: minimum, total, by_agency, by_category })
}

/// Each group's figures, from three grouped queries (counts, refusals, days to resolve).
fn figures_by_group(
    connection: &mut DbConnection,
    filter: &StatisticsFilter,
    grouping: Grouping,
    minimum: i64,
) -> ServiceResult<Vec<(Option<String>, Figures)>> {
    let counts = queries::counts(connection, filter, grouping)?;
    let mut refusals: BTreeMap<Option<String>, Vec<ReasonCount>> = BTreeMap::new();
    for (key, reason, count) in queries::refusals(connection, filter, grouping)? {
        let reason = reason
            .parse()
            .map_err(|_| ServiceError::Internal(anyhow::anyhow!("petitions.refusal_reason holds {reason:?}")))?;
        refusals.entry(key).or_default().push(ReasonCount { reason, count });
    }
    let mut days: BTreeMap<Option<String>, Vec<(i32, i64)>> = BTreeMap::new();
    for (key, d, n) in queries::days_to_resolve(connection, filter, grouping)? {
        days.entry(key).or_default().push((d, n));
    }
    Ok(counts
        .into_iter()
        .map(|(key, counts)| {
            let figures = Figures::of(
                counts,
                refusals.remove(&key).unwrap_or_default(),
                days.get(&key).map_or(&[][..], Vec::as_slice),
                minimum,
            );
            (key, figures)
        })
        .collect())
}
