//! The consultation rules: the minimum window per kind and the days to the synthesis, each
//! naming its basis; administrators may change them.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::consultation_rules;
use crate::domain::consultations::ConsultationRule;
use crate::domain::ids::UserId;

type RuleRow = (String, i32, String, Option<String>, NaiveDateTime);

fn rule_of((rule, days, basis, changed_by, updated_at): RuleRow) -> ConsultationRule {
    ConsultationRule { rule, days, basis, changed_by: changed_by.map(UserId::from_stored), updated_at }
}

const COLUMNS: (
    consultation_rules::rule,
    consultation_rules::days,
    consultation_rules::basis,
    consultation_rules::changed_by,
    consultation_rules::updated_at,
) = (
    consultation_rules::rule,
    consultation_rules::days,
    consultation_rules::basis,
    consultation_rules::changed_by,
    consultation_rules::updated_at,
);

pub fn all(connection: &mut DbConnection) -> QueryResult<Vec<ConsultationRule>> {
    let rows: Vec<RuleRow> =
        consultation_rules::table.order(consultation_rules::rule.asc()).select(COLUMNS).load(connection)?;
    Ok(rows.into_iter().map(rule_of).collect())
}

pub fn find(connection: &mut DbConnection, rule: &str) -> QueryResult<Option<ConsultationRule>> {
    let row: Option<RuleRow> =
        consultation_rules::table.find(rule).select(COLUMNS).get_result(connection).optional()?;
    Ok(row.map(rule_of))
}

pub fn replace(
    connection: &mut DbConnection,
    rule: &str,
    days: i32,
    basis: &str,
    by: &UserId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(consultation_rules::table.find(rule))
        .set((
            consultation_rules::days.eq(days),
            consultation_rules::basis.eq(basis),
            consultation_rules::changed_by.eq(by.as_str()),
            consultation_rules::updated_at.eq(now),
        ))
        .execute(connection)
}
