//! Deadline rules, versioned: the current one per (kind, round) has no `valid_to`. Rows become
//! `DeadlineRuleVersion` here, each period read back with its unit.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::decode::Columns;
use super::schema::deadline_rules;
use crate::domain::deadline::{DeadlineRule, DeadlineRuleVersion, Period, Round};
use crate::domain::ids::{DeadlineRuleId, UserId};
use crate::domain::petition::PetitionKind;

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable)]
#[diesel(table_name = deadline_rules)]
struct DeadlineRuleRow {
    id: String,
    kind: String,
    round: String,
    acceptance: i32,
    acceptance_unit: String,
    resolution: i32,
    resolution_complex: i32,
    resolution_remote: i32,
    resolution_remote_complex: i32,
    resolution_unit: String,
    extension: Option<i32>,
    extension_unit: Option<String>,
    extensions_normal: i32,
    extensions_complex: i32,
    extensions_especially_complex: i32,
    source: String,
    valid_from: NaiveDateTime,
    valid_to: Option<NaiveDateTime>,
    changed_by: Option<String>,
    acceptance_extended: Option<i32>,
    acceptance_extended_unit: Option<String>,
    forwarding: Option<i32>,
    forwarding_unit: Option<String>,
}

const COLUMNS: Columns = Columns("deadline_rules");

impl DeadlineRuleRow {
    fn of(version: &DeadlineRuleVersion) -> Self {
        let rule = &version.rule;
        let length = |period: Period| i32::try_from(period.parts().0).unwrap_or(i32::MAX);
        let unit = |period: Option<Period>| period.map(|p| p.parts().1.to_string());
        DeadlineRuleRow {
            id: version.id.to_string(),
            kind: rule.kind.as_str().into(),
            round: rule.round.as_str().into(),
            acceptance: length(rule.acceptance),
            acceptance_unit: rule.acceptance.parts().1.into(),
            resolution: length(rule.resolution),
            resolution_complex: length(rule.resolution_complex),
            resolution_remote: length(rule.resolution_remote),
            resolution_remote_complex: length(rule.resolution_remote_complex),
            resolution_unit: rule.resolution.parts().1.into(),
            extension: rule.extension.map(length),
            extension_unit: unit(rule.extension),
            extensions_normal: i32::from(rule.extensions_allowed[0]),
            extensions_complex: i32::from(rule.extensions_allowed[1]),
            extensions_especially_complex: i32::from(rule.extensions_allowed[2]),
            source: rule.source.clone(),
            valid_from: version.valid_from,
            valid_to: version.valid_to,
            changed_by: version.changed_by.as_ref().map(ToString::to_string),
            acceptance_extended: rule.acceptance_extended.map(length),
            acceptance_extended_unit: unit(rule.acceptance_extended),
            forwarding: rule.forwarding.map(length),
            forwarding_unit: unit(rule.forwarding),
        }
    }

    fn into_version(self) -> QueryResult<DeadlineRuleVersion> {
        let period = |column: &'static str, n: i32, unit: &str| {
            u32::try_from(n)
                .ok()
                .and_then(|n| Period::from_parts(n, unit))
                .ok_or_else(|| COLUMNS.unreadable(column, &format!("{n} {unit}"), "not a period"))
        };
        let optional = |column: &'static str, n: Option<i32>, unit: Option<&str>| match (n, unit) {
            (Some(n), Some(unit)) => period(column, n, unit).map(Some),
            (None, None) => Ok(None),
            (n, _) => Err(COLUMNS.unreadable(column, &format!("{n:?} {unit:?}"), "a length without its unit")),
        };
        let count = |column: &'static str, n: i32| {
            u8::try_from(n).map_err(|_| COLUMNS.unreadable(column, &n.to_string(), "not a count of extensions"))
        };
        let rule = DeadlineRule {
            kind: COLUMNS.parse::<PetitionKind>("kind", &self.kind)?,
            round: COLUMNS.parse::<Round>("round", &self.round)?,
            acceptance: period("acceptance", self.acceptance, &self.acceptance_unit)?,
            acceptance_extended: optional(
                "acceptance_extended",
                self.acceptance_extended,
                self.acceptance_extended_unit.as_deref(),
            )?,
            forwarding: optional("forwarding", self.forwarding, self.forwarding_unit.as_deref())?,
            resolution: period("resolution", self.resolution, &self.resolution_unit)?,
            resolution_complex: period("resolution_complex", self.resolution_complex, &self.resolution_unit)?,
            resolution_remote: period("resolution_remote", self.resolution_remote, &self.resolution_unit)?,
            resolution_remote_complex: period(
                "resolution_remote_complex",
                self.resolution_remote_complex,
                &self.resolution_unit,
            )?,
            extension: optional("extension", self.extension, self.extension_unit.as_deref())?,
            extensions_allowed: [
                count("extensions_normal", self.extensions_normal)?,
                count("extensions_complex", self.extensions_complex)?,
                count("extensions_especially_complex", self.extensions_especially_complex)?,
            ],
            source: self.source,
        };
        Ok(DeadlineRuleVersion {
            id: DeadlineRuleId::from_stored(self.id),
            rule,
            valid_from: self.valid_from,
            valid_to: self.valid_to,
            changed_by: self.changed_by.map(UserId::from_stored),
        })
    }
}

