//! The public lists of petitions: every public petition, newest first, and those still waiting
//! for an answer, the longest wait first — filtered, a page at a time, redacted by the caller to
//! what anyone may know. A page's [`ListStamp`] lets the caller send again what it rendered
//! (`public_pages`) while the page's petitions, their versions, the total and the day are those
//! it was rendered from — and, for a second after that was checked, without checking it again.

use std::time::Duration;

use chrono::NaiveDate;

use super::{FIRST_DAY, LAST_DAY, check_day};
use crate::db::DbConnection;
use crate::db::petitions::{self, PetitionFilter, PetitionOrder, PetitionScope};
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::category::CategoryCode;
use crate::domain::ids::{AgencyId, PetitionId};
use crate::domain::pagination::{Cursor, PageSize};
use crate::domain::petition::{Petition, PetitionKind, PetitionStatus};
use crate::domain::time::vietnam_days;
use crate::service::page::Page;
use crate::service::petitions::public_pages::PageStamp;
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

/// How many pages of the public lists a process keeps: a page holds up to 100 petitions, some
/// 100 KB, so a client asking for every filter in turn grows the process by 20 MB at most.
const MOST_LISTS: usize = 200;

/// Which page of which list: the filter (whose order names the list), where the page starts and
/// how many it holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListPage {
    filter: PetitionFilter,
    cursor: Option<Cursor>,
    size: PageSize,
}

/// What a page of a public list is made of now: its petitions at their versions (and the first of
/// the next page, which decides the cursor), the total counted for its filter, and the day a
/// petition's `overdue` is counted from.
#[derive(Debug, Clone, PartialEq)]
pub struct ListStamp {
    page: ListPage,
    rows: Vec<(PetitionId, i32)>,
    total: i64,
    pub today: NaiveDate,
}

impl PageStamp for ListStamp {
    type Key = ListPage;
    const MOST: usize = MOST_LISTS;
    // The stamp reads a page's rows (and, for a narrow filter, the rows it passes over): when
    // readers crowd a list, one of them a second reads it, and a change shows a second later at
    // most. The total is kept far longer (`total`).
    const SENT_UNCHECKED_FOR: Duration = Duration::from_secs(1);

    fn key(&self) -> ListPage {
        self.page.clone()
    }
}

/// The two public lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicList {
    /// Every public petition, newest first.
    Newest,
    /// The public petitions still waiting on their agency, the earliest received first.
    Awaiting,
}

/// Which page of `list` the `query` asks for: its filter checked, its units found.
pub fn list_page(
    connection: &mut DbConnection,
    context: &Context,
    query: &PublicQuery,
    list: PublicList,
) -> ServiceResult<ListPage> {
    let order = match list {
        PublicList::Newest => PetitionOrder::Filed,
        PublicList::Awaiting => PetitionOrder::LongestWaiting,
    };
    if list == PublicList::Awaiting && query.status.is_some_and(|status| !status.is_open()) {
        return Err(ServiceError::invalid("status", "must be a status that still waits for an answer"));
    }
    let filter = filter(connection, context, query, order)?;
    if let Some(cursor) = &query.cursor {
        queues::page_start(&cursor.0, order)?;
    }
    Ok(ListPage { filter, cursor: query.cursor.clone(), size: query.size })
}

/// What `page` is made of now. One statement reads its petitions' ids and versions.
pub fn stamp(connection: &mut DbConnection, context: &Context, page: ListPage) -> ServiceResult<ListStamp> {
    let after = match &page.cursor {
        Some(cursor) => Some(queues::page_start(&cursor.0, page.filter.order)?),
        None => None,
    };
    let rows = petitions::page_versions(connection, &page.filter, after, page.size.get() + 1)?;
    let total = total(connection, context, &page.filter)?;
    Ok(ListStamp { page, rows, total, today: context.today() })
}

/// The page `stamp` was read for, its petitions as they are now and the stamp's total.
pub fn page(connection: &mut DbConnection, stamp: &ListStamp) -> ServiceResult<Page<Petition>> {
    let ListPage { filter, cursor, size } = &stamp.page;
    queues::page_counted_by(connection, filter, *size, cursor.as_ref(), |_| Ok(stamp.total))
}

/// The total of the filter as counted at most `public_stats_max_age` ago (`recently_computed`):
/// counting every match for every reader would make the page slower as the petitions grow.
fn total(connection: &mut DbConnection, context: &Context, filter: &PetitionFilter) -> ServiceResult<i64> {
    let (today, max_age) = (context.today(), context.settings.public_stats_max_age);
    context.public_list_totals.get_or_compute(filter, today, max_age, || Ok(petitions::count(connection, filter)?))
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
