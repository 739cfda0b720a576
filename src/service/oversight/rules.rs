//! The supervision rules as administrators read and change them: each a period in days with the
//! basis it comes from; each change an event.

use chrono::NaiveDateTime;
use serde_json::json;

use crate::db::oversight::rules;
use crate::db::{self, DbConnection};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::UserId;
use crate::domain::oversight::rules::SupervisionRule;
use crate::domain::rule_period;
use crate::service::{ServiceError, ServiceResult, events};

/// Days an agency has to answer a recommendation after supervision.
pub const RECOMMENDATION_RESPONSE: &str = "recommendation_response";

pub fn list(connection: &mut DbConnection) -> ServiceResult<Vec<SupervisionRule>> {
    Ok(rules::all(connection)?)
}

/// The period of a rule every deployment has (installed by its migration).
pub fn days(connection: &mut DbConnection, rule: &str) -> ServiceResult<i32> {
    let found = rules::find(connection, rule)?;
    found
        .map(|r| r.days)
        .ok_or_else(|| ServiceError::Internal(anyhow::anyhow!("the supervision rule {rule} is missing")))
}

pub fn replace(
    connection: &mut DbConnection,
    admin: &UserId,
    rule: &str,
    days: i64,
    basis: &str,
    now: NaiveDateTime,
) -> ServiceResult<SupervisionRule> {
    let mut errors = Vec::new();
    let (days, basis) = rule_period::checked(&mut errors, days, basis);
    ServiceError::unless_valid(errors)?;
    db::transaction(connection, |c| {
        if rules::replace(c, rule, days, &basis, admin, now)? == 0 {
            return Err(ServiceError::NotFound(format!("no supervision rule is named {rule:?}")));
        }
        let data = json!({ "days": days });
        events::record(c, Some(admin), EventKind::SupervisionRuleChanged, Subject::SupervisionRule(rule), data, now)?;
        rules::find(c, rule)?.ok_or_else(|| ServiceError::NotFound(format!("no supervision rule is named {rule:?}")))
    })
}
