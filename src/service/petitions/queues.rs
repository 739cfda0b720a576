//! Listings of petitions by role — citizens their own, staff their agency's, monitors those in
//! their unit, administrators all — with filters, text search and two orders, a page at a time.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

use crate::db::DbConnection;
use crate::db::petitions::{self, PageStart, PetitionFilter, PetitionScope};
use crate::domain::account::Role;
use crate::domain::admin_unit::{AdminUnitCode, UnitPath};
use crate::domain::authorization::Actor;
use crate::domain::category::CategoryCode;
use crate::domain::ids::{PetitionId, UserId};
use crate::domain::pagination::{Cursor, PageSize};
use crate::domain::petition::{Petition, PetitionKind, PetitionStatus};
use crate::domain::search::fold;
use crate::service::page::Page;
use crate::service::reference::admin_units;
use crate::service::{ServiceError, ServiceResult};

pub use crate::db::petitions::PetitionOrder;

/// Who a queue is filtered to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssigneeFilter {
    Me,
    User(UserId),
}

#[derive(Debug, Clone)]
pub struct PetitionQuery {
    pub text: Option<String>,
    pub status: Option<PetitionStatus>,
    pub kind: Option<PetitionKind>,
    pub category: Option<CategoryCode>,
    pub admin_unit: Option<AdminUnitCode>,
    pub assignee: Option<AssigneeFilter>,
    pub overdue: bool,
    pub due_before: Option<NaiveDate>,
    pub order: PetitionOrder,
    /// Only the signed-in user's own petitions, whatever their role.
    pub mine_only: bool,
    pub size: PageSize,
    pub cursor: Option<Cursor>,
}

/// The path of a unit for filtering; a unit unknown today matches nothing rather than everything.
pub fn unit_path(connection: &mut DbConnection, unit: &AdminUnitCode, today: NaiveDate) -> ServiceResult<UnitPath> {
    admin_units::path_or_unit(connection, unit.as_str(), today)
}

/// Petitions the actor may see, in the query's order.
pub fn list(
    connection: &mut DbConnection,
    actor: &Actor,
    query: &PetitionQuery,
    today: NaiveDate,
) -> ServiceResult<Page<Petition>> {
    let own = || PetitionScope::Petitioner(actor.user_id.clone());
    let scope = match actor.role {
        _ if query.mine_only => own(),
        Role::Citizen => own(),
        Role::Head => match &actor.agency_id {
            Some(agency) => PetitionScope::Agency(agency.clone()),
            None => own(),
        },
        Role::Officer => match &actor.agency_id {
            Some(agency) => PetitionScope::AgencyOfficer { agency: agency.clone(), officer: actor.user_id.clone() },
            None => own(),
        },
        Role::Monitor | Role::Inspector => match &actor.scope_admin_unit {
            Some(unit) => PetitionScope::Units(admin_units::area_of(connection, unit.as_str(), today)?),
            None => own(),
        },
        Role::Admin => PetitionScope::All,
    };
    let words = query
        .text
        .as_deref()
        .map(fold)
        .unwrap_or_default()
        .split(' ')
        .filter(|w| !w.is_empty())
        .take(8)
        .map(String::from)
        .collect();
    let units = match &query.admin_unit {
        Some(unit) => Some(admin_units::area_of(connection, unit.as_str(), today)?),
        None => None,
    };
    let filter = PetitionFilter {
        scope,
        words,
        status: query.status,
        kind: query.kind,
        category: query.category.clone(),
        units,
        assignee_id: query.assignee.as_ref().map(|a| match a {
            AssigneeFilter::Me => actor.user_id.clone(),
            AssigneeFilter::User(id) => id.clone(),
        }),
        overdue_on: query.overdue.then_some(today),
        // "Due before" a day: the last day of the deadline falls before it.
        due_by: query.due_before.map(|day| day - TimeDelta::days(1)),
        agency_id: None,
        received: None,
        order: query.order,
    };
    page_of(connection, &filter, query.size, query.cursor.as_ref())
}

/// A page of the petitions `filter` matches, after where the page that gave out `cursor` ended.
pub fn page_of(
    connection: &mut DbConnection,
    filter: &PetitionFilter,
    size: PageSize,
    cursor: Option<&Cursor>,
) -> ServiceResult<Page<Petition>> {
    page_counted_by(connection, filter, size, cursor, |c| Ok(petitions::count(c, filter)?))
}

/// A page whose total comes from `count` (the public lists take one counted a moment ago).
pub fn page_counted_by(
    connection: &mut DbConnection,
    filter: &PetitionFilter,
    size: PageSize,
    cursor: Option<&Cursor>,
    count: impl FnOnce(&mut DbConnection) -> ServiceResult<i64>,
) -> ServiceResult<Page<Petition>> {
    let after = match cursor {
        Some(cursor) => Some(page_start(&cursor.0, filter.order)?),
        None => None,
    };
    let rows = petitions::page_rows(connection, filter, after, size.get() + 1)?;
    let total = count(connection)?;
    let instant = |at: NaiveDateTime| at.format("%Y-%m-%dT%H:%M:%S%.f").to_string();
    Ok(Page::from_rows(rows, size, total, |petition| match filter.order {
        PetitionOrder::Filed => format!("f|{}|{}", instant(petition.created_at), petition.id),
        PetitionOrder::Deadline => {
            let due = petition.clock.next_due.map(|d| d.to_string()).unwrap_or_default();
            format!("d|{due}|{}", petition.id)
        }
        PetitionOrder::LongestWaiting => format!("w|{}|{}", instant(petition.received_at), petition.id),
    }))
}

/// Reads back a cursor this API gave out for the same order.
pub fn page_start(cursor: &str, order: PetitionOrder) -> ServiceResult<PageStart> {
    let invalid = || ServiceError::invalid("cursor", "is not a cursor this API gave out for this sort");
    let mut parts = cursor.splitn(3, '|');
    let (Some(tag), Some(key), Some(id)) = (parts.next(), parts.next(), parts.next()) else { return Err(invalid()) };
    let id = PetitionId::parse(id).map_err(|_| invalid())?;
    match (tag, order) {
        ("f", PetitionOrder::Filed) => {
            Ok(PageStart::Filed(NaiveDateTime::parse_from_str(key, "%Y-%m-%dT%H:%M:%S%.f").map_err(|_| invalid())?, id))
        }
        ("d", PetitionOrder::Deadline) => Ok(PageStart::Deadline(key.parse::<NaiveDate>().map_err(|_| invalid())?, id)),
        ("w", PetitionOrder::LongestWaiting) => Ok(PageStart::Waiting(
            NaiveDateTime::parse_from_str(key, "%Y-%m-%dT%H:%M:%S%.f").map_err(|_| invalid())?,
            id,
        )),
        _ => Err(invalid()),
    }
}
