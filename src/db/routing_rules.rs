//! Routing rules, effective-dated.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::DbConnection;
use super::schema::routing_rules;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = routing_rules)]
pub struct RoutingRuleRow {
    pub id: String,
    pub kind: Option<String>,
    pub category_code: String,
    pub admin_unit_code: String,
    pub agency_id: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub created_by: Option<String>,
    pub created_at: NaiveDateTime,
}

pub fn insert(connection: &mut DbConnection, row: &RoutingRuleRow) -> QueryResult<usize> {
    diesel::insert_into(routing_rules::table).values(row).execute(connection)
}

pub fn find(connection: &mut DbConnection, id: &str) -> QueryResult<Option<RoutingRuleRow>> {
    routing_rules::table.find(id).select(RoutingRuleRow::as_select()).first(connection).optional()
}

/// The rules in force on `day` for a category (all categories when None).
pub fn valid_on(
    connection: &mut DbConnection,
    day: NaiveDate,
    category: Option<&str>,
) -> QueryResult<Vec<RoutingRuleRow>> {
    let mut query = routing_rules::table
        .filter(routing_rules::valid_from.le(day))
        .filter(routing_rules::valid_to.is_null().or(routing_rules::valid_to.ge(day)))
        .into_boxed();
    if let Some(category) = category {
        query = query.filter(routing_rules::category_code.eq(category.to_string()));
    }
    query
        .order((routing_rules::category_code.asc(), routing_rules::admin_unit_code.asc(), routing_rules::id.asc()))
        .select(RoutingRuleRow::as_select())
        .load(connection)
}

/// Ends a rule the day before `day`: from `day` on it no longer routes.
pub fn end(connection: &mut DbConnection, id: &str, last_day: NaiveDate) -> QueryResult<usize> {
    diesel::update(routing_rules::table.find(id).filter(routing_rules::valid_to.is_null()))
        .set(routing_rules::valid_to.eq(last_day))
        .execute(connection)
}
