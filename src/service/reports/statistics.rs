//! The public statistics: figures of the public petitions received in a period, in total, per
//! agency and per category, counted by the database in one grouped pass and folded here; an agency's or category's rates only once it
//! received enough petitions to mean something.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::check_day;
use crate::db::reports::statistics::{self as queries, CountedGroup, StatisticsFilter};
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

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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

/// The public statistics for `query`, as computed at most `public_stats_max_age` ago in this
/// process (`recently_computed`).
pub fn public(connection: &mut DbConnection, context: &Context, query: StatisticsQuery) -> ServiceResult<Statistics> {
    let (today, max_age) = (context.today(), context.settings.public_stats_max_age);
    context.public_statistics.get_or_compute(&query, today, max_age, || compute(connection, context, query.clone()))
}

/// The public statistics for `query` if this process computed them less than
/// `public_stats_max_age` ago: most readers' answer, with no connection taken.
pub fn kept_public(context: &Context, query: &StatisticsQuery) -> Option<Statistics> {
    context.public_statistics.fresh(query, context.today(), context.settings.public_stats_max_age)
}

fn compute(connection: &mut DbConnection, context: &Context, query: StatisticsQuery) -> ServiceResult<Statistics> {
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
    let groups = queries::counts(connection, &filter)?;
    // The total's rates are always published; a group's only above the minimum.
    let total = fold(&groups, |_| ())
        .pop()
        .map_or_else(|| Ok(Figures::of(Counts::default(), vec![], &[], minimum)), |(_, tally)| tally.figures(0))?;
    // The agencies are few (one lookup each), the petitions many.
    let mut by_agency = Vec::new();
    for (id, tally) in fold(&groups, |g| g.agency.clone()) {
        let agency = match id {
            Some(id) => agencies::find(connection, &AgencyId::from_stored(id))?,
            None => None,
        };
        by_agency.push((agency, tally.figures(minimum)?));
    }
    let categories: BTreeMap<String, Category> =
        categories::list(connection, true)?.into_iter().map(|c| (c.code.to_string(), c)).collect();
    let by_category = fold(&groups, |g| g.category.clone())
        .into_iter()
        .filter_map(|(code, tally)| Some((categories.get(&code)?.clone(), tally)))
        .map(|(category, tally)| Ok((category, tally.figures(minimum)?)))
        .collect::<ServiceResult<_>>()?;
    Ok(Statistics { query, minimum_received: minimum, total, by_agency, by_category })
}

/// What a group's petitions add up to: their counts, refusals by reason and days to resolve.
#[derive(Default)]
struct Tally {
    counts: Counts,
    refusals: BTreeMap<String, i64>,
    days: BTreeMap<i32, i64>,
}

impl Tally {
    fn add(&mut self, group: &CountedGroup) {
        let (into, from) = (&mut self.counts, &group.counts);
        into.received += from.received;
        into.accepted += from.accepted;
        into.refused += from.refused;
        into.resolved += from.resolved;
        into.resolved_on_time += from.resolved_on_time;
        into.resolved_late += from.resolved_late;
        into.open += from.open;
        into.overdue_now += from.overdue_now;
        for (age, n) in into.open_by_age.iter_mut().zip(from.open_by_age) {
            *age += n;
        }
        into.satisfied += from.satisfied;
        into.acceptable += from.acceptable;
        into.dissatisfied += from.dissatisfied;
        into.reopened += from.reopened;
        into.answered_ever += from.answered_ever;
        into.closures_checked += from.closures_checked;
        into.closures_contested += from.closures_contested;
        if let Some(reason) = &group.refusal_reason {
            *self.refusals.entry(reason.clone()).or_default() += from.received;
        }
        if let Some(days) = group.days_to_resolve {
            *self.days.entry(days).or_default() += from.received;
        }
    }

    /// The published figures; rates only at `minimum` petitions received or more.
    fn figures(self, minimum: i64) -> ServiceResult<Figures> {
        let refusals = self
            .refusals
            .into_iter()
            .map(|(reason, count)| {
                let reason = reason.parse().map_err(|_| {
                    ServiceError::Internal(anyhow::anyhow!("petitions.refusal_reason holds {reason:?}"))
                })?;
                Ok(ReasonCount { reason, count })
            })
            .collect::<ServiceResult<Vec<_>>>()?;
        let days: Vec<(i32, i64)> = self.days.into_iter().collect();
        Ok(Figures::of(self.counts, refusals, &days, minimum))
    }
}

/// The groups summed per value of `key`, in its order (None before the rest).
fn fold<K: Ord>(groups: &[CountedGroup], key: impl Fn(&CountedGroup) -> K) -> Vec<(K, Tally)> {
    let mut folded: BTreeMap<K, Tally> = BTreeMap::new();
    for group in groups {
        folded.entry(key(group)).or_default().add(group);
    }
    folded.into_iter().collect()
}
