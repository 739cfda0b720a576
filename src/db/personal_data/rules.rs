//! The data-protection rules as they now stand (one row per rule; each change is an event).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::decode::Columns;
use crate::db::schema::data_protection_rules;
use crate::domain::ids::UserId;
use crate::domain::personal_data::rules::{DataProtectionRule, Period, RuleName};

const COLUMNS: Columns = Columns("data_protection_rules");

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = data_protection_rules)]
struct RuleRow {
    rule: String,
    amount: i32,
    unit: String,
    basis: String,
    changed_by: Option<String>,
    updated_at: NaiveDateTime,
}

impl RuleRow {
    fn into_rule(self) -> QueryResult<DataProtectionRule> {
        let amount =
            u32::try_from(self.amount).map_err(|e| COLUMNS.unreadable("amount", &self.amount.to_string(), e))?;
        Ok(DataProtectionRule {
            name: COLUMNS.parse("rule", &self.rule)?,
            period: Period { amount, unit: COLUMNS.parse("unit", &self.unit)? },
            basis: self.basis,
            changed_by: self.changed_by.map(UserId::from_stored),
            updated_at: self.updated_at,
        })
    }
}

pub fn all(connection: &mut DbConnection) -> QueryResult<Vec<DataProtectionRule>> {
    let rows = data_protection_rules::table
        .order(data_protection_rules::rule.asc())
        .select(RuleRow::as_select())
        .load(connection)?;
    rows.into_iter().map(RuleRow::into_rule).collect()
}

pub fn find(connection: &mut DbConnection, name: RuleName) -> QueryResult<Option<DataProtectionRule>> {
    let row = data_protection_rules::table
        .find(name.as_str())
        .select(RuleRow::as_select())
        .get_result(connection)
        .optional()?;
    row.map(RuleRow::into_rule).transpose()
}

/// Writes the rule, adding it or replacing what stood; a new period purges from the start again.
pub fn save(connection: &mut DbConnection, rule: &DataProtectionRule) -> QueryResult<usize> {
    let amount = i32::try_from(rule.period.amount).unwrap_or(i32::MAX);
    let values = (
        data_protection_rules::amount.eq(amount),
        data_protection_rules::unit.eq(rule.period.unit.as_str()),
        data_protection_rules::basis.eq(&rule.basis),
        data_protection_rules::changed_by.eq(rule.changed_by.as_ref().map(UserId::as_str)),
        data_protection_rules::updated_at.eq(rule.updated_at),
        data_protection_rules::purged_through.eq(None::<NaiveDateTime>),
    );
    let updated =
        diesel::update(data_protection_rules::table.find(rule.name.as_str())).set(values).execute(connection)?;
    if updated > 0 {
        return Ok(updated);
    }
    diesel::insert_into(data_protection_rules::table)
        .values((data_protection_rules::rule.eq(rule.name.as_str()), values))
        .execute(connection)
}

/// The cutoff up to which the rule's purge has gone.
pub fn purged_through(connection: &mut DbConnection, name: RuleName) -> QueryResult<Option<NaiveDateTime>> {
    data_protection_rules::table
        .find(name.as_str())
        .select(data_protection_rules::purged_through)
        .get_result::<Option<NaiveDateTime>>(connection)
        .optional()
        .map(Option::flatten)
}

/// Records that the purge has gone up to `cutoff` (never backwards).
pub fn mark_purged_through(connection: &mut DbConnection, name: RuleName, cutoff: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        data_protection_rules::table.find(name.as_str()).filter(
            data_protection_rules::purged_through.is_null().or(data_protection_rules::purged_through.lt(cutoff)),
        ),
    )
    .set(data_protection_rules::purged_through.eq(cutoff))
    .execute(connection)
}
