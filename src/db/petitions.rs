//! Queries over petitions. Nothing here reads petitioner identities: they live in
//! `identities`, so no listing can carry one by accident.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Date, Text, Timestamp};

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
    pub respondent_agency_id: Option<String>,
    pub denounced_agency_id: Option<String>,
    pub round: String,
    pub appeal_of_id: Option<String>,
    pub merged_into_id: Option<String>,
    pub assignee_id: Option<String>,
    pub complexity: Option<String>,
    pub remote_area: bool,
    pub accepted_at: Option<NaiveDateTime>,
    pub extensions_used: i32,
    pub refusal_reason: Option<String>,
    pub refusal_explanation: Option<String>,
    pub competent_agency_id: Option<String>,
    pub answer: Option<String>,
    pub answer_decision_number: Option<String>,
    pub answer_decision_date: Option<NaiveDate>,
    pub resolved_at: Option<NaiveDateTime>,
    pub days_to_resolve: Option<i32>,
    pub closed_at: Option<NaiveDateTime>,
    pub rating: Option<String>,
    pub rating_comment: Option<String>,
    pub next_due: Option<NaiveDate>,
    pub next_sweep_on: Option<NaiveDate>,
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
    pub respondent_agency_id: Option<&'a str>,
    pub denounced_agency_id: Option<&'a str>,
    pub round: &'a str,
    pub appeal_of_id: Option<&'a str>,
    pub next_due: Option<NaiveDate>,
    pub next_sweep_on: Option<NaiveDate>,
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

/// The order of a listing. Both orders end on the id, so pages are stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PetitionOrder {
    /// Newest filing first.
    Filed,
    /// The running deadline soonest first; petitions with no deadline running are left out.
    Deadline,
}

/// Where the previous page ended, in the listing's order.
#[derive(Debug, Clone)]
pub enum PageStart {
    Filed(NaiveDateTime, String),
    Deadline(NaiveDate, String),
}

#[derive(Debug, Clone)]
pub struct PetitionFilter {
    pub scope: PetitionScope,
    /// Folded words, each of which must appear in the folded title or description.
    pub words: Vec<String>,
    pub status: Option<String>,
    pub kind: Option<String>,
    pub category: Option<String>,
    /// Units under this path prefix, within the scope.
    pub unit_path: Option<String>,
    pub assignee_id: Option<String>,
    /// Only petitions whose running deadline passed before this day.
    pub overdue_on: Option<NaiveDate>,
    /// Only petitions whose running deadline is on or before this day.
    pub due_by: Option<NaiveDate>,
    pub order: PetitionOrder,
}

impl PetitionFilter {
    pub fn new(scope: PetitionScope) -> Self {
        PetitionFilter {
            scope,
            words: Vec::new(),
            status: None,
            kind: None,
            category: None,
            unit_path: None,
            assignee_id: None,
            overdue_on: None,
            due_by: None,
            order: PetitionOrder::Filed,
        }
    }
}

/// The paths under `prefix` ("46/19753/") as a range [prefix, next) that a plain B-tree index
/// serves on both backends, where `LIKE 'prefix%'` would not (collation, case folding). Paths
/// are ASCII digits and slashes, so "next" is the prefix with its last byte incremented.
fn subtree(prefix: &str) -> (String, String) {
    let mut next = prefix.to_string();
    if let Some(last) = next.pop() {
        next.push(char::from(last as u8 + 1));
    }
    (prefix.to_string(), next)
}

/// How many matches make a word too common for SQLite's trigram table: collecting that many ids
/// costs more than reading the scope's own rows.
const RARE_WORD_MATCHES: i64 = 1000;

