//! Listings of petitions: queues by scope and filters, in filing or deadline order, a page at a
//! time, with text search on both backends.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Date, Text, Timestamp};

use super::{PetitionRow, petitions_of};
use crate::db::schema::petitions;
use crate::db::{DbConnection, MultiBackend};
use crate::domain::admin_unit::{UnitArea, UnitPath};
use crate::domain::category::CategoryCode;
use crate::domain::ids::{AgencyId, PetitionId, UserId};
use crate::domain::petition::{Petition, PetitionKind, PetitionStatus};
use crate::domain::reports::statistics::{PUBLIC_PETITIONS_SQL, open_statuses_sql};

/// Whose petitions a listing covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PetitionScope {
    Petitioner(UserId),
    Agency(AgencyId),
    /// An agency's queue as one of its officers sees it: without the denunciations of someone in
    /// the agency itself (only its head handles those), unless the head gave them one.
    AgencyOfficer {
        agency: AgencyId,
        officer: UserId,
    },
    /// A unit's petitions, and those of the units under it if any.
    Units(UnitArea),
    /// What anyone may list (`domain::reports::statistics::PUBLIC_PETITIONS_SQL`).
    Public,
    All,
}

/// The order of a listing. Both orders end on the id, so pages are stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PetitionOrder {
    /// Newest filing first.
    Filed,
    /// The running deadline soonest first; petitions with no deadline running are left out.
    Deadline,
    /// Still waiting on their agency, the longest-waiting (earliest received) first.
    LongestWaiting,
}

/// Where the previous page ended, in the listing's order.
#[derive(Debug, Clone)]
pub enum PageStart {
    Filed(NaiveDateTime, PetitionId),
    Deadline(NaiveDate, PetitionId),
    Waiting(NaiveDateTime, PetitionId),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PetitionFilter {
    pub scope: PetitionScope,
    /// Folded words, each of which must appear in the folded title or description.
    pub words: Vec<String>,
    pub status: Option<PetitionStatus>,
    pub kind: Option<PetitionKind>,
    pub category: Option<CategoryCode>,
    /// A unit's petitions (and its units'), within the scope.
    pub units: Option<UnitArea>,
    pub assignee_id: Option<UserId>,
    /// Only petitions whose running deadline passed before this day.
    pub overdue_on: Option<NaiveDate>,
    /// Only petitions whose running deadline is on or before this day.
    pub due_by: Option<NaiveDate>,
    /// Only those the agency handles now.
    pub agency_id: Option<AgencyId>,
    /// Only those received within [from, before).
    pub received: Option<(NaiveDateTime, NaiveDateTime)>,
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
            units: None,
            assignee_id: None,
            overdue_on: None,
            due_by: None,
            agency_id: None,
            received: None,
            order: PetitionOrder::Filed,
        }
    }
}

/// The paths under `prefix` ("46/19753/") as a range [prefix, next) that a plain B-tree index
/// serves on both backends, where `LIKE 'prefix%'` would not (collation, case folding). Paths
/// are ASCII digits and slashes, so "next" is the prefix with its last byte incremented.
pub fn subtree(prefix: &UnitPath) -> (String, String) {
    let prefix = prefix.as_str();
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

/// A unit alone is one path, which `petitions_unit_path` (path, created_at, id) keeps in filing
/// order, so its newest page is read straight off the index; a unit with units under it is a
/// range of paths, whose petitions must be sorted.
fn in_area(
    query: petitions::BoxedQuery<'static, MultiBackend>,
    area: &UnitArea,
) -> petitions::BoxedQuery<'static, MultiBackend> {
    match area {
        UnitArea::Alone(path) => query.filter(petitions::admin_unit_path.eq(path.as_str().to_string())),
        UnitArea::WithUnitsUnder(prefix) => {
            let (from, to) = subtree(prefix);
            query.filter(petitions::admin_unit_path.ge(from).and(petitions::admin_unit_path.lt(to)))
        }
    }
}

