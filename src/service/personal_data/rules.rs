//! The data-protection rules as administrators read and change them: each change names its basis
//! and is an event.

use chrono::NaiveDateTime;
use serde_json::json;

use crate::db::personal_data::rules;
use crate::db::{self, DbConnection};
use crate::domain::FieldError;
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::UserId;
use crate::domain::personal_data::rules::{DataProtectionRule, Period, PeriodUnit, RuleName};
use crate::domain::text::reference_text;
use crate::service::{ServiceError, ServiceResult, events};

pub fn list(connection: &mut DbConnection) -> ServiceResult<Vec<DataProtectionRule>> {
    Ok(rules::all(connection)?)
}

/// The rule in force, which every deployment has (installed with the shipped data).
pub fn current(connection: &mut DbConnection, name: RuleName) -> ServiceResult<DataProtectionRule> {
    rules::find(connection, name)?
        .ok_or_else(|| ServiceError::Internal(anyhow::anyhow!("the data-protection rule {name:?} is missing")))
}

/// A new period for a rule, as an administrator sent it.
#[derive(Debug, Clone)]
pub struct RuleChange {
    pub amount: i64,
    pub unit: String,
    pub basis: String,
}

pub fn replace(
    connection: &mut DbConnection,
    admin: &UserId,
    name: &str,
    change: RuleChange,
    now: NaiveDateTime,
) -> ServiceResult<DataProtectionRule> {
    let name: RuleName =
        name.parse().map_err(|_| ServiceError::NotFound(format!("no data-protection rule is named {name:?}")))?;
    let mut errors = Vec::<FieldError>::new();
    let unit = match change.unit.parse::<PeriodUnit>() {
        Ok(unit) => Some(unit),
        Err(unknown) => {
            errors.push(FieldError::new("unit", unknown.to_string()));
            None
        }
    };
    let period = unit.and_then(|unit| Period::checked(change.amount, unit, &mut errors));
    let basis = reference_text(&mut errors, "basis", &change.basis, 500, false);
    ServiceError::unless_valid(errors)?;
    let Some(period) = period else { return Err(ServiceError::invalid("amount", "is required")) };
    db::transaction(connection, |c| {
        let before = current(c, name)?;
        let rule = DataProtectionRule { name, period, basis, changed_by: Some(admin.clone()), updated_at: now };
        rules::save(c, &rule)?;
        let data = json!({
            "amount": period.amount,
            "unit": period.unit.as_str(),
            "previous": { "amount": before.period.amount, "unit": before.period.unit.as_str() },
        });
        events::record(
            c,
            Some(admin),
            EventKind::DataProtectionRuleChanged,
            Subject::DataProtectionRule(name),
            data,
            now,
        )?;
        Ok(rule)
    })
}
