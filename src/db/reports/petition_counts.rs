//! The periodic report's one pass over the petitions received in the period (denunciations and
//! confidential ones included — the report holds counts, never a person): every petition counted
//! once into three small groupings, from which the service reads the five breakdowns and the
//! tables of refusals, outcomes, ratings and complaint rounds.
//!
//! PostgreSQL keeps the three groupings side by side in one scan (`GROUPING SETS`): a few hundred
//! rows, whatever the number of petitions. SQLite has neither grouping sets nor a hash aggregate
//! (a grouping is a sort of the petitions), so it sorts them once into every combination of the
//! five breakdowns, with the answer tables' counts: more rows (bounded by the combinations, not
//! the petitions), one sort instead of three.

use std::collections::BTreeMap;

use diesel::prelude::*;
use diesel::sql_types::{Nullable, Text};

use super::periodic::ReportFilter;
use super::{instant, joined, numbers, quoted, within};
use crate::db::DbConnection;
use crate::domain::petition::{Outcome, Rating, RefusalReason};
use crate::domain::reports::periodic::PetitionFigure;
use crate::domain::reports::statistics::open_statuses_sql;

/// What a table of the report breaks the petitions down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Breakdown {
    Kind,
    Category,
    Channel,
    Unit,
    Agency,
}

/// The period's petitions, counted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PetitionCounts {
    /// One count per `PetitionFigure`, in its order, per breakdown and value (None: petitions no
    /// agency holds), values in their order.
    pub by: BTreeMap<(Breakdown, Option<String>), Vec<i64>>,
    /// One count per `RefusalReason`, `Outcome` and `Rating`, in their orders.
    pub refusals: Vec<i64>,
    pub outcomes: Vec<i64>,
    pub ratings: Vec<i64>,
    /// Complaints: first-time, second-time, and first-time ones appealed.
    pub complaint_rounds: Vec<i64>,
}

impl PetitionCounts {
    /// The rows of one breakdown: each value with its figures, in the values' order.
    pub fn rows(&self, breakdown: Breakdown) -> Vec<(Option<String>, Vec<i64>)> {
        self.by.iter().filter(|((b, _), _)| *b == breakdown).map(|((_, value), f)| (value.clone(), f.clone())).collect()
    }
}

/// The three groupings: by what the petition is (kind, category, channel), by where it is (unit,
/// handling agency), and by how it was answered (what the refusals, outcomes, ratings and
/// complaint rounds count). Each pairs its name with its columns.
const GROUPINGS: [(&str, &[&str]); 3] = [
    ("petition", &["petitions.kind", "petitions.category_code", "petitions.channel"]),
    ("place", &["petitions.admin_unit_code", "petitions.assigned_agency_id"]),
    (
        "answer",
        &[
            "petitions.kind",
            "petitions.round",
            "petitions.status",
            "petitions.refusal_reason",
            "petitions.outcome",
            "petitions.rating",
        ],
    ),
];

/// Every column any grouping uses, with its name in the query's row.
const COLUMNS: [(&str, &str); 10] = [
    ("petitions.kind", "kind"),
    ("petitions.category_code", "category"),
    ("petitions.channel", "channel"),
    ("petitions.admin_unit_code", "unit"),
    ("petitions.assigned_agency_id", "agency"),
    ("petitions.round", "round"),
    ("petitions.status", "status"),
    ("petitions.refusal_reason", "refusal_reason"),
    ("petitions.outcome", "outcome"),
    ("petitions.rating", "rating"),
];

#[derive(QueryableByName)]
struct CountedRow {
    #[diesel(sql_type = Text)]
    grouping: String,
    #[diesel(sql_type = Nullable<Text>)]
    kind: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    category: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    channel: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    unit: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    agency: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    round: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    status: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    refusal_reason: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    outcome: Option<String>,
    #[diesel(sql_type = Nullable<Text>)]
    rating: Option<String>,
    #[diesel(sql_type = Text)]
    counts: String,
}

