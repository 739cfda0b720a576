//! Listing and looking up administrative units, as they stood on any date.

use chrono::NaiveDate;

use crate::db::DbConnection;
use crate::db::admin_units::{self, AdminUnitFilter, AdminUnitKey};
use crate::domain::admin_unit::{AdminLevel, AdminUnit, AdminUnitCode, UnitArea, UnitPath};
use crate::domain::pagination::{Cursor, PageSize};
use crate::service::page::Page;
use crate::service::{ServiceError, ServiceResult};

/// A listing request, already validated by the caller.
#[derive(Debug, Clone)]
pub struct AdminUnitQuery {
    pub level: Option<AdminLevel>,
    pub parent: Option<AdminUnitCode>,
    pub valid_on: Option<NaiveDate>,
    pub size: PageSize,
    pub cursor: Option<Cursor>,
}

pub fn list(connection: &mut DbConnection, query: &AdminUnitQuery) -> ServiceResult<Page<AdminUnit>> {
    let filter = AdminUnitFilter {
        level: query.level.map(|level| level.as_str().to_string()),
        parent_code: query.parent.as_ref().map(|code| code.as_str().to_string()),
        valid_on: query.valid_on,
    };
    let after = query.cursor.as_ref().map(decode_key).transpose()?;
    let rows = admin_units::list(connection, &filter, after.as_ref(), query.size.get() + 1)?;
    let total = admin_units::count(connection, &filter)?;
    Ok(Page::from_rows(rows, query.size, total, |unit| format!("{}|{}", unit.code, unit.id)))
}

fn decode_key(cursor: &Cursor) -> ServiceResult<AdminUnitKey> {
    match cursor.0.split_once('|') {
        Some((code, id)) => Ok(AdminUnitKey { code: code.to_string(), id: id.to_string() }),
        None => Err(ServiceError::invalid("cursor", "is not a cursor this API gave out")),
    }
}

/// One version of a unit with where it came from and what replaced it.
#[derive(Debug, Clone)]
pub struct AdminUnitDetail {
    pub unit: AdminUnit,
    pub successor_codes: Vec<AdminUnitCode>,
    pub predecessors: Vec<AdminUnit>,
}

/// The version of `code` valid on `on`, or when no date is given the newest version.
pub fn find(
    connection: &mut DbConnection,
    code: &AdminUnitCode,
    on: Option<NaiveDate>,
) -> ServiceResult<AdminUnitDetail> {
    let not_found = || match on {
        Some(day) => ServiceError::NotFound(format!("no administrative unit {code} was valid on {day}")),
        None => ServiceError::NotFound(format!("no administrative unit has the code {code}")),
    };
    let unit = match on {
        Some(day) => admin_units::find_valid_on(connection, code.as_str(), day)?,
        None => admin_units::versions_of(connection, code.as_str())?.into_iter().last(),
    }
    .ok_or_else(not_found)?;
    let successor_codes = admin_units::successor_codes(connection, &unit.id)?;
    // A unit valid since records began has no recorded predecessors; the units that name its
    // (possibly reused) code as successor are its partners in a later merger, not its origin.
    let predecessors = match unit.valid_from() {
        Some(valid_from) => admin_units::predecessors(connection, unit.code.as_str(), valid_from)?
            .into_iter()
            .filter(|predecessor| predecessor.id != unit.id)
            .collect(),
        None => Vec::new(),
    };
    Ok(AdminUnitDetail { unit, successor_codes, predecessors })
}

/// The path of `code`'s unit, or the unit alone when pakn knows no version of it: a scope or a
/// filter matched against it then matches that code and nothing above it.
pub fn path_or_unit(connection: &mut DbConnection, code: &str, day: NaiveDate) -> ServiceResult<UnitPath> {
    Ok(path_of(connection, code, day)?.unwrap_or_else(|| UnitPath::from_codes([code])))
}

/// What a filter by `code` covers: its path, alone or with the units under it.
pub fn area_of(connection: &mut DbConnection, code: &str, day: NaiveDate) -> ServiceResult<UnitArea> {
    let path = path_or_unit(connection, code, day)?;
    Ok(UnitArea::of(path, admin_units::has_units_under(connection, code)?))
}

/// The codes from the root down to `code`, as a path ("46/19753/"): each unit as it stood on
/// `day`, or its newest version when it was not in force then. None when the code is unknown.
/// Petitions keep this path so that a monitor's scope is a prefix match.
pub fn path_of(connection: &mut DbConnection, code: &str, day: NaiveDate) -> ServiceResult<Option<UnitPath>> {
    path_through(code, day, |code| Ok(admin_units::versions_of(connection, code)?))
}

/// [`path_of`] over any source of a code's versions, oldest first: the database, or the
/// reference data a process keeps in memory (`cache::ReferenceCache::unit_path_on`).
pub fn path_through(
    code: &str,
    day: NaiveDate,
    mut versions_of: impl FnMut(&str) -> ServiceResult<Vec<AdminUnit>>,
) -> ServiceResult<Option<UnitPath>> {
    let mut version_of = |code: &str| -> ServiceResult<Option<AdminUnit>> {
        let mut versions = versions_of(code)?;
        Ok(match versions.iter().position(|unit| unit.validity.contains(day)) {
            Some(valid) => Some(versions.swap_remove(valid)),
            None => versions.pop(),
        })
    };
    let Some(unit) = version_of(code)? else { return Ok(None) };
    let mut codes = vec![unit.code];
    let mut parent = unit.parent_code;
    while let Some(parent_code) = parent.take() {
        if codes.len() > 8 || codes.contains(&parent_code) {
            break; // a malformed hierarchy must not loop
        }
        parent = version_of(parent_code.as_str())?.and_then(|p| p.parent_code);
        codes.push(parent_code);
    }
    Ok(Some(UnitPath::from_codes(codes.iter().rev().map(AdminUnitCode::as_str))))
}
