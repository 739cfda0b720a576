//! Deadline rules, versioned: the current one per (kind, round) has no `valid_to`.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::deadline_rules;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = deadline_rules)]
pub struct DeadlineRuleRow {
    pub id: String,
    pub kind: String,
    pub round: String,
    pub acceptance: i32,
    pub acceptance_unit: String,
    pub resolution: i32,
    pub resolution_complex: i32,
    pub resolution_remote: i32,
    pub resolution_remote_complex: i32,
    pub resolution_unit: String,
    pub extension: Option<i32>,
    pub extension_unit: Option<String>,
    pub extensions_normal: i32,
    pub extensions_complex: i32,
    pub extensions_especially_complex: i32,
    pub source: String,
    pub valid_from: NaiveDateTime,
    pub valid_to: Option<NaiveDateTime>,
    pub changed_by: Option<String>,
}

pub fn insert(connection: &mut DbConnection, row: &DeadlineRuleRow) -> QueryResult<usize> {
    diesel::insert_into(deadline_rules::table).values(row).execute(connection)
}

pub fn current(connection: &mut DbConnection, kind: &str, round: &str) -> QueryResult<Option<DeadlineRuleRow>> {
    deadline_rules::table
        .filter(deadline_rules::kind.eq(kind))
        .filter(deadline_rules::round.eq(round))
        .filter(deadline_rules::valid_to.is_null())
        .select(DeadlineRuleRow::as_select())
        .first(connection)
        .optional()
}

/// Every current rule, or every version ever when `history`, in a stable order.
pub fn list(connection: &mut DbConnection, history: bool) -> QueryResult<Vec<DeadlineRuleRow>> {
    let mut query = deadline_rules::table.into_boxed();
    if !history {
        query = query.filter(deadline_rules::valid_to.is_null());
    }
    query
        .order((deadline_rules::kind.asc(), deadline_rules::round.asc(), deadline_rules::valid_from.asc()))
        .select(DeadlineRuleRow::as_select())
        .load(connection)
}

pub fn end(connection: &mut DbConnection, id: &str, at: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(deadline_rules::table.find(id).filter(deadline_rules::valid_to.is_null()))
        .set(deadline_rules::valid_to.eq(at))
        .execute(connection)
}
