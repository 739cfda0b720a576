//! The periodic report's queries: every petition received in the period (denunciations and
//! confidential ones included — the report holds counts, never a person), counted in one grouped
//! pass; the supervision records of the period, per agency; identities unsealed.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};

use super::{instant, quoted, within};
use crate::db::DbConnection;
use crate::domain::admin_unit::UnitPath;
use crate::domain::petition::{Outcome, Rating, RefusalReason};
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
    fn during(&self, column: &str) -> String {
        format!("{column} >= {} AND {column} < {}", instant(self.from), instant(self.before))
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
/// with the query, and a row type per query would repeat every name the figures already have.
fn numbers(counts: &str) -> QueryResult<Vec<i64>> {
    counts
        .split('|')
        .map(|n| {
            n.parse().map_err(|_| diesel::result::Error::DeserializationError(format!("counts {counts:?}").into()))
        })
        .collect()
}

fn joined(sums: &[String]) -> String {
    let texts: Vec<String> = sums.iter().map(|sum| format!("CAST({sum} AS TEXT)")).collect();
    texts.join(" || '|' || ")
}

fn sum_when(condition: &str) -> String {
    format!("COALESCE(SUM(CASE WHEN {condition} THEN 1 ELSE 0 END), 0)")
}

/// The petitions of one combination of kind, category, channel, unit and handling agency, with
/// everything the report counts of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub kind: String,
    pub category: String,
    pub channel: String,
    pub unit: String,
    pub agency: Option<String>,
    /// One count per `PetitionFigure`, in its order.
    pub figures: Vec<i64>,
    /// One count per `RefusalReason`, `Outcome` and `Rating`, in their orders.
    pub refusals: Vec<i64>,
    pub outcomes: Vec<i64>,
    pub ratings: Vec<i64>,
    /// Complaints: first-time, second-time, and first-time ones appealed.
    pub complaint_rounds: Vec<i64>,
}

#[derive(QueryableByName)]
struct GroupRow {
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = Text)]
    category: String,
    #[diesel(sql_type = Text)]
    channel: String,
    #[diesel(sql_type = Text)]
    unit: String,
    #[diesel(sql_type = Nullable<Text>)]
    agency: Option<String>,
    #[diesel(sql_type = Text)]
    counts: String,
}

