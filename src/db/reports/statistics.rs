//! The public statistics' queries: one pass per grouping over the public petitions received in
//! the period, counted with conditional sums; refusals by reason and a histogram of days to
//! resolve, from which the percentiles are taken.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Nullable, Text};

use super::{count_when, instant, quoted, within};
use crate::db::DbConnection;
use crate::domain::admin_unit::UnitPath;
use crate::domain::ids::AgencyId;
use crate::domain::reports::statistics::{Counts, PUBLIC_PETITIONS_SQL, open_statuses_sql};

/// Which public petitions: received in [from, before), optionally under a unit and with an agency.
#[derive(Debug, Clone)]
pub struct StatisticsFilter {
    pub received_from: NaiveDateTime,
    pub received_before: NaiveDateTime,
    pub unit: Option<UnitPath>,
    pub agency: Option<AgencyId>,
    /// "Now", for what is overdue and how old what is open is.
    pub now: NaiveDateTime,
    pub today: NaiveDate,
}

/// How figures are grouped: one total, per agency handling, per category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    Total,
    Agency,
    Category,
}

impl Grouping {
    fn key(self) -> &'static str {
        match self {
            Grouping::Total => "CAST(NULL AS TEXT)",
            Grouping::Agency => "petitions.assigned_agency_id",
            Grouping::Category => "petitions.category_code",
        }
    }

    fn group_by(self) -> &'static str {
        match self {
            Grouping::Total => "",
            Grouping::Agency => " GROUP BY petitions.assigned_agency_id",
            Grouping::Category => " GROUP BY petitions.category_code",
        }
    }
}

fn where_clause(filter: &StatisticsFilter) -> String {
    let mut clause = format!(
        " FROM petitions WHERE {PUBLIC_PETITIONS_SQL} AND petitions.received_at >= {} AND petitions.received_at < {}",
        instant(filter.received_from),
        instant(filter.received_before)
    );
    clause.push_str(&within(filter.unit.as_ref()));
    if let Some(agency) = &filter.agency {
        clause.push_str(&format!(" AND petitions.assigned_agency_id = {}", quoted(agency.as_str())));
    }
    clause
}

#[derive(QueryableByName)]
struct CountsRow {
    #[diesel(sql_type = Nullable<Text>)]
    key: Option<String>,
    #[diesel(sql_type = BigInt)]
    received: i64,
    #[diesel(sql_type = BigInt)]
    accepted: i64,
    #[diesel(sql_type = BigInt)]
    refused: i64,
    #[diesel(sql_type = BigInt)]
    resolved: i64,
    #[diesel(sql_type = BigInt)]
    on_time: i64,
    #[diesel(sql_type = BigInt)]
    late: i64,
    #[diesel(sql_type = BigInt)]
    open: i64,
    #[diesel(sql_type = BigInt)]
    overdue: i64,
    #[diesel(sql_type = BigInt)]
    age_0: i64,
    #[diesel(sql_type = BigInt)]
    age_1: i64,
    #[diesel(sql_type = BigInt)]
    age_2: i64,
    #[diesel(sql_type = BigInt)]
    age_3: i64,
    #[diesel(sql_type = BigInt)]
    satisfied: i64,
    #[diesel(sql_type = BigInt)]
    acceptable: i64,
    #[diesel(sql_type = BigInt)]
    dissatisfied: i64,
    #[diesel(sql_type = BigInt)]
    reopened: i64,
    #[diesel(sql_type = BigInt)]
    answered_ever: i64,
    #[diesel(sql_type = BigInt)]
    checked: i64,
    #[diesel(sql_type = BigInt)]
    contested: i64,
}

