//! The periodic report's queries: every petition received in the period (denunciations and
//! confidential ones included — the report holds counts, never a person), counted per breakdown
//! in one grouped pass; the supervision records of the period, per agency.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};

use super::{instant, quoted, within};
use crate::db::DbConnection;
use crate::domain::admin_unit::UnitPath;
use crate::domain::reports::periodic::{PetitionFigure, SupervisionFigure};
use crate::domain::reports::statistics::open_statuses_sql;

/// Which petitions and records: those of [from, before), under a unit when given.
#[derive(Debug, Clone)]
pub struct ReportFilter {
    pub from: NaiveDateTime,
    pub before: NaiveDateTime,
    pub unit: Option<UnitPath>,
    /// For what is overdue now.
    pub today: NaiveDate,
}

impl ReportFilter {
    fn received(&self) -> String {
        format!(
            " FROM petitions WHERE petitions.received_at >= {} AND petitions.received_at < {}{}",
            instant(self.from),
            instant(self.before),
            within(self.unit.as_ref())
        )
    }

    fn during(&self, column: &str) -> String {
        format!("{column} >= {} AND {column} < {}", instant(self.from), instant(self.before))
    }
}

/// A column petitions are counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Breakdown {
    Kind,
    Category,
    Channel,
    Unit,
    Agency,
    RefusalReason,
    Outcome,
    Rating,
}

impl Breakdown {
    fn column(self) -> &'static str {
        match self {
            Breakdown::Kind => "petitions.kind",
            Breakdown::Category => "petitions.category_code",
            Breakdown::Channel => "petitions.channel",
            Breakdown::Unit => "petitions.admin_unit_code",
            Breakdown::Agency => "petitions.assigned_agency_id",
            Breakdown::RefusalReason => "petitions.refusal_reason",
            Breakdown::Outcome => "petitions.outcome",
            Breakdown::Rating => "petitions.rating",
        }
    }
}

#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = Nullable<Text>)]
    key: Option<String>,
    #[diesel(sql_type = Text)]
    counts: String,
}

/// Reads the `|`-joined counts a query gives as one text column: the number of columns varies
/// with the table, and a row type per table would repeat every name the columns already have.
fn numbers(counts: &str, expected: usize) -> QueryResult<Vec<i64>> {
    let values: Result<Vec<i64>, _> = counts.split('|').map(str::parse).collect();
    match values {
        Ok(values) if values.len() == expected => Ok(values),
        _ => Err(diesel::result::Error::DeserializationError(format!("counts {counts:?}").into())),
    }
}

fn joined(sums: &[String]) -> String {
    let texts: Vec<String> = sums.iter().map(|sum| format!("CAST({sum} AS TEXT)")).collect();
    texts.join(" || '|' || ")
}

fn sum_when(condition: &str) -> String {
    format!("COALESCE(SUM(CASE WHEN {condition} THEN 1 ELSE 0 END), 0)")
}

/// Petitions received in the period per value of `by`, each with every `PetitionFigure`.
pub fn petitions_by(
    connection: &mut DbConnection,
    filter: &ReportFilter,
    by: Breakdown,
) -> QueryResult<Vec<(Option<String>, Vec<i64>)>> {
    let open = format!("petitions.status IN ({})", open_statuses_sql());
    // A suspended petition's clock has no deadline: open within it, never overdue.
    let overdue = format!(
        "{open} AND petitions.next_due IS NOT NULL AND petitions.next_due < {}",
        quoted(&filter.today.to_string())
    );
    let transferred = "EXISTS (SELECT 1 FROM events WHERE events.subject_type = 'petition' \
         AND events.subject_id = petitions.id AND events.kind = 'petition.transferred')";
    let sums: Vec<String> = PetitionFigure::ALL
        .iter()
        .map(|figure| match figure {
            PetitionFigure::Received => "COUNT(*)".to_string(),
            PetitionFigure::Accepted => sum_when("petitions.accepted_at IS NOT NULL"),
            PetitionFigure::Refused => sum_when("petitions.status = 'refused'"),
            PetitionFigure::Transferred => sum_when(transferred),
            PetitionFigure::Withdrawn => sum_when("petitions.status = 'withdrawn'"),
            PetitionFigure::Merged => sum_when("petitions.status = 'merged'"),
            PetitionFigure::Resolved => sum_when("petitions.resolved_at IS NOT NULL"),
            PetitionFigure::ResolvedOnTime => sum_when("petitions.resolved_on_time = TRUE"),
            PetitionFigure::ResolvedLate => sum_when("petitions.resolved_on_time = FALSE"),
            PetitionFigure::OpenWithinDeadline => sum_when(&format!("{open} AND NOT ({overdue})")),
            PetitionFigure::OpenOverdue => sum_when(&overdue),
        })
        .collect();
    let column = by.column();
    let sql = format!(
        "SELECT {column} AS key, {} AS counts{} GROUP BY {column} ORDER BY {column}",
        joined(&sums),
        filter.received()
    );
    let rows: Vec<Counted> = diesel::sql_query(sql).load(connection)?;
    rows.into_iter().map(|r| Ok((r.key, numbers(&r.counts, PetitionFigure::ALL.len())?))).collect()
}