/// Every petition received in the period, counted in one pass, grouped by the five columns the
/// report breaks them down by (the combinations are few beside the petitions); the tables are
/// folded from the groups. Transfers and appeals come from the event log through a join on the
/// few petitions that have one (partial indexes `events_transferred`, `events_appealed`), never a
/// lookup per petition.
pub fn petition_groups(connection: &mut DbConnection, filter: &ReportFilter) -> QueryResult<Vec<Group>> {
    let open = format!("petitions.status IN ({})", open_statuses_sql());
    // A suspended petition's clock has no deadline: open within it, never overdue.
    let overdue = format!(
        "{open} AND petitions.next_due IS NOT NULL AND petitions.next_due < {}",
        quoted(&filter.today.to_string())
    );
    let mut sums: Vec<String> = PetitionFigure::ALL
        .iter()
        .map(|figure| match figure {
            PetitionFigure::Received => "COUNT(*)".to_string(),
            PetitionFigure::Accepted => sum_when("petitions.accepted_at IS NOT NULL"),
            PetitionFigure::Refused => sum_when("petitions.status = 'refused'"),
            PetitionFigure::Transferred => sum_when("transfers.subject_id IS NOT NULL"),
            PetitionFigure::Withdrawn => sum_when("petitions.status = 'withdrawn'"),
            PetitionFigure::Merged => sum_when("petitions.status = 'merged'"),
            PetitionFigure::Resolved => sum_when("petitions.resolved_at IS NOT NULL"),
            PetitionFigure::ResolvedOnTime => sum_when("petitions.resolved_on_time = TRUE"),
            PetitionFigure::ResolvedLate => sum_when("petitions.resolved_on_time = FALSE"),
            PetitionFigure::OpenWithinDeadline => sum_when(&format!("{open} AND NOT ({overdue})")),
            PetitionFigure::OpenOverdue => sum_when(&overdue),
        })
        .collect();
    let refused = "petitions.status = 'refused' AND petitions.refusal_reason";
    sums.extend(RefusalReason::ALL.iter().map(|r| sum_when(&format!("{refused} = {}", quoted(r.as_str())))));
    sums.extend(Outcome::ALL.iter().map(|o| sum_when(&format!("petitions.outcome = {}", quoted(o.as_str())))));
    sums.extend(Rating::ALL.iter().map(|r| sum_when(&format!("petitions.rating = {}", quoted(r.as_str())))));
    let complaint = "petitions.kind = 'complaint' AND petitions.round";
    sums.push(sum_when(&format!("{complaint} = 'first'")));
    sums.push(sum_when(&format!("{complaint} = 'second'")));
    sums.push(sum_when(&format!("{complaint} = 'first' AND appeals.subject_id IS NOT NULL")));
    let of_kind = |kind: &str| {
        format!(
            "LEFT JOIN (SELECT DISTINCT events.subject_id FROM events WHERE events.kind = '{kind}') {} \
             ON {0}.subject_id = petitions.id",
            if kind == "petition.transferred" { "transfers" } else { "appeals" }
        )
    };
    let columns = "petitions.kind, petitions.category_code, petitions.channel, petitions.admin_unit_code, \
         petitions.assigned_agency_id";
    let sql = format!(
        "SELECT petitions.kind AS kind, petitions.category_code AS category, petitions.channel AS channel, \
         petitions.admin_unit_code AS unit, petitions.assigned_agency_id AS agency, {} AS counts \
         FROM petitions {} {} WHERE petitions.received_at >= {} AND petitions.received_at < {}{} GROUP BY {columns}",
        joined(&sums),
        of_kind("petition.transferred"),
        of_kind("petition.appealed"),
        instant(filter.from),
        instant(filter.before),
        within(filter.unit.as_ref())
    );
    let rows: Vec<GroupRow> = connection.transaction(|c| {
        // The groups are many (every combination the period has): room to aggregate them in
        // memory rather than sort them on disk, for this transaction only.
        if let DbConnection::Postgres(_) = c {
            diesel::sql_query("SET LOCAL work_mem = '64MB'").execute(c)?;
        }
        diesel::sql_query(sql).load(c)
    })?;
    let lengths = [PetitionFigure::ALL.len(), RefusalReason::ALL.len(), Outcome::ALL.len(), Rating::ALL.len(), 3];
    rows.into_iter()
        .map(|row| {
            let counts = numbers(&row.counts)?;
            if counts.len() != lengths.iter().sum::<usize>() {
                return Err(diesel::result::Error::DeserializationError(format!("counts {:?}", row.counts).into()));
            }
            let mut parts = counts.into_iter();
            let mut take = |n: usize| parts.by_ref().take(n).collect::<Vec<i64>>();
            Ok(Group {
                figures: take(lengths[0]),
                refusals: take(lengths[1]),
                outcomes: take(lengths[2]),
                ratings: take(lengths[3]),
                complaint_rounds: take(lengths[4]),
                kind: row.kind,
                category: row.category,
                channel: row.channel,
                unit: row.unit,
                agency: row.agency,
            })
        })
        .collect()
}

#[derive(QueryableByName)]
struct Number {
    #[diesel(sql_type = BigInt)]
    n: i64,
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
            let counts = numbers(&row.counts)?;
            let kept = by_agency.entry(agency).or_insert_with(|| vec![0; SupervisionFigure::ALL.len()]);
            kept[first..first + counts.len()].copy_from_slice(&counts);
        }
    }
    Ok(by_agency)
}