/// For each searched word, whether SQLite's trigram table should answer it (see the migration):
/// only words of three letters or more that few petitions contain. PostgreSQL's planner makes
/// this choice itself between its trigram index and the scope's index, so there it is always no.
fn words_to_look_up(connection: &mut DbConnection, words: &[String]) -> QueryResult<Vec<bool>> {
    #[derive(QueryableByName)]
    struct Matches {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let DbConnection::Sqlite(sqlite) = connection else { return Ok(vec![false; words.len()]) };
    let mut answers = Vec::with_capacity(words.len());
    for word in words {
        let rare = word.len() >= 3 && {
            let probe = diesel::sql_query(
                "SELECT count(*) AS n FROM (SELECT 1 FROM petitions_search WHERE search_text LIKE ? LIMIT ?)",
            )
            .bind::<Text, _>(format!("%{word}%"))
            .bind::<diesel::sql_types::BigInt, _>(RARE_WORD_MATCHES + 1);
            probe.get_result::<Matches>(sqlite)?.n <= RARE_WORD_MATCHES
        };
        answers.push(rare);
    }
    Ok(answers)
}

fn filtered(filter: &PetitionFilter, looked_up: &[bool]) -> petitions::BoxedQuery<'static, MultiBackend> {
    let mut query = petitions::table.into_boxed();
    query = match &filter.scope {
        PetitionScope::Petitioner(id) => query.filter(petitions::petitioner_id.eq(id.clone())),
        PetitionScope::Agency(id) => query.filter(petitions::assigned_agency_id.eq(id.clone())),
        PetitionScope::UnitPath(prefix) => {
            let (from, to) = subtree(prefix);
            query.filter(petitions::admin_unit_path.ge(from).and(petitions::admin_unit_path.lt(to)))
        }
        PetitionScope::All => query,
    };
    for (word, look_up) in filter.words.iter().zip(looked_up.iter().chain(std::iter::repeat(&false))) {
        // Words are folded to [a-z0-9] before they get here, so they hold no LIKE wildcards.
        let pattern = format!("%{word}%");
        query = if *look_up {
            query.filter(
                sql::<Bool>("petitions.id IN (SELECT petition_id FROM petitions_search WHERE search_text LIKE ")
                    .bind::<Text, _>(pattern)
                    .sql(")"),
            )
        } else {
            query.filter(petitions::search_text.like(pattern))
        };
    }
    if let Some(status) = &filter.status {
        query = query.filter(petitions::status.eq(status.clone()));
    }
    if let Some(kind) = &filter.kind {
        query = query.filter(petitions::kind.eq(kind.clone()));
    }
    if let Some(category) = &filter.category {
        query = query.filter(petitions::category_code.eq(category.clone()));
    }
    if let Some(prefix) = &filter.unit_path {
        let (from, to) = subtree(prefix);
        query = query.filter(petitions::admin_unit_path.ge(from).and(petitions::admin_unit_path.lt(to)));
    }
    if let Some(assignee) = &filter.assignee_id {
        query = query.filter(petitions::assignee_id.eq(assignee.clone()));
    }
    if let Some(day) = filter.overdue_on {
        query = query.filter(petitions::next_due.lt(day));
    }
    if let Some(day) = filter.due_by {
        query = query.filter(petitions::next_due.le(day));
    }
    if filter.order == PetitionOrder::Deadline {
        query = query.filter(petitions::next_due.is_not_null());
    }
    query
}

/// A page in the filter's order, after where a previous page ended, and the total the filter
/// matches. Search words are probed once for both.
pub fn page(
    connection: &mut DbConnection,
    filter: &PetitionFilter,
    after: Option<PageStart>,
    limit: i64,
) -> QueryResult<(Vec<PetitionRow>, i64)> {
    let looked_up = words_to_look_up(connection, &filter.words)?;
    let mut query = filtered(filter, &looked_up);
    // Row values, not `a < x OR (a = x AND b < y)`: both backends take a row-value comparison as
    // a bound on the index, so a deep page costs what the first one does.
    match after {
        Some(PageStart::Filed(created_at, id)) => {
            query = query.filter(
                sql::<Bool>("(petitions.created_at, petitions.id) < (")
                    .bind::<Timestamp, _>(created_at)
                    .sql(", ")
                    .bind::<Text, _>(id)
                    .sql(")"),
            )
        }
        Some(PageStart::Deadline(due, id)) => {
            query = query.filter(
                sql::<Bool>("(petitions.next_due, petitions.id) > (")
                    .bind::<Date, _>(due)
                    .sql(", ")
                    .bind::<Text, _>(id)
                    .sql(")"),
            )
        }
        None => {}
    }
    query = match filter.order {
        PetitionOrder::Filed => query.order((petitions::created_at.desc(), petitions::id.desc())),
        PetitionOrder::Deadline => query.order((petitions::next_due.asc(), petitions::id.asc())),
    };
    let rows = query.limit(limit).select(PetitionRow::as_select()).load(connection)?;
    let total = filtered(filter, &looked_up).count().get_result(connection)?;
    Ok((rows, total))
}