/// The counts of each group (the key is None for the total, and for petitions no agency holds).
pub fn counts(
    connection: &mut DbConnection,
    filter: &StatisticsFilter,
    grouping: Grouping,
) -> QueryResult<Vec<(Option<String>, Counts)>> {
    let open = format!("petitions.status IN ({})", open_statuses_sql());
    let days_ago = |days: i64| instant(filter.now - chrono::TimeDelta::days(days));
    let mut sql = format!("SELECT {} AS key, COUNT(*) AS received", grouping.key());
    sql.push_str(&count_when("petitions.accepted_at IS NOT NULL", "accepted"));
    sql.push_str(&count_when("petitions.status = 'refused'", "refused"));
    sql.push_str(&count_when("petitions.resolved_at IS NOT NULL", "resolved"));
    sql.push_str(&count_when("petitions.resolved_on_time = TRUE", "on_time"));
    sql.push_str(&count_when("petitions.resolved_on_time = FALSE", "late"));
    sql.push_str(&count_when(&open, "open"));
    let overdue = format!("{open} AND petitions.next_due < {}", quoted(&filter.today.to_string()));
    sql.push_str(&count_when(&overdue, "overdue"));
    sql.push_str(&count_when(&format!("{open} AND petitions.received_at > {}", days_ago(30)), "age_0"));
    let between = |newer: i64, older: i64| {
        format!(
            "{open} AND petitions.received_at <= {} AND petitions.received_at > {}",
            days_ago(newer),
            days_ago(older)
        )
    };
    sql.push_str(&count_when(&between(30, 90), "age_1"));
    sql.push_str(&count_when(&between(90, 180), "age_2"));
    sql.push_str(&count_when(&format!("{open} AND petitions.received_at <= {}", days_ago(180)), "age_3"));
    sql.push_str(&count_when("petitions.rating = 'satisfied'", "satisfied"));
    sql.push_str(&count_when("petitions.rating = 'acceptable'", "acceptable"));
    sql.push_str(&count_when("petitions.rating = 'dissatisfied'", "dissatisfied"));
    // The partial index `events_reopened` answers this per petition.
    let reopened =
        "EXISTS (SELECT 1 FROM events WHERE events.kind = 'petition.reopened' AND events.subject_id = petitions.id)";
    sql.push_str(&count_when(reopened, "reopened"));
    // A reopened petition has no answer now, yet was answered once: the reopen rate's denominator.
    sql.push_str(&count_when(&format!("petitions.resolved_at IS NOT NULL OR {reopened}"), "answered_ever"));
    // The partial index `closure_check_items_decided` answers these per petition.
    let verdict = |condition: &str| {
        format!(
            "EXISTS (SELECT 1 FROM closure_check_items WHERE closure_check_items.petition_id = petitions.id \
             AND closure_check_items.verdict {condition})"
        )
    };
    sql.push_str(&count_when(&verdict("IS NOT NULL"), "checked"));
    sql.push_str(&count_when(&verdict("= 'contested'"), "contested"));
    sql.push_str(&where_clause(filter));
    sql.push_str(grouping.group_by());
    let rows: Vec<CountsRow> = diesel::sql_query(sql).load(connection)?;
    Ok(rows
        .into_iter()
        .filter(|row| row.received > 0)
        .map(|r| {
            let counts = Counts {
                received: r.received,
                accepted: r.accepted,
                refused: r.refused,
                resolved: r.resolved,
                resolved_on_time: r.on_time,
                resolved_late: r.late,
                open: r.open,
                overdue_now: r.overdue,
                open_by_age: [r.age_0, r.age_1, r.age_2, r.age_3],
                satisfied: r.satisfied,
                acceptable: r.acceptable,
                dissatisfied: r.dissatisfied,
                reopened: r.reopened,
                answered_ever: r.answered_ever,
                closures_checked: r.checked,
                closures_contested: r.contested,
            };
            (r.key, counts)
        })
        .collect())
}

#[derive(QueryableByName)]
struct ReasonRow {
    #[diesel(sql_type = Nullable<Text>)]
    key: Option<String>,
    #[diesel(sql_type = Text)]
    reason: String,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// Refused petitions by group and reason.
pub fn refusals(
    connection: &mut DbConnection,
    filter: &StatisticsFilter,
    grouping: Grouping,
) -> QueryResult<Vec<(Option<String>, String, i64)>> {
    let group_by = match grouping {
        Grouping::Total => " GROUP BY petitions.refusal_reason".to_string(),
        _ => format!("{}, petitions.refusal_reason", grouping.group_by()),
    };
    let sql = format!(
        "SELECT {} AS key, petitions.refusal_reason AS reason, COUNT(*) AS n{} AND petitions.status = 'refused' AND petitions.refusal_reason IS NOT NULL{group_by}",
        grouping.key(),
        where_clause(filter)
    );
    let rows: Vec<ReasonRow> = diesel::sql_query(sql).load(connection)?;
    Ok(rows.into_iter().map(|r| (r.key, r.reason, r.n)).collect())
}

#[derive(QueryableByName)]
struct DaysRow {
    #[diesel(sql_type = Nullable<Text>)]
    key: Option<String>,
    #[diesel(sql_type = Integer)]
    days: i32,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

/// How many answered petitions took each number of days, by group, fewest days first.
pub fn days_to_resolve(
    connection: &mut DbConnection,
    filter: &StatisticsFilter,
    grouping: Grouping,
) -> QueryResult<Vec<(Option<String>, i32, i64)>> {
    let group_by = match grouping {
        Grouping::Total => " GROUP BY petitions.days_to_resolve".to_string(),
        _ => format!("{}, petitions.days_to_resolve", grouping.group_by()),
    };
    let sql = format!(
        "SELECT {} AS key, petitions.days_to_resolve AS days, COUNT(*) AS n{} AND petitions.days_to_resolve IS NOT NULL{group_by} ORDER BY days",
        grouping.key(),
        where_clause(filter)
    );
    let rows: Vec<DaysRow> = diesel::sql_query(sql).load(connection)?;
    Ok(rows.into_iter().map(|r| (r.key, r.days, r.n)).collect())
}
