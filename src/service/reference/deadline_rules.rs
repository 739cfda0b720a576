//! Deadline rules as editable data: seeded from the statutory defaults, changed by
//! administrators (every change a new version, the old one kept), read by filing and handling.

use chrono::NaiveDateTime;
use serde_json::json;

use crate::db::deadline_rules::{self, DeadlineRuleRow};
use crate::db::{self, DbConnection};
use crate::domain::FieldError;
use crate::domain::deadline::{DeadlineRule, Period, Round, default_rules};
use crate::domain::petition::PetitionKind;
use crate::service::{ServiceError, ServiceResult, events};

pub fn to_row(rule: &DeadlineRule, valid_from: NaiveDateTime, changed_by: Option<&str>) -> DeadlineRuleRow {
    let (acceptance, acceptance_unit) = rule.acceptance.parts();
    let (resolution, resolution_unit) = rule.resolution.parts();
    let extension = rule.extension.map(Period::parts);
    DeadlineRuleRow {
        id: uuid::Uuid::new_v4().to_string(),
        kind: rule.kind.as_str().into(),
        round: rule.round.as_str().into(),
        acceptance: acceptance as i32,
        acceptance_unit: acceptance_unit.into(),
        resolution: resolution as i32,
        resolution_complex: rule.resolution_complex.parts().0 as i32,
        resolution_remote: rule.resolution_remote.parts().0 as i32,
        resolution_remote_complex: rule.resolution_remote_complex.parts().0 as i32,
        resolution_unit: resolution_unit.into(),
        extension: extension.map(|(n, _)| n as i32),
        extension_unit: extension.map(|(_, unit)| unit.to_string()),
        extensions_normal: i32::from(rule.extensions_allowed[0]),
        extensions_complex: i32::from(rule.extensions_allowed[1]),
        extensions_especially_complex: i32::from(rule.extensions_allowed[2]),
        source: rule.source.clone(),
        valid_from,
        valid_to: None,
        changed_by: changed_by.map(String::from),
    }
}

pub fn from_row(row: &DeadlineRuleRow) -> ServiceResult<DeadlineRule> {
    let broken = || ServiceError::Internal(anyhow::anyhow!("deadline rule {} is malformed", row.id));
    let period =
        |n: i32, unit: &str| Period::from_parts(u32::try_from(n).map_err(|_| broken())?, unit).ok_or_else(broken);
    let count = |n: i32| u8::try_from(n).map_err(|_| broken());
    Ok(DeadlineRule {
        kind: row.kind.parse().map_err(|_| broken())?,
        round: row.round.parse().map_err(|_| broken())?,
        acceptance: period(row.acceptance, &row.acceptance_unit)?,
        resolution: period(row.resolution, &row.resolution_unit)?,
        resolution_complex: period(row.resolution_complex, &row.resolution_unit)?,
        resolution_remote: period(row.resolution_remote, &row.resolution_unit)?,
        resolution_remote_complex: period(row.resolution_remote_complex, &row.resolution_unit)?,
        extension: match (row.extension, row.extension_unit.as_deref()) {
            (Some(n), Some(unit)) => Some(period(n, unit)?),
            _ => None,
        },
        extensions_allowed: [
            count(row.extensions_normal)?,
            count(row.extensions_complex)?,
            count(row.extensions_especially_complex)?,
        ],
        source: row.source.clone(),
    })
}

/// Installs the statutory defaults (once, with the reference data).
pub fn install_defaults(connection: &mut DbConnection) -> ServiceResult<()> {
    let now = db::now_utc();
    for rule in default_rules() {
        if deadline_rules::current(connection, rule.kind.as_str(), rule.round.as_str())?.is_none() {
            deadline_rules::insert(connection, &to_row(&rule, now, None))?;
        }
    }
    Ok(())
}

/// The rule in force for a kind and round; the statutory default if an administrator removed it.
pub fn current(connection: &mut DbConnection, kind: PetitionKind, round: Round) -> ServiceResult<DeadlineRule> {
    match deadline_rules::current(connection, kind.as_str(), round.as_str())? {
        Some(row) => from_row(&row),
        None => default_rules()
            .into_iter()
            .find(|rule| rule.kind == kind && rule.round == round)
            .ok_or_else(|| ServiceError::NotFound(format!("no deadline rule for a {round}-round {kind}"))),
    }
}

pub fn list(connection: &mut DbConnection, history: bool) -> ServiceResult<Vec<DeadlineRuleRow>> {
    Ok(deadline_rules::list(connection, history)?)
}

/// Checks a rule an administrator wrote.
pub fn check(rule: &DeadlineRule) -> ServiceResult<()> {
    let mut errors = Vec::new();
    let periods = [
        ("acceptance", Some(rule.acceptance)),
        ("resolution.normal", Some(rule.resolution)),
        ("resolution.complex", Some(rule.resolution_complex)),
        ("resolution.remote", Some(rule.resolution_remote)),
        ("resolution.remote_complex", Some(rule.resolution_remote_complex)),
        ("extension", rule.extension),
    ];
    for (field, period) in periods {
        if let Some(period) = period
            && !(1..=365).contains(&period.parts().0)
        {
            errors.push(FieldError::new(field, "must be from 1 to 365"));
        }
    }
    if rule.extensions_allowed.iter().any(|n| *n > 5) {
        errors.push(FieldError::new("extensions_allowed", "each must be from 0 to 5"));
    }
    if rule.extension.is_none() && rule.extensions_allowed.iter().any(|n| *n > 0) {
        errors.push(FieldError::new("extension", "is required when extensions are allowed"));
    }
    if rule.round == Round::Second && rule.kind != PetitionKind::Complaint {
        errors.push(FieldError::new("round", "only complaints have a second round"));
    }
    let source = rule.source.trim();
    if source.is_empty() || source.chars().count() > 300 || source.chars().any(char::is_control) {
        errors
            .push(FieldError::new("source", "must name the article of law or the local policy (1 to 300 characters)"));
    }
    if errors.is_empty() { Ok(()) } else { Err(ServiceError::Invalid(errors)) }
}

/// Replaces the rule in force for its kind and round; the old version keeps its dates.
pub fn replace(
    connection: &mut DbConnection,
    admin_id: &str,
    rule: DeadlineRule,
    now: NaiveDateTime,
) -> ServiceResult<DeadlineRuleRow> {
    check(&rule)?;
    db::transaction(connection, |c| {
        if let Some(old) = deadline_rules::current(c, rule.kind.as_str(), rule.round.as_str())? {
            deadline_rules::end(c, &old.id, now)?;
        }
        let row = to_row(&rule, now, Some(admin_id));
        deadline_rules::insert(c, &row)?;
        let subject = format!("{}:{}", rule.kind, rule.round);
        events::record(
            c,
            Some(admin_id),
            "deadline_rule.replaced",
            ("deadline_rule", &subject),
            json!({ "id": row.id }),
            now,
        )?;
        Ok(row)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_rule_survives_a_round_trip_through_its_row() {
        let now = db::now_utc();
        for rule in default_rules() {
            assert_eq!(from_row(&to_row(&rule, now, None)).unwrap(), rule);
        }
    }

    #[test]
    fn absurd_rules_are_refused() {
        let mut rule = default_rules().remove(0);
        rule.resolution = Period::Days(0);
        rule.extensions_allowed = [9, 0, 0];
        rule.source = String::new();
        match check(&rule) {
            Err(ServiceError::Invalid(errors)) => {
                let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
                assert_eq!(fields, ["resolution.normal", "extensions_allowed", "extension", "source"]);
            }
            other => panic!("{other:?}"),
        }
    }
}