/// A step of the workflow, as columns to change: a field left `None` is not touched;
/// `Some(None)` clears a nullable column.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = petitions)]
pub struct PetitionChange {
    pub status: Option<String>,
    pub outcome: Option<Option<String>>,
    pub assigned_agency_id: Option<Option<String>>,
    pub admin_unit_code: Option<String>,
    pub admin_unit_path: Option<String>,
    pub assignee_id: Option<Option<String>>,
    pub acceptance_due: Option<Option<NaiveDate>>,
    pub resolution_due: Option<Option<NaiveDate>>,
    pub complexity: Option<Option<String>>,
    pub remote_area: Option<bool>,
    pub accepted_at: Option<Option<NaiveDateTime>>,
    pub extensions_used: Option<i32>,
    pub refusal_reason: Option<Option<String>>,
    pub refusal_explanation: Option<Option<String>>,
    pub competent_agency_id: Option<Option<String>>,
    pub answer: Option<Option<String>>,
    pub answer_decision_number: Option<Option<String>>,
    pub answer_decision_date: Option<Option<NaiveDate>>,
    pub resolved_at: Option<Option<NaiveDateTime>>,
    pub days_to_resolve: Option<Option<i32>>,
    pub closed_at: Option<Option<NaiveDateTime>>,
    pub rating: Option<Option<String>>,
    pub rating_comment: Option<Option<String>>,
    pub merged_into_id: Option<Option<String>>,
    pub next_due: Option<Option<NaiveDate>>,
    pub next_sweep_on: Option<Option<NaiveDate>>,
}

/// Applies a change if the petition is still at `version`, and moves it to the next version.
/// 0 rows means someone else changed it first: no update is ever lost.
pub fn apply(
    connection: &mut DbConnection,
    id: &str,
    version: i32,
    change: &PetitionChange,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(petitions::table.find(id).filter(petitions::version.eq(version)))
        .set((change, petitions::version.eq(version + 1), petitions::updated_at.eq(now)))
        .execute(connection)
}

/// Petitions the deadline sweep has work for on `day`, a batch at a time.
pub fn due_for_sweep(connection: &mut DbConnection, day: NaiveDate, limit: i64) -> QueryResult<Vec<PetitionRow>> {
    petitions::table
        .filter(petitions::next_sweep_on.le(day))
        .order((petitions::next_sweep_on.asc(), petitions::id.asc()))
        .limit(limit)
        .select(PetitionRow::as_select())
        .load(connection)
}

/// The sweep claims its step: it moves `next_sweep_on` on only if nobody else (another sweeping
/// process, or a person acting on the petition) changed the petition since it was read.
pub fn claim_sweep_step(
    connection: &mut DbConnection,
    petition: &PetitionRow,
    next_sweep_on: Option<NaiveDate>,
) -> QueryResult<usize> {
    diesel::update(
        petitions::table
            .find(&petition.id)
            .filter(petitions::version.eq(petition.version))
            .filter(petitions::next_sweep_on.eq(petition.next_sweep_on)),
    )
    .set(petitions::next_sweep_on.eq(next_sweep_on))
    .execute(connection)
}

