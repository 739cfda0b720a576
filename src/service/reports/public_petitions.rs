//! The public lists of petitions: every public petition, newest first, and those still waiting
//! for an answer, the longest wait first — filtered, a page at a time, redacted by the caller to
//! what anyone may know.

use chrono::NaiveDate;

use super::{FIRST_DAY, LAST_DAY, check_day};
use crate::db::DbConnection;
use crate::db::petitions::{self, PetitionFilter, PetitionOrder, PetitionScope};
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::category::CategoryCode;
use crate::domain::ids::AgencyId;
use crate::domain::pagination::{Cursor, PageSize};
use crate::domain::petition::{Petition, PetitionKind, PetitionStatus};
use crate::domain::time::vietnam_days;
use crate::service::page::Page;
use crate::service::petitions::queues;
use crate::service::{Context, ServiceError, ServiceResult};

#[derive(Debug, Clone, Default)]
pub struct PublicQuery {
    pub kind: Option<PetitionKind>,
    pub category: Option<CategoryCode>,
    pub admin_unit: Option<AdminUnitCode>,
    pub agency: Option<AgencyId>,
    pub status: Option<PetitionStatus>,
    /// Received on or after this day (in Vietnam).
    pub from: Option<NaiveDate>,
    /// Received on or before this day.
    pub to: Option<NaiveDate>,
    pub size: PageSize,
    pub cursor: Option<Cursor>,
}

/// Every public petition the query matches, newest first.
pub fn list(connection: &mut DbConnection, context: &Context, query: &PublicQuery) -> ServiceResult<Page<Petition>> {
    let filter = filter(connection, context, query, PetitionOrder::Filed)?;
    page_of(connection, context, &filter, query)
}

/// The public petitions still waiting on their agency, the earliest received first.
pub fn awaiting(
    connection: &mut DbConnection,
    context: &Context,
    query: &PublicQuery,
) -> ServiceResult<Page<Petition>> {
    if query.status.is_some_and(|status| !status.is_open()) {
        return Err(ServiceError::invalid("status", "must be a status that still waits for an answer"));
    }
    let filter = filter(connection, context, query, PetitionOrder::LongestWaiting)?;
    page_of(connection, context, &filter, query)
}

/// The page's petitions as they are now, and the total as counted at most
/// `public_stats_max_age` ago (`recently_computed`): counting every match for every reader
/// would make the page slower as the petitions grow.
fn page_of(
    connection: &mut DbConnection,
    context: &Context,
    filter: &PetitionFilter,
    query: &PublicQuery,
) -> ServiceResult<Page<Petition>> {
    let (today, max_age) = (context.today(), context.settings.public_stats_max_age);
    queues::page_counted_by(connection, filter, query.size, query.cursor.as_ref(), |c| {
        context.public_list_totals.get_or_compute(filter, today, max_age, || Ok(petitions::count(c, filter)?))
    })
}

fn filter(
    connection: &mut DbConnection,
    context: &Context,
    query: &PublicQuery,
    order: PetitionOrder,
) -> ServiceResult<PetitionFilter> {
    check_day("from", query.from)?;
    check_day("to", query.to)?;
    if let (Some(from), Some(to)) = (query.from, query.to)
        && from > to
    {
        return Err(ServiceError::invalid("to", "must not be before from"));
    }
    let units = match &query.admin_unit {
        Some(unit) => Some(context.reference.unit_area_on(connection, unit, context.today())?),
        None => None,
    };
    let received = (query.from.is_some() || query.to.is_some())
        .then(|| vietnam_days(query.from.unwrap_or(FIRST_DAY), query.to.unwrap_or(LAST_DAY)));
    let mut filter = PetitionFilter::new(PetitionScope::Public);
    filter.kind = query.kind;
    filter.category = query.category.clone();
    filter.units = units;
    filter.agency_id = query.agency.clone();
    filter.status = query.status;
    filter.received = received;
    filter.order = order;
    Ok(filter)
}
