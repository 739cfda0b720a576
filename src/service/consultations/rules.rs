//! The consultation rules as administrators read and change them: the minimum window per kind and
//! the days to the synthesis, each with its basis; each change an event.

use chrono::NaiveDateTime;
use serde_json::json;

use crate::db::consultations::rules;
use crate::db::{self, DbConnection};
use crate::domain::consultations::ConsultationRule;
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::UserId;
use crate::domain::rule_period;
use crate::service::{ServiceError, ServiceResult, events};

pub fn list(connection: &mut DbConnection) -> ServiceResult<Vec<ConsultationRule>> {
    Ok(rules::all(connection)?)
}

/// A rule every deployment has (installed by its migration).
pub fn rule(connection: &mut DbConnection, name: &str) -> ServiceResult<ConsultationRule> {
    rules::find(connection, name)?
        .ok_or_else(|| ServiceError::Internal(anyhow::anyhow!("the consultation rule {name} is missing")))
}

pub fn replace(
    connection: &mut DbConnection,
    admin: &UserId,
    rule: &str,
    days: i64,
    basis: &str,
    now: NaiveDateTime,
) -> ServiceResult<ConsultationRule> {
    let mut errors = Vec::new();
    let (days, basis) = rule_period::checked(&mut errors, days, basis);
    ServiceError::unless_valid(errors)?;
    let unknown = || ServiceError::NotFound(format!("no consultation rule is named {rule:?}"));
    db::transaction(connection, |c| {
        if rules::replace(c, rule, days, &basis, admin, now)? == 0 {
            return Err(unknown());
        }
        let data = json!({ "days": days });
        events::record(c, Some(admin), EventKind::ConsultationRuleChanged, Subject::ConsultationRule(rule), data, now)?;
        rules::find(c, rule)?.ok_or_else(unknown)
    })
}