/// `COUNT(*) FILTER (…)` per `PetitionFigure`, then the first-time complaints appealed. Transfers
/// and appeals are read from the few events of their kind (partial indexes `events_transferred`,
/// `events_appealed`) once, as a set each, never looked up per petition.
fn figures(filter: &ReportFilter) -> Vec<String> {
    let open = format!("petitions.status IN ({})", open_statuses_sql());
    // A suspended petition's clock has no deadline: open within it, never overdue.
    let overdue = format!(
        "{open} AND petitions.next_due IS NOT NULL AND petitions.next_due < {}",
        quoted(&filter.today.to_string())
    );
    let with_event =
        |kind: &str| format!("petitions.id IN (SELECT events.subject_id FROM events WHERE events.kind = '{kind}')");
    let count = |condition: &str| format!("COUNT(*) FILTER (WHERE {condition})");
    let mut counts: Vec<String> = PetitionFigure::ALL
        .iter()
        .map(|figure| match figure {
            PetitionFigure::Received => "COUNT(*)".to_string(),
            PetitionFigure::Accepted => count("petitions.accepted_at IS NOT NULL"),
            PetitionFigure::Refused => count("petitions.status = 'refused'"),
            PetitionFigure::Transferred => count(&with_event("petition.transferred")),
            PetitionFigure::Withdrawn => count("petitions.status = 'withdrawn'"),
            PetitionFigure::Merged => count("petitions.status = 'merged'"),
            PetitionFigure::Resolved => count("petitions.resolved_at IS NOT NULL"),
            PetitionFigure::ResolvedOnTime => count("petitions.resolved_on_time = TRUE"),
            PetitionFigure::ResolvedLate => count("petitions.resolved_on_time = FALSE"),
            PetitionFigure::OpenWithinDeadline => count(&format!("{open} AND NOT ({overdue})")),
            PetitionFigure::OpenOverdue => count(&overdue),
        })
        .collect();
    counts.push(count(&format!(
        "petitions.kind = 'complaint' AND petitions.round = 'first' AND {}",
        with_event("petition.appealed")
    )));
    counts
}

/// SQLite's one grouping: by the five breakdowns together, with the answer tables' counts.
const EVERY: &str = "every";

/// `COUNT(*) FILTER (…)` per `RefusalReason`, `Outcome`, `Rating`, then the first- and
/// second-time complaints: what the answer grouping counts, for SQLite's one grouping.
fn answers() -> Vec<String> {
    let count = |condition: String| format!("COUNT(*) FILTER (WHERE {condition})");
    let refused = "petitions.status = 'refused' AND petitions.refusal_reason";
    let mut counts: Vec<String> =
        RefusalReason::ALL.iter().map(|r| count(format!("{refused} = {}", quoted(r.as_str())))).collect();
    counts.extend(Outcome::ALL.iter().map(|o| count(format!("petitions.outcome = {}", quoted(o.as_str())))));
    counts.extend(Rating::ALL.iter().map(|r| count(format!("petitions.rating = {}", quoted(r.as_str())))));
    for round in ["first", "second"] {
        counts.push(count(format!("petitions.kind = 'complaint' AND petitions.round = '{round}'")));
    }
    counts
}

/// The query's SELECT list for a grouping (None: all of them, as grouping sets): its name, every
/// column (NULL where the grouping does not group by it), the counts.
fn select(name: &str, grouped: Option<&[&str]>, counts: &str) -> String {
    let columns: Vec<String> = COLUMNS
        .iter()
        .map(|(column, as_name)| match grouped {
            Some(grouped) if !grouped.contains(column) => format!("CAST(NULL AS TEXT) AS {as_name}"),
            _ => format!("{column} AS {as_name}"),
        })
        .collect();
    format!("SELECT {name} AS grouping, {}, {counts} AS counts", columns.join(", "))
}

/// Every petition received in the period, counted in one pass (one scan on PostgreSQL, one per
/// grouping on SQLite) and folded into the breakdowns and tables.
pub fn petition_counts(connection: &mut DbConnection, filter: &ReportFilter) -> QueryResult<PetitionCounts> {
    let counts = joined(&figures(filter));
    let from = format!(
        " FROM petitions WHERE petitions.received_at >= {} AND petitions.received_at < {}{}",
        instant(filter.from),
        instant(filter.before),
        within(filter.unit.as_ref())
    );
    let sql = match connection {
        DbConnection::Postgres(_) => {
            // Which grouping a row is of: the first column only it groups by is not aggregated away.
            let name = "CASE WHEN GROUPING(petitions.category_code) = 0 THEN 'petition' \
                 WHEN GROUPING(petitions.admin_unit_code) = 0 THEN 'place' ELSE 'answer' END";
            let sets: Vec<String> = GROUPINGS.iter().map(|(_, cols)| format!("({})", cols.join(", "))).collect();
            format!("{}{from} GROUP BY GROUPING SETS ({})", select(name, None, &counts), sets.join(", "))
        }
        // Without grouping sets or a hash aggregate, each grouping is a sort of the period's
        // petitions: SQLite sorts them once, into every combination of the five breakdowns
        // (tens of thousands of groups, as many as the first version loaded on either
        // database), each with the answer tables' counts too.
        DbConnection::Sqlite(_) => {
            let every: Vec<&str> = GROUPINGS[0].1.iter().chain(GROUPINGS[1].1).copied().collect();
            let mut all = figures(filter);
            all.extend(answers());
            format!("{}{from} GROUP BY {}", select(&quoted(EVERY), Some(&every), &joined(&all)), every.join(", "))
        }
    };
    let rows: Vec<CountedRow> = connection.transaction(|c| {
        if let DbConnection::Postgres(_) = c {
            // The groups are few, yet the planner, multiplying the columns' distinct values,
            // expects many: room to hash them rather than sort the petitions. Compiling the
            // query (JIT) costs more than it saves on a single scan.
            diesel::sql_query("SET LOCAL work_mem = '64MB'").execute(c)?;
            diesel::sql_query("SET LOCAL jit = off").execute(c)?;
        }
        diesel::sql_query(sql).load(c)
    })?;
    fold(rows)
}

