//! Queries over administrative units and the successions between them; rows become `AdminUnit`
//! here.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::decode::Columns;
use super::schema::{admin_unit_successors, admin_units};
use super::{DbConnection, MultiBackend};
use crate::domain::admin_unit::{AdminUnit, AdminUnitCode};
use crate::domain::ids::AdminUnitId;
use crate::domain::validity::Validity;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = admin_units)]
struct AdminUnitRow {
    pub id: String,
    pub code: String,
    pub name: String,
    pub level: String,
    pub unit_type: String,
    pub parent_code: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub source_note: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

const COLUMNS: Columns = Columns("admin_units");

impl AdminUnitRow {
    fn into_unit(self) -> QueryResult<AdminUnit> {
        Ok(AdminUnit {
            code: COLUMNS.parse("code", &self.code)?,
            level: COLUMNS.parse("level", &self.level)?,
            unit_type: COLUMNS.parse("unit_type", &self.unit_type)?,
            parent_code: COLUMNS.parse_optional("parent_code", self.parent_code.as_deref())?,
            id: AdminUnitId::from_stored(self.id),
            name: self.name,
            validity: Validity { from: self.valid_from, to: self.valid_to },
            source_note: self.source_note,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

fn units_of(rows: Vec<AdminUnitRow>) -> QueryResult<Vec<AdminUnit>> {
    rows.into_iter().map(AdminUnitRow::into_unit).collect()
}

#[derive(Debug, Insertable)]
#[diesel(table_name = admin_units)]
pub struct NewAdminUnitRow<'a> {
    pub id: &'a str,
    pub code: &'a str,
    pub name: &'a str,
    pub level: &'a str,
    pub unit_type: &'a str,
    pub parent_code: Option<&'a str>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub source_note: &'a str,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// Which units a listing wants; every field narrows it.
#[derive(Debug, Clone, Default)]
pub struct AdminUnitFilter {
    pub level: Option<String>,
    pub parent_code: Option<String>,
    pub valid_on: Option<NaiveDate>,
}

/// The key a page ends on: units are listed by code, then id (codes repeat across time).
#[derive(Debug, Clone)]
pub struct AdminUnitKey {
    pub code: String,
    pub id: String,
}

/// The units a filter selects, as a query the callers narrow, order or count.
fn filtered(filter: &AdminUnitFilter) -> admin_units::BoxedQuery<'static, MultiBackend> {
    let mut query = admin_units::table.into_boxed();
    if let Some(level) = &filter.level {
        query = query.filter(admin_units::level.eq(level.clone()));
    }
    if let Some(parent) = &filter.parent_code {
        query = query.filter(admin_units::parent_code.eq(parent.clone()));
    }
    if let Some(day) = filter.valid_on {
        query = query
            .filter(admin_units::valid_from.is_null().or(admin_units::valid_from.le(day)))
            .filter(admin_units::valid_to.is_null().or(admin_units::valid_to.ge(day)));
    }
    query
}

pub fn list(
    connection: &mut DbConnection,
    filter: &AdminUnitFilter,
    after: Option<&AdminUnitKey>,
    limit: i64,
) -> QueryResult<Vec<AdminUnit>> {
    let mut query = filtered(filter);
    if let Some(key) = after {
        query = query.filter(
            admin_units::code
                .gt(key.code.clone())
                .or(admin_units::code.eq(key.code.clone()).and(admin_units::id.gt(key.id.clone()))),
        );
    }
    units_of(
        query
            .order((admin_units::code.asc(), admin_units::id.asc()))
            .limit(limit)
            .select(AdminUnitRow::as_select())
            .load(connection)?,
    )
}

pub fn count(connection: &mut DbConnection, filter: &AdminUnitFilter) -> QueryResult<i64> {
    filtered(filter).count().get_result(connection)
}

/// Every version of a unit code, oldest first (a code can be reused by a successor).
pub fn versions_of(connection: &mut DbConnection, code: &str) -> QueryResult<Vec<AdminUnit>> {
    let mut versions = units_of(
        admin_units::table.filter(admin_units::code.eq(code)).select(AdminUnitRow::as_select()).load(connection)?,
    )?;
    // Sorted here: PostgreSQL puts NULLs last and SQLite first, and "since ever" comes first.
    versions.sort_by_key(AdminUnit::valid_from);
    Ok(versions)
}

/// Whether any unit, in any version, ever lay directly under `code`: only then can a petition's
/// path run below the unit's own.
pub fn has_units_under(connection: &mut DbConnection, code: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(admin_units::table.filter(admin_units::parent_code.eq(code))))
        .get_result(connection)
}

/// The version of a code valid on a day, if any.
pub fn find_valid_on(connection: &mut DbConnection, code: &str, day: NaiveDate) -> QueryResult<Option<AdminUnit>> {
    let filter = AdminUnitFilter { valid_on: Some(day), ..AdminUnitFilter::default() };
    let row = filtered(&filter)
        .filter(admin_units::code.eq(code))
        .select(AdminUnitRow::as_select())
        .get_result(connection)
        .optional()?;
    row.map(AdminUnitRow::into_unit).transpose()
}

/// The exact version a (code, valid_from) pair names, for imports that update in place.
pub fn find_version(
    connection: &mut DbConnection,
    code: &str,
    valid_from: Option<NaiveDate>,
) -> QueryResult<Option<AdminUnit>> {
    let query = admin_units::table.filter(admin_units::code.eq(code)).into_boxed();
    let query = match valid_from {
        Some(day) => query.filter(admin_units::valid_from.eq(day)),
        None => query.filter(admin_units::valid_from.is_null()),
    };
    query.select(AdminUnitRow::as_select()).get_result(connection).optional()?.map(AdminUnitRow::into_unit).transpose()
}

pub fn insert(connection: &mut DbConnection, row: &NewAdminUnitRow) -> QueryResult<usize> {
    diesel::insert_into(admin_units::table).values(row).execute(connection)
}

/// Overwrites every field but the id and the creation time.
pub fn update(connection: &mut DbConnection, id: &AdminUnitId, row: &NewAdminUnitRow) -> QueryResult<usize> {
    diesel::update(admin_units::table.find(id.as_str()))
        .set((
            admin_units::name.eq(row.name),
            admin_units::level.eq(row.level),
            admin_units::unit_type.eq(row.unit_type),
            admin_units::parent_code.eq(row.parent_code),
            admin_units::valid_to.eq(row.valid_to),
            admin_units::source_note.eq(row.source_note),
            admin_units::updated_at.eq(row.updated_at),
        ))
        .execute(connection)
}

/// The codes that replaced a unit version.
pub fn successor_codes(connection: &mut DbConnection, unit_id: &AdminUnitId) -> QueryResult<Vec<AdminUnitCode>> {
    let codes: Vec<String> = admin_unit_successors::table
        .filter(admin_unit_successors::unit_id.eq(unit_id.as_str()))
        .order(admin_unit_successors::successor_code.asc())
        .select(admin_unit_successors::successor_code)
        .load(connection)?;
    let columns = Columns("admin_unit_successors");
    codes.iter().map(|code| columns.parse("successor_code", code)).collect()
}

/// Replaces the successor list of a unit version.
pub fn set_successors(
    connection: &mut DbConnection,
    unit_id: &AdminUnitId,
    codes: &[AdminUnitCode],
) -> QueryResult<()> {
    diesel::delete(admin_unit_successors::table.filter(admin_unit_successors::unit_id.eq(unit_id.as_str())))
        .execute(connection)?;
    for code in codes {
        diesel::insert_into(admin_unit_successors::table)
            .values((
                admin_unit_successors::unit_id.eq(unit_id.as_str()),
                admin_unit_successors::successor_code.eq(code.as_str()),
            ))
            .execute(connection)?;
    }
    Ok(())
}

/// The unit versions that named `code` as their successor and ended before `valid_from`.
pub fn predecessors(connection: &mut DbConnection, code: &str, valid_from: NaiveDate) -> QueryResult<Vec<AdminUnit>> {
    let rows = admin_units::table
        .inner_join(admin_unit_successors::table)
        .filter(admin_unit_successors::successor_code.eq(code))
        .filter(admin_units::valid_to.lt(valid_from))
        .order(admin_units::code.asc())
        .select(AdminUnitRow::as_select())
        .load(connection)?;
    units_of(rows)
}
