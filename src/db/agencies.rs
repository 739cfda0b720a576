//! Queries over agencies.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::agencies;
use super::{DbConnection, MultiBackend};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = agencies)]
pub struct AgencyRow {
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

impl AgencyRow {
    /// In force on `day`: begun (or undated) and not yet ended, as `AgencyFilter::valid_on` reads it.
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.valid_from.is_none_or(|from| from <= day) && self.valid_to.is_none_or(|to| to >= day)
    }
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
) -> QueryResult<Vec<AgencyRow>> {
    let mut query = filtered(filter);
    if let Some(code) = after_code {
        query = query.filter(agencies::code.gt(code.to_string()));
    }
    query.order(agencies::code.asc()).limit(limit).select(AgencyRow::as_select()).load(connection)
}

pub fn count(connection: &mut DbConnection, filter: &AgencyFilter) -> QueryResult<i64> {
    filtered(filter).count().get_result(connection)
}

pub fn find(connection: &mut DbConnection, id: &str) -> QueryResult<Option<AgencyRow>> {
    agencies::table.find(id).select(AgencyRow::as_select()).first(connection).optional()
}

pub fn find_by_code(connection: &mut DbConnection, code: &str) -> QueryResult<Option<AgencyRow>> {
    agencies::table.filter(agencies::code.eq(code)).select(AgencyRow::as_select()).first(connection).optional()
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

pub fn update(connection: &mut DbConnection, id: &str, change: &AgencyChange) -> QueryResult<usize> {
    diesel::update(agencies::table.find(id)).set(change).execute(connection)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agency(valid_from: Option<&str>, valid_to: Option<&str>) -> AgencyRow {
        let day = |text: Option<&str>| text.map(|t| t.parse::<NaiveDate>().expect("a date"));
        AgencyRow {
            id: "a".into(),
            code: "a".into(),
            name: "A".into(),
            name_en: None,
            kind: "department".into(),
            admin_unit_code: "46".into(),
            parent_id: None,
            head_title: "Giám đốc".into(),
            email: None,
            phone: None,
            address: None,
            valid_from: day(valid_from),
            valid_to: day(valid_to),
            successor_id: None,
            created_at: NaiveDateTime::default(),
            updated_at: NaiveDateTime::default(),
        }
    }

    #[test]
    fn an_agency_is_in_force_from_its_first_day_to_its_last() {
        let today: NaiveDate = "2026-11-26".parse().expect("a date");
        assert!(agency(None, None).in_force_on(today));
        assert!(agency(Some("2026-11-26"), Some("2026-11-26")).in_force_on(today));
        assert!(!agency(Some("2026-11-27"), None).in_force_on(today), "not begun");
        assert!(!agency(None, Some("2026-11-25")).in_force_on(today), "dissolved");
    }
}
