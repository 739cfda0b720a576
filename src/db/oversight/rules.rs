//! The supervision rules: periods administrators may change, each naming its basis.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::supervision_rules;
use crate::domain::ids::UserId;
use crate::domain::oversight::rules::SupervisionRule;

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = supervision_rules)]
struct RuleRow {
    rule: String,
    days: i32,
    basis: String,
    changed_by: Option<String>,
    updated_at: NaiveDateTime,
}

impl From<RuleRow> for SupervisionRule {
    fn from(row: RuleRow) -> Self {
        SupervisionRule {
            rule: row.rule,
            days: row.days,
            basis: row.basis,
            changed_by: row.changed_by.map(UserId::from_stored),
            updated_at: row.updated_at,
        }
    }
}

pub fn all(connection: &mut DbConnection) -> QueryResult<Vec<SupervisionRule>> {
    let rows =
        supervision_rules::table.order(supervision_rules::rule.asc()).select(RuleRow::as_select()).load(connection)?;
    Ok(rows.into_iter().map(SupervisionRule::from).collect())
}

pub fn find(connection: &mut DbConnection, rule: &str) -> QueryResult<Option<SupervisionRule>> {
    let row = supervision_rules::table.find(rule).select(RuleRow::as_select()).get_result(connection).optional()?;
    Ok(row.map(SupervisionRule::from))
}

pub fn replace(
    connection: &mut DbConnection,
    rule: &str,
    days: i32,
    basis: &str,
    by: &UserId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(supervision_rules::table.find(rule))
        .set((
            supervision_rules::days.eq(days),
            supervision_rules::basis.eq(basis),
            supervision_rules::changed_by.eq(by.as_str()),
            supervision_rules::updated_at.eq(now),
        ))
        .execute(connection)
}