fn fold(rows: Vec<CountedRow>) -> QueryResult<PetitionCounts> {
    let mut counted = PetitionCounts {
        refusals: vec![0; RefusalReason::ALL.len()],
        outcomes: vec![0; Outcome::ALL.len()],
        ratings: vec![0; Rating::ALL.len()],
        complaint_rounds: vec![0; 3],
        ..PetitionCounts::default()
    };
    let figures = PetitionFigure::ALL.len();
    let answer_counts = RefusalReason::ALL.len() + Outcome::ALL.len() + Rating::ALL.len() + 2;
    for row in rows {
        let mut counts = numbers(&row.counts)?;
        let answered = if row.grouping == EVERY { answer_counts } else { 0 };
        if counts.len() != figures + 1 + answered {
            return Err(diesel::result::Error::DeserializationError(format!("counts {:?}", row.counts).into()));
        }
        let answers = counts.split_off(figures + 1);
        let appealed = counts.pop().unwrap_or(0);
        match row.grouping.as_str() {
            "petition" => {
                add(&mut counted, Breakdown::Kind, row.kind, &counts);
                add(&mut counted, Breakdown::Category, row.category, &counts);
                add(&mut counted, Breakdown::Channel, row.channel, &counts);
            }
            "place" => {
                add(&mut counted, Breakdown::Unit, row.unit, &counts);
                add(&mut counted, Breakdown::Agency, row.agency, &counts);
            }
            EVERY => {
                add(&mut counted, Breakdown::Kind, row.kind, &counts);
                add(&mut counted, Breakdown::Category, row.category, &counts);
                add(&mut counted, Breakdown::Channel, row.channel, &counts);
                add(&mut counted, Breakdown::Unit, row.unit, &counts);
                add(&mut counted, Breakdown::Agency, row.agency, &counts);
                let mut answers = answers.into_iter();
                for table in [&mut counted.refusals, &mut counted.outcomes, &mut counted.ratings] {
                    for (sum, n) in table.iter_mut().zip(answers.by_ref()) {
                        *sum += n;
                    }
                }
                for (sum, n) in counted.complaint_rounds.iter_mut().zip(answers) {
                    *sum += n;
                }
                counted.complaint_rounds[2] += appealed;
            }
            _ => {
                let received = counts[0];
                let is = |value: &Option<String>, code: &str| value.as_deref() == Some(code);
                if is(&row.status, "refused") {
                    tally(
                        &mut counted.refusals,
                        RefusalReason::ALL.iter().map(|r| r.as_str()),
                        &row.refusal_reason,
                        received,
                    );
                }
                tally(&mut counted.outcomes, Outcome::ALL.iter().map(|o| o.as_str()), &row.outcome, received);
                tally(&mut counted.ratings, Rating::ALL.iter().map(|r| r.as_str()), &row.rating, received);
                if is(&row.kind, "complaint") && is(&row.round, "first") {
                    counted.complaint_rounds[0] += received;
                }
                if is(&row.kind, "complaint") && is(&row.round, "second") {
                    counted.complaint_rounds[1] += received;
                }
                counted.complaint_rounds[2] += appealed;
            }
        }
    }
    Ok(counted)
}

/// Adds a grouping's figures to the value's row of a breakdown.
fn add(counted: &mut PetitionCounts, breakdown: Breakdown, value: Option<String>, figures: &[i64]) {
    let row = counted.by.entry((breakdown, value)).or_insert_with(|| vec![0; figures.len()]);
    for (sum, n) in row.iter_mut().zip(figures) {
        *sum += n;
    }
}

/// Adds `n` to the count of the code `value` names, if it names one of `codes`.
fn tally<'a>(counts: &mut [i64], codes: impl Iterator<Item = &'a str>, value: &Option<String>, n: i64) {
    if let Some(index) = value.as_deref().and_then(|v| codes.into_iter().position(|code| code == v)) {
        counts[index] += n;
    }
}