pub fn insert(connection: &mut DbConnection, version: &DeadlineRuleVersion) -> QueryResult<usize> {
    diesel::insert_into(deadline_rules::table).values(DeadlineRuleRow::of(version)).execute(connection)
}

pub fn current(
    connection: &mut DbConnection,
    kind: PetitionKind,
    round: Round,
) -> QueryResult<Option<DeadlineRuleVersion>> {
    let row = deadline_rules::table
        .filter(deadline_rules::kind.eq(kind.as_str()))
        .filter(deadline_rules::round.eq(round.as_str()))
        .filter(deadline_rules::valid_to.is_null())
        .select(DeadlineRuleRow::as_select())
        .get_result(connection)
        .optional()?;
    row.map(DeadlineRuleRow::into_version).transpose()
}

/// Every current rule, or every version ever when `history`, in a stable order.
pub fn list(connection: &mut DbConnection, history: bool) -> QueryResult<Vec<DeadlineRuleVersion>> {
    let mut query = deadline_rules::table.into_boxed();
    if !history {
        query = query.filter(deadline_rules::valid_to.is_null());
    }
    let rows = query
        .order((deadline_rules::kind.asc(), deadline_rules::round.asc(), deadline_rules::valid_from.asc()))
        .select(DeadlineRuleRow::as_select())
        .load(connection)?;
    rows.into_iter().map(DeadlineRuleRow::into_version).collect()
}

pub fn end(connection: &mut DbConnection, id: &DeadlineRuleId, at: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(deadline_rules::table.find(id.as_str()).filter(deadline_rules::valid_to.is_null()))
        .set(deadline_rules::valid_to.eq(at))
        .execute(connection)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deadline::default_rules;

    #[test]
    fn every_default_rule_survives_a_round_trip_through_its_row() {
        let now = NaiveDateTime::default();
        for rule in default_rules() {
            let version = DeadlineRuleVersion {
                id: DeadlineRuleId::from(uuid::Uuid::nil()),
                rule,
                valid_from: now,
                valid_to: None,
                changed_by: None,
            };
            assert_eq!(DeadlineRuleRow::of(&version).into_version().unwrap(), version);
        }
    }

    /// A database installed before the articles were named receives them from the migration:
    /// the shipped rules and the migration must say the same.
    #[test]
    fn the_migration_names_the_articles_the_shipped_rules_name() {
        for migration in [
            include_str!("../../migrations/sqlite/2026-11-29-000009_statutory_routes_and_suspension/up.sql"),
            include_str!("../../migrations/postgres/2026-11-29-000009_statutory_routes_and_suspension/up.sql"),
        ] {
            for rule in default_rules().iter().filter(|rule| rule.kind != PetitionKind::Feedback) {
                let local = rule.source.starts_with("local policy");
                assert!(local || migration.contains(&format!("'{}'", rule.source)), "{}", rule.source);
            }
        }
    }
}