fn filtered(filter: &PetitionFilter, looked_up: &[bool]) -> petitions::BoxedQuery<'static, MultiBackend> {
    let mut query = petitions::table.into_boxed();
    query = match &filter.scope {
        PetitionScope::Petitioner(id) => query.filter(petitions::petitioner_id.eq(id.to_string())),
        PetitionScope::Agency(id) => query.filter(petitions::assigned_agency_id.eq(id.to_string())),
        PetitionScope::AgencyOfficer { agency, officer } => {
            query.filter(petitions::assigned_agency_id.eq(agency.to_string())).filter(
                petitions::denounced_agency_id
                    .is_null()
                    .or(petitions::denounced_agency_id.ne(agency.to_string()))
                    .or(petitions::assignee_id.eq(officer.to_string())),
            )
        }
        PetitionScope::Units(area) => in_area(query, area),
        PetitionScope::Public => query.filter(sql::<Bool>(PUBLIC_PETITIONS_SQL)),
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
    if let Some(status) = filter.status {
        query = query.filter(petitions::status.eq(status.as_str()));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(petitions::kind.eq(kind.as_str()));
    }
    if let Some(category) = &filter.category {
        query = query.filter(petitions::category_code.eq(category.to_string()));
    }
    if let Some(area) = &filter.units {
        query = in_area(query, area);
    }
    if let Some(assignee) = &filter.assignee_id {
        query = query.filter(petitions::assignee_id.eq(assignee.to_string()));
    }
    if let Some(day) = filter.overdue_on {
        query = query.filter(petitions::next_due.lt(day));
    }
    if let Some(day) = filter.due_by {
        query = query.filter(petitions::next_due.le(day));
    }
    if let Some(agency) = &filter.agency_id {
        query = query.filter(petitions::assigned_agency_id.eq(agency.to_string()));
    }
    if let Some((from, before)) = filter.received {
        query = query.filter(petitions::received_at.ge(from)).filter(petitions::received_at.lt(before));
    }
    match filter.order {
        PetitionOrder::Deadline => query = query.filter(petitions::next_due.is_not_null()),
        // Literal, so that SQLite matches it to the partial index `petitions_awaiting`.
        PetitionOrder::LongestWaiting => {
            query = query.filter(sql::<Bool>(&format!("petitions.status IN ({})", open_statuses_sql())));
        }
        PetitionOrder::Filed => {}
    }
    query
}

/// Up to `limit` petitions of the filter, in its order, after `after`.
pub fn page_rows(
    connection: &mut DbConnection,
    filter: &PetitionFilter,
    after: Option<PageStart>,
    limit: i64,
) -> QueryResult<Vec<Petition>> {
    let query = page_query(connection, filter, after)?;
    petitions_of(query.limit(limit).select(PetitionRow::as_select()).load(connection)?)
}

/// The ids and versions of what [`page_rows`] reads: a page as it stands, for a kept rendering
/// of it (`service::reports::public_petitions::stamp`) without decoding its rows.
pub fn page_versions(
    connection: &mut DbConnection,
    filter: &PetitionFilter,
    after: Option<PageStart>,
    limit: i64,
) -> QueryResult<Vec<(PetitionId, i32)>> {
    let query = page_query(connection, filter, after)?;
    let rows: Vec<(String, i32)> = query.limit(limit).select((petitions::id, petitions::version)).load(connection)?;
    Ok(rows.into_iter().map(|(id, version)| (PetitionId::from_stored(id), version)).collect())
}

/// The filter's petitions in its order, after `after`.
fn page_query(
    connection: &mut DbConnection,
    filter: &PetitionFilter,
    after: Option<PageStart>,
) -> QueryResult<petitions::BoxedQuery<'static, MultiBackend>> {
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
                    .bind::<Text, _>(id.to_string())
                    .sql(")"),
            );
        }
        Some(PageStart::Waiting(received_at, id)) => {
            query = query.filter(
                sql::<Bool>("(petitions.received_at, petitions.id) > (")
                    .bind::<Timestamp, _>(received_at)
                    .sql(", ")
                    .bind::<Text, _>(id.to_string())
                    .sql(")"),
            );
        }
        Some(PageStart::Deadline(due, id)) => {
            query = query.filter(
                sql::<Bool>("(petitions.next_due, petitions.id) > (")
                    .bind::<Date, _>(due)
                    .sql(", ")
                    .bind::<Text, _>(id.to_string())
                    .sql(")"),
            );
        }
        None => {}
    }
    Ok(match filter.order {
        PetitionOrder::Filed => query.order((petitions::created_at.desc(), petitions::id.desc())),
        PetitionOrder::Deadline => query.order((petitions::next_due.asc(), petitions::id.asc())),
        PetitionOrder::LongestWaiting => query.order((petitions::received_at.asc(), petitions::id.asc())),
    })
}

/// How many petitions the filter matches.
pub fn count(connection: &mut DbConnection, filter: &PetitionFilter) -> QueryResult<i64> {
    let looked_up = words_to_look_up(connection, &filter.words)?;
    filtered(filter, &looked_up).count().get_result(connection)
}

#[cfg(test)]
mod tests {
    use super::subtree;
    use crate::domain::admin_unit::UnitPath;

    #[test]
    fn a_subtree_is_the_range_of_paths_that_start_with_its_prefix() {
        let (from, to) = subtree(&UnitPath::from_codes(["46", "19753"]));
        assert_eq!((from.as_str(), to.as_str()), ("46/19753/", "46/197530"));
        for inside in ["46/19753/", "46/19753/00123/"] {
            assert!(inside >= from.as_str() && inside < to.as_str(), "{inside}");
        }
        for outside in ["46/19752/", "46/197531/", "46/19754/", "46/"] {
            assert!(!(outside >= from.as_str() && outside < to.as_str()), "{outside}");
        }
    }
}
