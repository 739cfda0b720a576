//! Queries over petitions. Nothing here reads petitioner identities: they live in
//! `identities`, so no listing can carry one by accident.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::petitions;
use super::{DbConnection, MultiBackend};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = petitions)]
pub struct PetitionRow {
    pub id: String,
    pub tracking_code: String,
    pub kind: String,
    pub category_code: String,
    pub title: String,
    pub description: String,
    pub search_text: String,
    pub admin_unit_code: String,
    pub admin_unit_path: String,
    pub address: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub related_project: Option<String>,
    pub decision_reference: Option<String>,
    pub decision_date: Option<NaiveDate>,
    pub confidential: bool,
    pub language: String,
    pub channel: String,
    pub status: String,
    pub outcome: Option<String>,
    pub petitioner_id: Option<String>,
    pub filed_by_id: Option<String>,
    pub assigned_agency_id: Option<String>,
    pub received_at: NaiveDateTime,
    pub acceptance_due: Option<NaiveDate>,
    pub resolution_due: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = petitions)]
pub struct NewPetitionRow<'a> {
    pub id: &'a str,
    pub tracking_code: &'a str,
    pub kind: &'a str,
    pub category_code: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub search_text: &'a str,
    pub admin_unit_code: &'a str,
    pub admin_unit_path: &'a str,
    pub address: Option<&'a str>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub related_project: Option<&'a str>,
    pub decision_reference: Option<&'a str>,
    pub decision_date: Option<NaiveDate>,
    pub confidential: bool,
    pub language: &'a str,
    pub channel: &'a str,
    pub status: &'a str,
    pub petitioner_id: Option<&'a str>,
    pub filed_by_id: Option<&'a str>,
    pub assigned_agency_id: Option<&'a str>,
    pub received_at: NaiveDateTime,
    pub acceptance_due: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

pub fn insert(connection: &mut DbConnection, row: &NewPetitionRow) -> QueryResult<usize> {
    diesel::insert_into(petitions::table).values(row).execute(connection)
}

pub fn find(connection: &mut DbConnection, id: &str) -> QueryResult<Option<PetitionRow>> {
    petitions::table.find(id).select(PetitionRow::as_select()).first(connection).optional()
}

pub fn find_by_tracking_code(connection: &mut DbConnection, code: &str) -> QueryResult<Option<PetitionRow>> {
    petitions::table
        .filter(petitions::tracking_code.eq(code))
        .select(PetitionRow::as_select())
        .first(connection)
        .optional()
}

pub fn tracking_code_taken(connection: &mut DbConnection, code: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(petitions::table.filter(petitions::tracking_code.eq(code))))
        .get_result(connection)
}

/// Whose petitions a listing covers.
#[derive(Debug, Clone)]
pub enum PetitionScope {
    Petitioner(String),
    Agency(String),
    /// Units under this path prefix ("46/" or "46/19753/").
    UnitPath(String),
    All,
}

#[derive(Debug, Clone)]
pub struct PetitionFilter {
    pub scope: PetitionScope,
    /// Folded words, each of which must appear in the folded title or description.
    pub words: Vec<String>,
    pub status: Option<String>,
    pub kind: Option<String>,
}

fn filtered(filter: &PetitionFilter) -> petitions::BoxedQuery<'static, MultiBackend> {
    let mut query = petitions::table.into_boxed();
    query = match &filter.scope {
        PetitionScope::Petitioner(id) => query.filter(petitions::petitioner_id.eq(id.clone())),
        PetitionScope::Agency(id) => query.filter(petitions::assigned_agency_id.eq(id.clone())),
        PetitionScope::UnitPath(prefix) => query.filter(petitions::admin_unit_path.like(format!("{prefix}%"))),
        PetitionScope::All => query,
    };
    for word in &filter.words {
        // Words are folded to [a-z0-9] before they get here, so they hold no LIKE wildcards.
        query = query.filter(petitions::search_text.like(format!("%{word}%")));
    }
    if let Some(status) = &filter.status {
        query = query.filter(petitions::status.eq(status.clone()));
    }
    if let Some(kind) = &filter.kind {
        query = query.filter(petitions::kind.eq(kind.clone()));
    }
    query
}

/// A page, newest first, after the (created_at, id) a previous page ended on.
pub fn list(
    connection: &mut DbConnection,
    filter: &PetitionFilter,
    after: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<PetitionRow>> {
    let mut query = filtered(filter);
    if let Some((created_at, id)) = after {
        query = query.filter(
            petitions::created_at.lt(created_at).or(petitions::created_at.eq(created_at).and(petitions::id.lt(id))),
        );
    }
    query
        .order((petitions::created_at.desc(), petitions::id.desc()))
        .limit(limit)
        .select(PetitionRow::as_select())
        .load(connection)
}

pub fn count(connection: &mut DbConnection, filter: &PetitionFilter) -> QueryResult<i64> {
    filtered(filter).count().get_result(connection)
}

/// Changes the status if the petition is still at `version`; 0 rows means someone else changed it.
pub fn set_status(
    connection: &mut DbConnection,
    id: &str,
    version: i32,
    status: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(petitions::table.find(id).filter(petitions::version.eq(version)))
        .set((petitions::status.eq(status), petitions::version.eq(version + 1), petitions::updated_at.eq(now)))
        .execute(connection)
}
