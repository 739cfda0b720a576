//! The legal minimum of reception days, kept as data: its versions listed and added by
//! administrators, and each head's month judged under the version in force on the month's first
//! day — for one agency, or as the shortfalls across an overseer's scope.

use chrono::{NaiveDate, TimeDelta};
use serde_json::json;

use super::{agency, reads_record, unit_path_of};
use crate::db::agencies::AgencyFilter;
use crate::db::reception::{rules, sessions};
use crate::db::{self, DbConnection, agencies, users};
use crate::domain::account::Role;
use crate::domain::agency::{Agency, AgencyKind};
use crate::domain::authorization::{self, Action, Actor};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::{AgencyId, ReceptionRuleId, UserId};
use crate::domain::reception::minimum::{self, Per, ReceptionRule};
use crate::domain::reception::month::{self, Judgement, Month};
use crate::domain::text::clean_text;
use crate::service::reference::admin_units;
use crate::service::{Context, ServiceError, ServiceResult, events};

/// The most agencies one listing of shortfalls judges.
pub const MAX_AGENCIES: i64 = 5_000;

fn only_administrators(actor: &Actor) -> ServiceResult<()> {
    authorization::authorize(actor, &Action::ManageReferenceData).map_err(|_| ServiceError::Forbidden)
}

pub fn list_rules(connection: &mut DbConnection, actor: &Actor) -> ServiceResult<Vec<ReceptionRule>> {
    only_administrators(actor)?;
    Ok(rules::all(connection)?)
}

#[derive(Debug, Clone)]
pub struct NewRule {
    pub agency_kind: String,
    pub days: i32,
    pub per: String,
    pub basis: String,
    pub effective_from: NaiveDate,
}

/// Adds a version of the minimum for a kind of agency; the version it supersedes ends the day
/// before. Months already judged keep the version that was in force for them.
pub fn add_rule(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    new: NewRule,
) -> ServiceResult<ReceptionRule> {
    only_administrators(actor)?;
    let now = context.now();
    let mut errors = Vec::new();
    let kind = new.agency_kind.parse::<AgencyKind>().map_err(|e| errors.push(invalid("agency_kind", e)));
    let per = new.per.parse::<Per>().map_err(|e| errors.push(invalid("per", e)));
    if !(1..=31).contains(&new.days) {
        errors.push(crate::domain::FieldError::new("days", "must be from 1 to 31"));
    }
    let basis = clean_text(&mut errors, "basis", &new.basis, 10..=1_000, false);
    ServiceError::unless_valid(errors)?;
    let (Ok(agency_kind), Ok(per)) = (kind, per) else {
        return Err(ServiceError::invalid("agency_kind", "must be a kind of agency"));
    };
    db::transaction(connection, |c| {
        let all = rules::all(c)?;
        let superseded = minimum::superseded(&all, agency_kind, new.effective_from).map_err(|early| {
            ServiceError::invalid(
                "effective_from",
                format!("must be after {}, when the latest version for {agency_kind} took effect", early.latest_start),
            )
        })?;
        if let Some(previous) = superseded {
            rules::end(c, &previous.id, new.effective_from - TimeDelta::days(1))?;
        }
        let rule = ReceptionRule {
            id: ReceptionRuleId::from(uuid::Uuid::new_v4()),
            agency_kind,
            days: new.days,
            per,
            basis,
            effective_from: new.effective_from,
            effective_to: None,
            created_by: Some(actor.user_id.clone()),
            created_at: now,
        };
        rules::insert(c, &rule)?;
        let data = json!({
            "agency_kind": agency_kind, "days": rule.days, "per": per,
            "effective_from": rule.effective_from.to_string(),
            "superseded": superseded.map(|previous| previous.id.to_string()),
        });
        events::record(
            c,
            Some(&actor.user_id),
            EventKind::ReceptionRuleAdded,
            Subject::ReceptionRule(&rule.id),
            data,
            now,
        )?;
        Ok(rule)
    })
}

fn invalid(field: &str, error: crate::domain::UnknownValue) -> crate::domain::FieldError {
    crate::domain::FieldError::new(field, error.to_string())
}