/// Petitions received in the period per value of `by`, where it has one: a single count.
pub fn counted_by(
    connection: &mut DbConnection,
    filter: &ReportFilter,
    by: Breakdown,
) -> QueryResult<Vec<(String, i64)>> {
    let column = by.column();
    let sql = format!(
        "SELECT {column} AS key, CAST(COUNT(*) AS TEXT) AS counts{} AND {column} IS NOT NULL GROUP BY {column} ORDER BY {column}",
        filter.received()
    );
    let rows: Vec<Counted> = diesel::sql_query(sql).load(connection)?;
    rows.into_iter().filter_map(|r| Some((r.key?, r.counts))).map(|(k, n)| Ok((k, numbers(&n, 1)?[0]))).collect()
}

#[derive(QueryableByName)]
struct Number {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Complaints received in the period: first-time, second-time, and first-time ones appealed.
pub fn complaint_rounds(connection: &mut DbConnection, filter: &ReportFilter) -> QueryResult<[i64; 3]> {
    let appealed = "EXISTS (SELECT 1 FROM events WHERE events.subject_type = 'petition' \
         AND events.subject_id = petitions.id AND events.kind = 'petition.appealed')";
    let sums = [
        sum_when("petitions.round = 'first'"),
        sum_when("petitions.round = 'second'"),
        sum_when(&format!("petitions.round = 'first' AND {appealed}")),
    ];
    let sql = format!(
        "SELECT NULL AS key, {} AS counts{} AND petitions.kind = 'complaint'",
        joined(&sums),
        filter.received()
    );
    let row: Counted = diesel::sql_query(sql).get_result(connection)?;
    let n = numbers(&row.counts, 3)?;
    Ok([n[0], n[1], n[2]])
}

/// Identities unsealed in the period, of petitions under the unit: a count, never whose.
pub fn identities_unsealed(connection: &mut DbConnection, filter: &ReportFilter) -> QueryResult<i64> {
    let sql = format!(
        "SELECT COUNT(*) AS n FROM events JOIN petitions ON petitions.id = events.subject_id \
         WHERE events.kind = 'petition.identity_unsealed' AND {}{}",
        filter.during("events.occurred_at"),
        within(filter.unit.as_ref())
    );
    Ok(diesel::sql_query(sql).get_result::<Number>(connection)?.n)
}

/// The supervision records of the period per agency, in `SupervisionFigure`'s order: findings
/// recorded (from 0), recommendations issued and what became of them (from 1), closure verdicts
/// recorded (from 6).
pub fn supervision_by_agency(
    connection: &mut DbConnection,
    filter: &ReportFilter,
) -> QueryResult<BTreeMap<String, Vec<i64>>> {
    let recommendations = [
        "COUNT(*)".to_string(),
        sum_when("recommendations.responded_at IS NOT NULL"),
        sum_when(&format!(
            "recommendations.overdue_at IS NOT NULL OR (recommendations.status = 'awaiting_response' AND recommendations.respond_by < {})",
            quoted(&filter.today.to_string())
        )),
        sum_when("recommendations.status = 'closed_satisfied'"),
        sum_when("recommendations.status = 'escalated'"),
    ];
    let queries = [
        (
            0,
            format!(
                "SELECT COALESCE(findings.agency_id, petitions.assigned_agency_id) AS key, CAST(COUNT(*) AS TEXT) AS counts \
                 FROM findings LEFT JOIN petitions ON petitions.id = findings.petition_id WHERE {} \
                 GROUP BY COALESCE(findings.agency_id, petitions.assigned_agency_id)",
                filter.during("findings.created_at")
            ),
        ),
        (
            1,
            format!(
                "SELECT recommendations.agency_id AS key, {} AS counts FROM recommendations WHERE {} GROUP BY recommendations.agency_id",
                joined(&recommendations),
                filter.during("recommendations.created_at")
            ),
        ),
        (
            6,
            format!(
                "SELECT closure_checks.agency_id AS key, {} AS counts FROM closure_check_items \
                 JOIN closure_checks ON closure_checks.id = closure_check_items.check_id WHERE {} GROUP BY closure_checks.agency_id",
                joined(&["COUNT(*)".to_string(), sum_when("closure_check_items.verdict = 'contested'")]),
                filter.during("closure_check_items.decided_at")
            ),
        ),
    ];
    let mut by_agency: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for (first, sql) in queries {
        let rows: Vec<Counted> = diesel::sql_query(sql).load(connection)?;
        for row in rows {
            let Some(agency) = row.key else { continue };
            let values = row.counts.split('|').count();
            let counts = numbers(&row.counts, values)?;
            let kept = by_agency.entry(agency).or_insert_with(|| vec![0; SupervisionFigure::ALL.len()]);
            kept[first..first + counts.len()].copy_from_slice(&counts);
        }
    }
    Ok(by_agency)
}
