//! Routing rules, effective-dated; rows become `RoutingRuleRecord` here.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::DbConnection;
use super::decode::Columns;
use super::schema::routing_rules;
use crate::domain::ids::{AgencyId, RoutingRuleId, UserId};
use crate::domain::routing::{RoutingRule, RoutingRuleRecord};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = routing_rules)]
struct RoutingRuleRow {
    id: String,
    kind: Option<String>,
    category_code: String,
    admin_unit_code: String,
    agency_id: String,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
    created_by: Option<String>,
    created_at: NaiveDateTime,
}

const COLUMNS: Columns = Columns("routing_rules");

impl RoutingRuleRow {
    fn into_record(self) -> QueryResult<RoutingRuleRecord> {
        Ok(RoutingRuleRecord {
            rule: RoutingRule {
                kind: COLUMNS.parse_optional("kind", self.kind.as_deref())?,
                category: COLUMNS.parse("category_code", &self.category_code)?,
                unit_code: COLUMNS.parse("admin_unit_code", &self.admin_unit_code)?,
                agency_id: AgencyId::from_stored(self.agency_id),
            },
            id: RoutingRuleId::from_stored(self.id),
            valid_from: self.valid_from,
            valid_to: self.valid_to,
            created_by: self.created_by.map(UserId::from_stored),
            created_at: self.created_at,
        })
    }

    fn of(record: &RoutingRuleRecord) -> Self {
        RoutingRuleRow {
            id: record.id.to_string(),
            kind: record.rule.kind.map(|kind| kind.as_str().to_string()),
            category_code: record.rule.category.to_string(),
            admin_unit_code: record.rule.unit_code.to_string(),
            agency_id: record.rule.agency_id.to_string(),
            valid_from: record.valid_from,
            valid_to: record.valid_to,
            created_by: record.created_by.as_ref().map(ToString::to_string),
            created_at: record.created_at,
        }
    }
}

pub fn insert(connection: &mut DbConnection, record: &RoutingRuleRecord) -> QueryResult<usize> {
    diesel::insert_into(routing_rules::table).values(RoutingRuleRow::of(record)).execute(connection)
}

pub fn find(connection: &mut DbConnection, id: &RoutingRuleId) -> QueryResult<Option<RoutingRuleRecord>> {
    let row =
        routing_rules::table.find(id.as_str()).select(RoutingRuleRow::as_select()).get_result(connection).optional()?;
    row.map(RoutingRuleRow::into_record).transpose()
}

/// The rules in force on `day` for a category (all categories when None).
pub fn valid_on(
    connection: &mut DbConnection,
    day: NaiveDate,
    category: Option<&str>,
) -> QueryResult<Vec<RoutingRuleRecord>> {
    let mut query = routing_rules::table
        .filter(routing_rules::valid_from.le(day))
        .filter(routing_rules::valid_to.is_null().or(routing_rules::valid_to.ge(day)))
        .into_boxed();
    if let Some(category) = category {
        query = query.filter(routing_rules::category_code.eq(category.to_string()));
    }
    let rows = query
        .order((routing_rules::category_code.asc(), routing_rules::admin_unit_code.asc(), routing_rules::id.asc()))
        .select(RoutingRuleRow::as_select())
        .load(connection)?;
    rows.into_iter().map(RoutingRuleRow::into_record).collect()
}

/// Ends a rule on `last_day`: from the day after it no longer routes.
pub fn end(connection: &mut DbConnection, id: &RoutingRuleId, last_day: NaiveDate) -> QueryResult<usize> {
    diesel::update(routing_rules::table.find(id.as_str()).filter(routing_rules::valid_to.is_null()))
        .set(routing_rules::valid_to.eq(last_day))
        .execute(connection)
}
