//! Routing rules as data, and where a new feedback or proposal goes: the agency of the most
//! specific rule in force, or the coordinating office's triage queue when none matches.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use serde_json::json;

use crate::db::routing_rules::{self, RoutingRuleRow};
use crate::db::{self, DbConnection, admin_units, categories};
use crate::domain::FieldError;
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::petition::PetitionKind;
use crate::domain::routing::{RoutingRule, most_specific_rule};
use crate::service::{ServiceError, ServiceResult, events};

/// The agency a feedback or proposal goes to by the rules in force `today`, if any rule matches.
pub fn route(
    connection: &mut DbConnection,
    kind: PetitionKind,
    category: &str,
    unit_path: &str,
    today: NaiveDate,
) -> ServiceResult<Option<String>> {
    let rules: Vec<RoutingRule> = routing_rules::valid_on(connection, today, Some(category))?
        .into_iter()
        .map(|row| RoutingRule {
            kind: row.kind.as_deref().and_then(|k| k.parse().ok()),
            category: row.category_code,
            unit_code: row.admin_unit_code,
            agency_id: row.agency_id,
        })
        .collect();
    Ok(most_specific_rule(&rules, kind, category, unit_path).map(|rule| rule.agency_id.clone()))
}

pub fn in_force(connection: &mut DbConnection, today: NaiveDate) -> ServiceResult<Vec<RoutingRuleRow>> {
    Ok(routing_rules::valid_on(connection, today, None)?)
}

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
    admin_id: &str,
    rule: NewRule,
    today: NaiveDate,
    now: NaiveDateTime,
) -> ServiceResult<RoutingRuleRow> {
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
    if !categories::find(connection, &rule.category)?.is_some_and(|c| c.active) {
        errors.push(FieldError::new("category", "is not a category in use"));
    }
    let unit_ok = AdminUnitCode::parse(&rule.admin_unit_code).is_ok()
        && admin_units::find_valid_on(connection, &rule.admin_unit_code, today)?.is_some();
    if !unit_ok {
        errors.push(FieldError::new("admin_unit_code", "is not an administrative unit in force today"));
    }
    let agency_ok = crate::service::reference::agencies::in_force(connection, &rule.agency_id, today)?.is_some();
    if !agency_ok {
        errors.push(FieldError::new("agency_id", "is not an agency in force today"));
    }
    if !errors.is_empty() {
        return Err(ServiceError::Invalid(errors));
    }
    db::transaction(connection, |c| {
        let row = RoutingRuleRow {
            id: uuid::Uuid::new_v4().to_string(),
            kind: kind.map(|k| k.as_str().to_string()),
            category_code: rule.category.clone(),
            admin_unit_code: rule.admin_unit_code.clone(),
            agency_id: rule.agency_id.clone(),
            valid_from: today,
            valid_to: None,
            created_by: Some(admin_id.to_string()),
            created_at: now,
        };
        routing_rules::insert(c, &row)?;
        events::record(
            c,
            Some(admin_id),
            "routing_rule.created",
            ("routing_rule", &row.id),
            json!({ "agency_id": row.agency_id }),
            now,
        )?;
        Ok(row)
    })
}

/// Ends a rule: from `today` on it routes nothing. Petitions already routed keep their agency.
pub fn end(
    connection: &mut DbConnection,
    admin_id: &str,
    id: &str,
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
        events::record(c, Some(admin_id), "routing_rule.ended", ("routing_rule", id), json!({}), now)
    })
}
