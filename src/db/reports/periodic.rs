//! The periodic report's small queries and what they share: which petitions and records a report
//! covers; the supervision records of the period, per agency; identities unsealed. The petitions
//! themselves are counted by `petition_counts`.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};

use super::{instant, joined, numbers, quoted, within};
use crate::db::DbConnection;
use crate::domain::admin_unit::UnitPath;
use crate::domain::reports::periodic::{ReceptionFigure, SupervisionFigure};

/// Which petitions and records: those of [from, before), under a unit when given.
#[derive(Debug, Clone)]
pub struct ReportFilter {
    pub from: NaiveDateTime,
    pub before: NaiveDateTime,
    /// The same period as days, first and last.
    pub days: (NaiveDate, NaiveDate),
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

fn sum_when(condition: &str) -> String {
    format!("COALESCE(SUM(CASE WHEN {condition} THEN 1 ELSE 0 END), 0)")
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

/// The reception sessions held on the days from `from` to `to`, per agency and day, in
/// `ReceptionFigure`'s order: held by the head, held by a deputy, not held, citizens received,
/// petitions received there.
pub fn reception_by_agency_day(
    connection: &mut DbConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<BTreeMap<(String, String), Vec<i64>>> {
    let days = format!(
        "reception_sessions.held_on >= {} AND reception_sessions.held_on <= {}",
        quoted(&from.to_string()),
        quoted(&to.to_string())
    );
    let sessions = [
        sum_when("reception_sessions.status = 'held' AND reception_sessions.receiver = 'head'"),
        sum_when("reception_sessions.status = 'held' AND reception_sessions.receiver = 'deputy'"),
        sum_when("reception_sessions.status = 'not_held'"),
        "COALESCE(SUM(CASE WHEN reception_sessions.status = 'held' THEN reception_sessions.attended ELSE 0 END), 0)"
            .to_string(),
    ];
    let group = "GROUP BY reception_sessions.agency_id, reception_sessions.held_on";
    let key = "reception_sessions.agency_id AS key, CAST(reception_sessions.held_on AS TEXT) AS day";
    let queries = [
        (0, format!("SELECT {key}, {} AS counts FROM reception_sessions WHERE {days} {group}", joined(&sessions))),
        (
            4,
            format!(
                "SELECT {key}, CAST(COUNT(*) AS TEXT) AS counts FROM reception_session_petitions \
                 JOIN reception_sessions ON reception_sessions.id = reception_session_petitions.session_id \
                 WHERE {days} {group}"
            ),
        ),
    ];
    let mut by_day: BTreeMap<(String, String), Vec<i64>> = BTreeMap::new();
    for (first, sql) in queries {
        let rows: Vec<CountedDay> = diesel::sql_query(sql).load(connection)?;
        for row in rows {
            let counts = numbers(&row.counts)?;
            let kept = by_day.entry((row.key, row.day)).or_insert_with(|| vec![0; ReceptionFigure::ALL.len()]);
            kept[first..first + counts.len()].copy_from_slice(&counts);
        }
    }
    Ok(by_day)
}

#[derive(QueryableByName)]
struct CountedDay {
    #[diesel(sql_type = Text)]
    key: String,
    #[diesel(sql_type = Text)]
    day: String,
    #[diesel(sql_type = Text)]
    counts: String,
}
