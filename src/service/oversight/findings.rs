//! Findings: a monitor records what they found about a petition, an agency, an agency over a
//! period, or a public consultation — within their scope, once, never edited.

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::json;

use crate::db::oversight::findings::{self, FindingsOf};
use crate::db::{self, DbConnection, agencies};
use crate::domain::FieldError;
use crate::domain::account::OversightBody;
use crate::domain::admin_unit::UnitPath;
use crate::domain::authorization::{self, Action, Actor};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::{AgencyId, ConsultationId, FindingId, PetitionId};
use crate::domain::oversight::recommendations::{Finding, FindingAbout, Severity};
use crate::domain::pagination::{Cursor, PageSize};
use crate::domain::text::clean_text;
use crate::service::page::Page;
use crate::service::petitions::access;
use crate::service::reference::admin_units;
use crate::service::{ServiceError, ServiceResult, events};

/// A finding as a monitor sends it: about a petition, a consultation, or an agency (over a period
/// when given).
#[derive(Debug, Clone, Default)]
pub struct NewFinding {
    pub petition_id: Option<String>,
    pub agency_id: Option<String>,
    pub consultation_id: Option<String>,
    pub period: Option<(NaiveDate, NaiveDate)>,
    pub severity: String,
    pub text: String,
}

pub fn record(
    connection: &mut DbConnection,
    actor: &Actor,
    new: NewFinding,
    now: NaiveDateTime,
    today: NaiveDate,
) -> ServiceResult<Finding> {
    let body = only_overseers(actor)?;
    let mut errors = Vec::<FieldError>::new();
    let text = clean_text(&mut errors, "text", &new.text, 10..=10_000, true);
    let severity =
        new.severity.parse::<Severity>().map_err(|e| errors.push(FieldError::new("severity", e.to_string()))).ok();
    let named = [&new.petition_id, &new.agency_id, &new.consultation_id].into_iter().filter(|id| id.is_some()).count();
    if named != 1 {
        errors.push(FieldError::new("agency_id", ONE_OF));
    }
    if new.period.is_some() && new.agency_id.is_none() {
        errors.push(FieldError::new("period_from", "a period is about an agency: give agency_id"));
    }
    if new.period.is_some_and(|(from, to)| from > to || to > today) {
        errors.push(FieldError::new("period_to", "must not be before period_from, nor in the future"));
    }
    ServiceError::unless_valid(errors)?;
    let severity = severity.ok_or_else(|| ServiceError::invalid("severity", "is required"))?;
    db::transaction(connection, |c| {
        let about = match (&new.petition_id, &new.agency_id, &new.consultation_id) {
            (None, None, Some(consultation)) => {
                let unknown = || ServiceError::invalid("consultation_id", "is not a consultation");
                let id = ConsultationId::parse(consultation).map_err(|_| unknown())?;
                let found = crate::db::consultations::find(c, &id)?.ok_or_else(unknown)?;
                // The scope of the consultations' overseers' views: the publishing agency's unit.
                may_supervise(actor, &unit_path_of(c, &found.agency_id, today)?)?;
                FindingAbout::Consultation(id)
            }
            (Some(petition), None, None) => {
                let id = PetitionId::parse(petition)
                    .map_err(|_| ServiceError::invalid("petition_id", "is not a petition id"))?;
                let petition = access::load(c, &id)?;
                access::check(actor, &petition, Action::ReadPetition)?;
                may_supervise(actor, &petition.unit_path)?;
                FindingAbout::Petition(id)
            }
            (None, Some(agency), None) => {
                let (agency_id, _) = agency_in_scope(c, actor, agency, "agency_id", today)?;
                match new.period {
                    Some((from, to)) => FindingAbout::Period { agency_id, from, to },
                    None => FindingAbout::Agency(agency_id),
                }
            }
            _ => return Err(ServiceError::invalid("agency_id", ONE_OF)),
        };
        let finding = Finding {
            id: FindingId::from(uuid::Uuid::new_v4()),
            monitor_id: actor.user_id.clone(),
            oversight_body: body,
            about,
            severity,
            text,
            created_at: now,
        };
        findings::insert(c, &finding)?;
        let data = json!({ "severity": severity.as_str() });
        events::record(c, Some(&actor.user_id), EventKind::FindingRecorded, Subject::Finding(&finding.id), data, now)?;
        Ok(finding)
    })
}

/// A finding, for whoever may read what it is about.
pub fn find(connection: &mut DbConnection, actor: &Actor, id: &FindingId, today: NaiveDate) -> ServiceResult<Finding> {
    let missing = || ServiceError::NotFound(format!("no finding has the id {id}"));
    let finding = findings::find(connection, id)?.ok_or_else(missing)?;
    let agency = match &finding.about {
        FindingAbout::Petition(petition) => {
            let petition = access::load(connection, petition)?;
            access::check(actor, &petition, Action::ReadInternalNotes).map_err(|_| missing())?;
            return Ok(finding);
        }
        FindingAbout::Agency(agency) | FindingAbout::Period { agency_id: agency, .. } => agency.clone(),
        FindingAbout::Consultation(consultation) => {
            crate::db::consultations::find(connection, consultation)?
                .ok_or_else(|| ServiceError::Internal(anyhow::anyhow!("the consultation {consultation} is missing")))?
                .agency_id
        }
    };
    let unit_path = unit_path_of(connection, &agency, today)?;
    authorization::authorize(actor, &Action::ReadRecommendation { agency_id: &agency, unit_path: &unit_path })
        .map_err(|_| missing())?;
    Ok(finding)
}

