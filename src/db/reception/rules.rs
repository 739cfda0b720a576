//! The reception-day minimum rules, every version kept: a new one ends the one before it.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::decode::Columns;
use crate::db::schema::reception_rules;
use crate::domain::ids::{ReceptionRuleId, UserId};
use crate::domain::reception::minimum::ReceptionRule;

const COLUMNS: Columns = Columns("reception_rules");

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = reception_rules)]
struct RuleRow {
    id: String,
    agency_kind: String,
    days: i32,
    per: String,
    basis: String,
    effective_from: NaiveDate,
    effective_to: Option<NaiveDate>,
    created_by: Option<String>,
    created_at: NaiveDateTime,
}

impl RuleRow {
    fn into_rule(self) -> QueryResult<ReceptionRule> {
        Ok(ReceptionRule {
            id: ReceptionRuleId::from_stored(self.id),
            agency_kind: COLUMNS.parse("agency_kind", &self.agency_kind)?,
            days: self.days,
            per: COLUMNS.parse("per", &self.per)?,
            basis: self.basis,
            effective_from: self.effective_from,
            effective_to: self.effective_to,
            created_by: self.created_by.map(UserId::from_stored),
            created_at: self.created_at,
        })
    }
}

/// Every version, by kind of agency and then in the order they took effect.
pub fn all(connection: &mut DbConnection) -> QueryResult<Vec<ReceptionRule>> {
    reception_rules::table
        .order((reception_rules::agency_kind.asc(), reception_rules::effective_from.asc()))
        .select(RuleRow::as_select())
        .load(connection)?
        .into_iter()
        .map(RuleRow::into_rule)
        .collect()
}

pub fn insert(connection: &mut DbConnection, rule: &ReceptionRule) -> QueryResult<usize> {
    let row = RuleRow {
        id: rule.id.to_string(),
        agency_kind: rule.agency_kind.as_str().to_string(),
        days: rule.days,
        per: rule.per.as_str().to_string(),
        basis: rule.basis.clone(),
        effective_from: rule.effective_from,
        effective_to: rule.effective_to,
        created_by: rule.created_by.as_ref().map(ToString::to_string),
        created_at: rule.created_at,
    };
    diesel::insert_into(reception_rules::table).values(&row).execute(connection)
}

/// Sets the last day `id` applies to.
pub fn end(connection: &mut DbConnection, id: &ReceptionRuleId, last_day: NaiveDate) -> QueryResult<usize> {
    diesel::update(reception_rules::table.find(id.as_str()))
        .set(reception_rules::effective_to.eq(Some(last_day)))
        .execute(connection)
}

/// Claims `month` for judging: true for the one caller that claims it first, in its transaction.
pub fn claim_month(connection: &mut DbConnection, month: &str, now: NaiveDateTime) -> QueryResult<bool> {
    use crate::db::schema::reception_months_judged as judged;
    let values = (judged::month.eq(month), judged::judged_at.eq(now), judged::short.eq(0));
    let insert = diesel::insert_into(judged::table).values(values).on_conflict_do_nothing();
    let claimed = match connection {
        DbConnection::Postgres(pg) => insert.execute(pg)?,
        DbConnection::Sqlite(sqlite) => insert.execute(sqlite)?,
    };
    Ok(claimed > 0)
}

/// How many heads the judgement of `month` found short.
pub fn set_month_short(connection: &mut DbConnection, month: &str, short: i32) -> QueryResult<usize> {
    use crate::db::schema::reception_months_judged as judged;
    diesel::update(judged::table.find(month)).set(judged::short.eq(short)).execute(connection)
}
