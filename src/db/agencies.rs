//! Queries over agencies; rows become `Agency` here.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::decode::Columns;
use super::schema::agencies;
use super::{DbConnection, MultiBackend};
use crate::domain::agency::{Agency, AgencyKind};
use crate::domain::ids::AgencyId;
use crate::domain::validity::Validity;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = agencies)]
struct AgencyRow {
    pub id: String,
    pub code: String,
    pub name: String,
    pub name_en: Option<String>,
    pub kind: String,
    pub admin_unit_code: String,
    pub parent_id: Option<String>,
    pub head_title: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub successor_id: Option<String>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

const COLUMNS: Columns = Columns("agencies");

impl AgencyRow {
    fn into_agency(self) -> QueryResult<Agency> {
        Ok(Agency {
            code: COLUMNS.parse("code", &self.code)?,
            kind: COLUMNS.parse::<AgencyKind>("kind", &self.kind)?,
            admin_unit_code: COLUMNS.parse("admin_unit_code", &self.admin_unit_code)?,
            id: AgencyId::from_stored(self.id),
            name: self.name,
            name_en: self.name_en,
            parent_id: self.parent_id.map(AgencyId::from_stored),
            head_title: self.head_title,
            email: self.email,
            phone: self.phone,
            address: self.address,
            // Stored dates were checked in order when written; `new` would refuse a reversed pair.
            validity: Validity { from: self.valid_from, to: self.valid_to },
            successor_id: self.successor_id.map(AgencyId::from_stored),
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

fn agencies_of(rows: Vec<AgencyRow>) -> QueryResult<Vec<Agency>> {
    rows.into_iter().map(AgencyRow::into_agency).collect()
}

/// A new agency: its identity, and the fields an administrator may later change.
#[derive(Debug, Insertable)]
#[diesel(table_name = agencies)]
pub struct NewAgencyRow<'a> {
    pub id: &'a str,
    pub code: &'a str,
    pub created_at: NaiveDateTime,
    #[diesel(embed)]
    pub fields: AgencyChange<'a>,
}

#[derive(Debug, Clone, Default)]
pub struct AgencyFilter {
    pub kind: Option<String>,
    pub admin_unit_code: Option<String>,
    pub parent_id: Option<String>,
    pub valid_on: Option<NaiveDate>,
}

fn filtered(filter: &AgencyFilter) -> agencies::BoxedQuery<'static, MultiBackend> {
    let mut query = agencies::table.into_boxed();
    if let Some(kind) = &filter.kind {
        query = query.filter(agencies::kind.eq(kind.clone()));
    }
    if let Some(unit) = &filter.admin_unit_code {
        query = query.filter(agencies::admin_unit_code.eq(unit.clone()));
    }
    if let Some(parent) = &filter.parent_id {
        query = query.filter(agencies::parent_id.eq(parent.clone()));
    }
    if let Some(day) = filter.valid_on {
        query = query
            .filter(agencies::valid_from.is_null().or(agencies::valid_from.le(day)))
            .filter(agencies::valid_to.is_null().or(agencies::valid_to.ge(day)));
    }
    query
}

/// A page of agencies in code order, after the code a previous page ended on.
pub fn list(
    connection: &mut DbConnection,
    filter: &AgencyFilter,
    after_code: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<Agency>> {
    let mut query = filtered(filter);
    if let Some(code) = after_code {
        query = query.filter(agencies::code.gt(code.to_string()));
    }
    agencies_of(query.order(agencies::code.asc()).limit(limit).select(AgencyRow::as_select()).load(connection)?)
}

pub fn count(connection: &mut DbConnection, filter: &AgencyFilter) -> QueryResult<i64> {
    filtered(filter).count().get_result(connection)
}

pub fn find(connection: &mut DbConnection, id: &AgencyId) -> QueryResult<Option<Agency>> {
    let row = agencies::table.find(id.as_str()).select(AgencyRow::as_select()).get_result(connection).optional()?;
    row.map(AgencyRow::into_agency).transpose()
}

pub fn find_by_code(connection: &mut DbConnection, code: &str) -> QueryResult<Option<Agency>> {
    let row = agencies::table
        .filter(agencies::code.eq(code))
        .select(AgencyRow::as_select())
        .get_result(connection)
        .optional()?;
    row.map(AgencyRow::into_agency).transpose()
}

pub fn insert(connection: &mut DbConnection, row: &NewAgencyRow) -> QueryResult<usize> {
    diesel::insert_into(agencies::table).values(row).execute(connection)
}

pub fn set_successor(connection: &mut DbConnection, code: &str, successor_id: Option<&str>) -> QueryResult<usize> {
    diesel::update(agencies::table.filter(agencies::code.eq(code)))
        .set(agencies::successor_id.eq(successor_id))
        .execute(connection)
}

/// Every field an administrator may set, written at once (and, embedded, on insertion).
#[derive(Debug, Insertable, AsChangeset)]
#[diesel(table_name = agencies, treat_none_as_null = true)]
pub struct AgencyChange<'a> {
    pub name: &'a str,
    pub name_en: Option<&'a str>,
    pub kind: &'a str,
    pub admin_unit_code: &'a str,
    pub parent_id: Option<&'a str>,
    pub head_title: &'a str,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub address: Option<&'a str>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub successor_id: Option<&'a str>,
    pub updated_at: NaiveDateTime,
}

pub fn update(connection: &mut DbConnection, id: &AgencyId, change: &AgencyChange) -> QueryResult<usize> {
    diesel::update(agencies::table.find(id.as_str())).set(change).execute(connection)
}