const ONE_OF: &str = "give one of petition_id, agency_id and consultation_id";

/// Only monitors supervise and inspectors inspect: anyone else is refused before their request is
/// read; returns the body the actor acts for.
pub fn only_overseers(actor: &Actor) -> ServiceResult<OversightBody> {
    actor.role.oversight_body().ok_or(ServiceError::Forbidden)
}

fn may_supervise(actor: &Actor, unit_path: &UnitPath) -> ServiceResult<()> {
    authorization::authorize(actor, &Action::Supervise { unit_path }).map_err(|_| ServiceError::Forbidden)
}

/// The agency named by `field`, checked to be in the monitor's scope.
pub fn agency_in_scope(
    connection: &mut DbConnection,
    actor: &Actor,
    agency: &str,
    field: &str,
    today: NaiveDate,
) -> ServiceResult<(AgencyId, UnitPath)> {
    let unknown = || ServiceError::invalid(field, "is not an agency");
    let agency_id = AgencyId::parse(agency).map_err(|_| unknown())?;
    let found = agencies::find(connection, &agency_id)?.ok_or_else(unknown)?;
    let unit_path = path_of_unit(connection, found.admin_unit_code.as_str(), today)?;
    may_supervise(actor, &unit_path)?;
    Ok((agency_id, unit_path))
}

/// The path of the unit an agency serves.
pub fn unit_path_of(connection: &mut DbConnection, agency_id: &AgencyId, today: NaiveDate) -> ServiceResult<UnitPath> {
    let agency = agencies::find(connection, agency_id)?
        .ok_or_else(|| ServiceError::Internal(anyhow::anyhow!("the agency {agency_id} is missing")))?;
    path_of_unit(connection, agency.admin_unit_code.as_str(), today)
}

fn path_of_unit(connection: &mut DbConnection, code: &str, today: NaiveDate) -> ServiceResult<UnitPath> {
    admin_units::path_or_unit(connection, code, today)
}

/// Whose findings a listing asks for.
#[derive(Debug, Clone)]
pub enum FindingsWanted {
    /// About the agency, a period of it, or a petition it handles: for those who may read its
    /// recommendations (monitors in scope, administrators, its staff).
    Agency(String),
    /// About one petition: for those who read its internal notes.
    Petition(String),
    /// About one consultation: for those who may read its agency's recommendations.
    Consultation(String),
}

/// A page of findings, newest first.
pub fn list(
    connection: &mut DbConnection,
    actor: &Actor,
    wanted: FindingsWanted,
    size: PageSize,
    cursor: Option<&Cursor>,
    today: NaiveDate,
) -> ServiceResult<Page<Finding>> {
    let after = cursor.map(|c| page_key(&c.0)).transpose()?;
    let (agency, petition, consultation);
    let about = match &wanted {
        FindingsWanted::Agency(text) => {
            let unknown = || ServiceError::invalid("agency_id", "is not an agency");
            agency = AgencyId::parse(text).map_err(|_| unknown())?;
            agencies::find(connection, &agency)?.ok_or_else(unknown)?;
            let unit_path = unit_path_of(connection, &agency, today)?;
            authorization::authorize(actor, &Action::ReadRecommendation { agency_id: &agency, unit_path: &unit_path })
                .map_err(|_| ServiceError::Forbidden)?;
            FindingsOf::Agency(&agency)
        }
        FindingsWanted::Petition(text) => {
            let missing = || ServiceError::NotFound(format!("no petition has the id {text:?}"));
            petition = PetitionId::parse(text).map_err(|_| missing())?;
            let read = access::load(connection, &petition)?;
            access::check(actor, &read, Action::ReadInternalNotes)?;
            FindingsOf::Petition(&petition)
        }
        FindingsWanted::Consultation(text) => {
            let missing = || ServiceError::NotFound(format!("no consultation has the id {text:?}"));
            consultation = ConsultationId::parse(text).map_err(|_| missing())?;
            let found = crate::db::consultations::find(connection, &consultation)?.ok_or_else(missing)?;
            let unit_path = unit_path_of(connection, &found.agency_id, today)?;
            let action = Action::ReadRecommendation { agency_id: &found.agency_id, unit_path: &unit_path };
            // A draft is not known to those who may not read it; a published one is public.
            let refused = if found.is_published() { ServiceError::Forbidden } else { missing() };
            authorization::authorize(actor, &action).map_err(|_| refused)?;
            FindingsOf::Consultation(&consultation)
        }
    };
    let rows = findings::page(connection, about, after, size.get() + 1)?;
    let total = findings::count(connection, about)?;
    Ok(Page::from_rows(rows, size, total, |f| format!("{}|{}", f.created_at.format(KEY_TIME), f.id)))
}

const KEY_TIME: &str = "%Y-%m-%dT%H:%M:%S%.f";

/// The (created_at, id) a page ended on, from its cursor.
fn page_key(text: &str) -> ServiceResult<(NaiveDateTime, String)> {
    let bad = || ServiceError::invalid("cursor", "is not a cursor this listing gave");
    let (at, id) = text.split_once('|').ok_or_else(bad)?;
    let at = NaiveDateTime::parse_from_str(at, KEY_TIME).map_err(|_| bad())?;
    Ok((at, FindingId::parse(id).map_err(|_| bad())?.to_string()))
}
