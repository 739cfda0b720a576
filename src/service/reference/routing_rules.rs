//! Routing rules as data, and where a new feedback or proposal goes: the agency of the most
//! specific rule in force, or the coordinating office's triage queue when none matches.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use serde_json::json;

use crate::db::{self, DbConnection, admin_units, categories, routing_rules};
use crate::domain::FieldError;
use crate::domain::admin_unit::{AdminUnitCode, UnitPath};
use crate::domain::category::CategoryCode;
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::{AgencyId, RoutingRuleId, UserId};
use crate::domain::petition::PetitionKind;
use crate::domain::routing::{RoutingRule, RoutingRuleRecord, most_specific_rule};
use crate::service::reference::cache::ReferenceCache;
use crate::service::{ServiceError, ServiceResult, events, reference::agencies};

/// The agency a feedback or proposal goes to by the rules in force `today` (this process's copy,
/// `ReferenceCache`), if any rule matches.
pub fn route(
    connection: &mut DbConnection,
    reference: &ReferenceCache,
    kind: PetitionKind,
    category: &CategoryCode,
    unit_path: &UnitPath,
    today: NaiveDate,
) -> ServiceResult<Option<AgencyId>> {
    let rules = reference.routing_rules_on(connection, today)?;
    Ok(most_specific_rule(&rules, kind, category, unit_path).map(|rule| rule.agency_id.clone()))
}

pub fn in_force(connection: &mut DbConnection, today: NaiveDate) -> ServiceResult<Vec<RoutingRuleRecord>> {
    Ok(routing_rules::valid_on(connection, today, None)?)
}

/// A rule as an administrator writes it.
#[derive(Debug, Clone)]
pub struct NewRule {
    pub kind: Option<String>,
    pub category: String,
    pub admin_unit_code: String,
    pub agency_id: String,
}

/// Adds a rule in force from `today`; everything it names must exist and be in force.
pub fn create(
    connection: &mut DbConnection,
    admin_id: &UserId,
    rule: NewRule,
    today: NaiveDate,
    now: NaiveDateTime,
) -> ServiceResult<RoutingRuleRecord> {
    let mut errors = Vec::new();
    let kind = match rule.kind.as_deref() {
        None => None,
        Some(text) => match text.parse::<PetitionKind>() {
            Ok(kind @ (PetitionKind::Feedback | PetitionKind::Proposal)) => Some(kind),
            _ => {
                errors.push(FieldError::new("kind", "must be feedback or proposal (complaints and denunciations follow the law's routes), or left out for both"));
                None
            }
        },
    };
    let category = match CategoryCode::parse(&rule.category) {
        Ok(code) if categories::find(connection, &code)?.is_some_and(|c| c.active) => Some(code),
        _ => None,
    };
    if category.is_none() {
        errors.push(FieldError::new("category", "is not a category in use"));
    }
    let unit = match AdminUnitCode::parse(&rule.admin_unit_code) {
        Ok(code) if admin_units::find_valid_on(connection, code.as_str(), today)?.is_some() => Some(code),
        _ => None,
    };
    if unit.is_none() {
        errors.push(FieldError::new("admin_unit_code", "is not an administrative unit in force today"));
    }
    let agency = agencies::in_force(connection, &rule.agency_id, today)?;
    if agency.is_none() {
        errors.push(FieldError::new("agency_id", "is not an agency in force today"));
    }
    let (Some(category), Some(unit_code), Some(agency)) = (category, unit, agency) else {
        return Err(ServiceError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    db::transaction(connection, |c| {
        let record = RoutingRuleRecord {
            id: RoutingRuleId::from(uuid::Uuid::new_v4()),
            rule: RoutingRule { kind, category, unit_code, agency_id: agency.id },
            valid_from: today,
            valid_to: None,
            created_by: Some(admin_id.clone()),
            created_at: now,
        };
        routing_rules::insert(c, &record)?;
        let data = json!({ "agency_id": record.rule.agency_id });
        events::record(c, Some(admin_id), EventKind::RoutingRuleCreated, Subject::RoutingRule(&record.id), data, now)?;
        Ok(record)
    })
}

/// Ends a rule: from `today` on it routes nothing. Petitions already routed keep their agency.
pub fn end(
    connection: &mut DbConnection,
    admin_id: &UserId,
    id: &RoutingRuleId,
    today: NaiveDate,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    db::transaction(connection, |c| {
        let rule = routing_rules::find(c, id)?
            .ok_or_else(|| ServiceError::NotFound(format!("no routing rule has the id {id}")))?;
        if rule.valid_to.is_some_and(|to| to < today) {
            return Err(ServiceError::NotFound(format!("the routing rule {id} has already ended")));
        }
        routing_rules::end(c, id, today - TimeDelta::days(1))?;
        events::record(c, Some(admin_id), EventKind::RoutingRuleEnded, Subject::RoutingRule(id), json!({}), now)
    })
}