/// Petitions marked duplicates of this one: their petitioners follow it.
pub fn merged_into(connection: &mut DbConnection, id: &str) -> QueryResult<Vec<PetitionRow>> {
    petitions::table.filter(petitions::merged_into_id.eq(id)).select(PetitionRow::as_select()).load(connection)
}

/// The second-time complaint filed against this petition's resolution, if any.
pub fn appeal_of(connection: &mut DbConnection, id: &str) -> QueryResult<Option<PetitionRow>> {
    petitions::table
        .filter(petitions::appeal_of_id.eq(id))
        .select(PetitionRow::as_select())
        .first(connection)
        .optional()
}

/// Statuses in which a petition still waits on its agency.
pub const OPEN_STATUSES: [&str; 4] = ["received", "transferred", "accepted", "in_progress"];

/// The open petitions of an agency, a batch at a time (for moving them to a successor).
pub fn open_of_agency(connection: &mut DbConnection, agency_id: &str, limit: i64) -> QueryResult<Vec<PetitionRow>> {
    petitions::table
        .filter(petitions::assigned_agency_id.eq(agency_id))
        .filter(petitions::status.eq_any(OPEN_STATUSES))
        .order(petitions::id.asc())
        .limit(limit)
        .select(PetitionRow::as_select())
        .load(connection)
}

/// The open petitions filed in an administrative unit, a batch at a time (for moving them to the
/// unit that succeeded it).
pub fn open_in_unit(connection: &mut DbConnection, unit_code: &str, limit: i64) -> QueryResult<Vec<PetitionRow>> {
    petitions::table
        .filter(petitions::admin_unit_code.eq(unit_code))
        .filter(petitions::status.eq_any(OPEN_STATUSES))
        .order(petitions::id.asc())
        .limit(limit)
        .select(PetitionRow::as_select())
        .load(connection)
}

/// An agency's figures for its dashboard.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgencyFigures {
    pub by_status: Vec<(String, i64)>,
    pub overdue: i64,
    pub due_by: i64,
    pub resolved: i64,
    pub average_days_to_resolve: Option<f64>,
}

pub fn agency_figures(
    connection: &mut DbConnection,
    agency_id: &str,
    today: NaiveDate,
    due_by: NaiveDate,
) -> QueryResult<AgencyFigures> {
    use diesel::dsl::{count_star, sum};
    let of_agency = || petitions::table.filter(petitions::assigned_agency_id.eq(agency_id));
    let by_status: Vec<(String, i64)> = of_agency()
        .group_by(petitions::status)
        .select((petitions::status, count_star()))
        .order(petitions::status.asc())
        .load(connection)?;
    let overdue = of_agency().filter(petitions::next_due.lt(today)).count().get_result(connection)?;
    let due_soon = of_agency()
        .filter(petitions::next_due.ge(today))
        .filter(petitions::next_due.le(due_by))
        .count()
        .get_result(connection)?;
    // SUM of an INTEGER is BIGINT on PostgreSQL and NUMERIC-free; divided here, not in SQL.
    let (resolved, total_days): (i64, Option<i64>) = of_agency()
        .filter(petitions::days_to_resolve.is_not_null())
        .select((count_star(), sum(petitions::days_to_resolve)))
        .first(connection)?;
    Ok(AgencyFigures {
        by_status,
        overdue,
        due_by: due_soon,
        resolved,
        average_days_to_resolve: total_days.filter(|_| resolved > 0).map(|days| days as f64 / resolved as f64),
    })
}

#[cfg(test)]
mod tests {
    use super::subtree;

    #[test]
    fn a_subtree_is_the_range_of_paths_that_start_with_its_prefix() {
        let (from, to) = subtree("46/19753/");
        assert_eq!((from.as_str(), to.as_str()), ("46/19753/", "46/197530"));
        for inside in ["46/19753/", "46/19753/00123/"] {
            assert!(inside >= from.as_str() && inside < to.as_str(), "{inside}");
        }
        for outside in ["46/19752/", "46/197531/", "46/19754/", "46/"] {
            assert!(!(outside >= from.as_str() && outside < to.as_str()), "{outside}");
        }
    }
}
