//! Deadline rules as editable data: seeded from the statutory defaults, changed by administrators
//! (every change a new version, the old one kept), read by filing and handling.

use chrono::NaiveDateTime;
use serde_json::json;

use crate::db::{self, DbConnection, deadline_rules};
use crate::domain::deadline::{DeadlineRule, DeadlineRuleVersion, Round, default_rules};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::{DeadlineRuleId, UserId};
use crate::domain::petition::PetitionKind;
use crate::service::{ServiceError, ServiceResult, events};

/// The rule in force for a kind and round; the statutory default if an administrator removed it.
pub fn current(connection: &mut DbConnection, kind: PetitionKind, round: Round) -> ServiceResult<DeadlineRule> {
    match deadline_rules::current(connection, kind, round)? {
        Some(version) => Ok(version.rule),
        None => default_rules()
            .into_iter()
            .find(|rule| rule.kind == kind && rule.round == round)
            .ok_or_else(|| ServiceError::NotFound(format!("no deadline rule for a {round}-round {kind}"))),
    }
}

pub fn list(connection: &mut DbConnection, history: bool) -> ServiceResult<Vec<DeadlineRuleVersion>> {
    Ok(deadline_rules::list(connection, history)?)
}

/// Replaces the rule in force for its kind and round; the old version keeps its dates.
pub fn replace(
    connection: &mut DbConnection,
    admin_id: &UserId,
    rule: DeadlineRule,
    now: NaiveDateTime,
) -> ServiceResult<DeadlineRuleVersion> {
    rule.check().map_err(ServiceError::Invalid)?;
    db::transaction(connection, |c| {
        if let Some(old) = deadline_rules::current(c, rule.kind, rule.round)? {
            deadline_rules::end(c, &old.id, now)?;
        }
        let subject = Subject::DeadlineRule(rule.kind, rule.round);
        let version = DeadlineRuleVersion {
            id: DeadlineRuleId::from(uuid::Uuid::new_v4()),
            rule,
            valid_from: now,
            valid_to: None,
            changed_by: Some(admin_id.clone()),
        };
        deadline_rules::insert(c, &version)?;
        events::record(c, Some(admin_id), EventKind::DeadlineRuleReplaced, subject, json!({ "id": version.id }), now)?;
        Ok(version)
    })
}