/// A head's month against the minimum.
#[derive(Debug, Clone)]
pub struct MonthStanding {
    pub agency: Agency,
    pub month: Month,
    /// The head in office now, if the agency has one: the minimum is theirs to keep.
    pub head: Option<(UserId, String)>,
    /// The version in force on the month's first day; `None` where the law sets no minimum.
    pub rule: Option<ReceptionRule>,
    pub judgement: Option<Judgement>,
}

fn standing(
    c: &mut DbConnection,
    all_rules: &[ReceptionRule],
    agency: Agency,
    month: Month,
) -> ServiceResult<MonthStanding> {
    let rule = minimum::in_force(all_rules, agency.kind, month.first_day()).cloned();
    let judgement = match &rule {
        Some(rule) => {
            let (from, to) = month.span(rule.per);
            let days = sessions::head_reception_days(c, &agency.id, from, to)?;
            Some(month::judge(month, rule, &days))
        }
        None => None,
    };
    let head = match users::current_head_term(c, &agency.id)? {
        Some(term) => users::find(c, &term.user_id)?.map(|user| (user.id, user.full_name)),
        None => None,
    };
    Ok(MonthStanding { agency, month, head, rule, judgement })
}

/// One agency's month, for those who read its reception record.
pub fn month_of_agency(
    connection: &mut DbConnection,
    actor: &Actor,
    agency_id: &AgencyId,
    month: Month,
    today: NaiveDate,
) -> ServiceResult<MonthStanding> {
    let found = agency(connection, agency_id)?;
    reads_record(connection, actor, &found, today)?;
    let all_rules = rules::all(connection)?;
    standing(connection, &all_rules, found, month)
}

/// Every head whose held and scheduled sessions fall short of the minimum in `month`, among the
/// agencies an administrator names by unit, or in a monitor's or inspector's scope.
pub fn shortfalls(
    connection: &mut DbConnection,
    actor: &Actor,
    month: Month,
    admin_unit: Option<&str>,
    today: NaiveDate,
) -> ServiceResult<Vec<MonthStanding>> {
    let scope = match actor.role {
        Role::Admin => admin_unit.map(str::to_string),
        _ if actor.role.oversees() => {
            let own = actor.scope_admin_unit.as_ref().map(ToString::to_string).ok_or(ServiceError::Forbidden)?;
            if let Some(unit) = admin_unit {
                let path = admin_units::path_of(connection, unit, today)?
                    .ok_or_else(|| ServiceError::invalid("admin_unit", "is not an administrative unit"))?;
                if !path.includes(&own) {
                    return Err(ServiceError::Forbidden);
                }
            }
            Some(admin_unit.map_or(own, str::to_string))
        }
        _ => return Err(ServiceError::Forbidden),
    };
    short_in(connection, month, scope.as_deref(), today)
}

/// The heads short of the minimum in `month`, among the agencies serving `scope` or a unit under
/// it (every agency without one).
pub(super) fn short_in(
    connection: &mut DbConnection,
    month: Month,
    scope: Option<&str>,
    today: NaiveDate,
) -> ServiceResult<Vec<MonthStanding>> {
    let all_rules = rules::all(connection)?;
    // The agencies as they stood at the month's end, or today for the month under way.
    let day = month.first_day().max(month.last_day().min(today));
    let valid = AgencyFilter { valid_on: Some(day), ..AgencyFilter::default() };
    let mut short = Vec::new();
    for candidate in agencies::list(connection, &valid, None, MAX_AGENCIES)? {
        if minimum::in_force(&all_rules, candidate.kind, month.first_day()).is_none() {
            continue;
        }
        let unit_path = unit_path_of(connection, &candidate, today)?;
        if scope.is_some_and(|unit| !unit_path.includes(unit)) {
            continue;
        }
        let judged = standing(connection, &all_rules, candidate, month)?;
        if judged.judgement.as_ref().is_some_and(Judgement::is_short) {
            short.push(judged);
        }
    }
    Ok(short)
}
