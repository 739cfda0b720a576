//! The public statistics' query: one pass over the public petitions received in the period,
//! counted per agency and category (and, for the refused and the answered, per reason and per
//! number of days), which the service folds into the total, the agencies and the categories.
//! Reopenings and closure verdicts are read as sets of the few petitions that have one (partial
//! indexes `events_reopened`, `closure_check_items_decided`), never looked up per petition.

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

fn where_clause(filter: &StatisticsFilter) -> String {
    let mut clause = format!(
        " WHERE {PUBLIC_PETITIONS_SQL} AND petitions.received_at >= {} AND petitions.received_at < {}",
        instant(filter.received_from),
        instant(filter.received_before)
    );
    clause.push_str(&within(filter.unit.as_ref()));
    if let Some(agency) = &filter.agency {
        clause.push_str(&format!(" AND petitions.assigned_agency_id = {}", quoted(agency.as_str())));
    }
    clause
}

/// The public petitions of one agency (None: no agency holds them) and category, and among the
/// refused of them those of one reason, or among the answered those that took one number of days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountedGroup {
    pub agency: Option<String>,
    pub category: String,
    /// Set on the refused petitions that name a reason: they are all of the group's `received`.
    pub refusal_reason: Option<String>,
    /// Set on the answered petitions: `received` of them took this many days.
    pub days_to_resolve: Option<i32>,
    pub counts: Counts,
}

#[derive(QueryableByName)]
struct CountsRow {
    #[diesel(sql_type = Nullable<Text>)]
    agency: Option<String>,
    #[diesel(sql_type = Text)]
    category: String,
    #[diesel(sql_type = Nullable<Text>)]
    reason: Option<String>,
    #[diesel(sql_type = Nullable<Integer>)]
    days: Option<i32>,
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

/// Every public petition of the period counted once, grouped by agency, category, refusal reason
/// (refused ones) and days to resolve (answered ones): a few thousand groups at most, whatever the
/// number of petitions.
pub fn counts(connection: &mut DbConnection, filter: &StatisticsFilter) -> QueryResult<Vec<CountedGroup>> {
    let open = format!("petitions.status IN ({})", open_statuses_sql());
    let days_ago = |days: i64| instant(filter.now - chrono::TimeDelta::days(days));
    let refusal = "CASE WHEN petitions.status = 'refused' THEN petitions.refusal_reason END";
    let mut sql = format!(
        "SELECT petitions.assigned_agency_id AS agency, petitions.category_code AS category, {refusal} AS reason, \
         petitions.days_to_resolve AS days, COUNT(*) AS received"
    );
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
    // Reopenings and closure verdicts are few: each read once as a set of petitions (a hashed
    // subplan on PostgreSQL, an index SQLite builds once), never looked up per petition. A join on
    // them instead left SQLite scanning the reopenings once a petition.
    let reopened = "petitions.id IN (SELECT events.subject_id FROM events WHERE events.kind = 'petition.reopened')";
    sql.push_str(&count_when(reopened, "reopened"));
    // A reopened petition has no answer now, yet was answered once: the reopen rate's denominator.
    sql.push_str(&count_when(&format!("petitions.resolved_at IS NOT NULL OR {reopened}"), "answered_ever"));
    let verdict = |condition: &str| {
        format!(
            "petitions.id IN (SELECT closure_check_items.petition_id FROM closure_check_items \
             WHERE closure_check_items.verdict {condition})"
        )
    };
    sql.push_str(&count_when(&verdict("IS NOT NULL"), "checked"));
    sql.push_str(&count_when(&verdict("= 'contested'"), "contested"));
    sql.push_str(&format!(
        " FROM petitions{} GROUP BY petitions.assigned_agency_id, petitions.category_code, {refusal}, \
         petitions.days_to_resolve",
        where_clause(filter)
    ));
    let rows: Vec<CountsRow> = connection.transaction(|c| {
        if let DbConnection::Postgres(_) = c {
            // The groups are a few thousand, yet the planner, multiplying the columns' distinct
            // values, expects a hundred thousand and would sort the petitions on disk: room to
            // hash them. Compiling the query (JIT) costs more than it saves on a single scan.
            diesel::sql_query("SET LOCAL work_mem = '64MB'").execute(c)?;
            diesel::sql_query("SET LOCAL jit = off").execute(c)?;
        }
        diesel::sql_query(sql).load(c)
    })?;
    Ok(rows
        .into_iter()
        .map(|r| CountedGroup {
            agency: r.agency,
            category: r.category,
            refusal_reason: r.reason,
            days_to_resolve: r.days,
            counts: Counts {
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
            },
        })
        .collect())
}
