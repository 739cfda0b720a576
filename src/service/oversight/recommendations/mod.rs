//! Recommendations after supervision: a monitor issues one to an agency (with the petitions and
//! findings behind it, and a respond-by day from the rule); its head answers and reports the
//! remedy; the monitor closes it satisfied or escalates it to the superior agency, where it
//! starts again. Each step is an event and an e-mail; the sweep marks the unanswered overdue.

mod notify;
pub mod steps;
pub mod sweep;

pub use steps::{Step, take};
pub use sweep::{SweepReport, sweep};

use chrono::{NaiveDate, TimeDelta};
use serde_json::json;

use notify::tell_head;

use super::findings::{agency_in_scope, only_overseers, unit_path_of};
use super::rules::{self, RECOMMENDATION_RESPONSE};
use crate::db::oversight::{findings, recommendations};
use crate::db::{self, DbConnection};
use crate::domain::FieldError;
use crate::domain::admin_unit::UnitPath;
use crate::domain::authorization::{self, Action, Actor};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::{AgencyId, FindingId, PetitionId, RecommendationId};
use crate::domain::oversight::recommendations::{ProgressReport, Recommendation};
use crate::domain::text::clean_text;
use crate::service::petitions::access;
use crate::service::{Context, ServiceError, ServiceResult, events};

/// The most petitions or findings one recommendation names.
pub const MAX_LINKED: usize = 200;

#[derive(Debug, Clone, Default)]
pub struct NewRecommendation {
    pub agency_id: String,
    pub petition_ids: Vec<String>,
    pub finding_ids: Vec<String>,
    pub text: String,
    /// Later than the rule's day if the monitor wishes; never earlier.
    pub respond_by: Option<NaiveDate>,
}

pub fn issue(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    new: NewRecommendation,
) -> ServiceResult<Recommendation> {
    let body = only_overseers(actor)?;
    let (now, today) = (context.now(), context.today());
    let mut errors = Vec::<FieldError>::new();
    let text = clean_text(&mut errors, "text", &new.text, 10..=10_000, true);
    if new.petition_ids.len() > MAX_LINKED || new.finding_ids.len() > MAX_LINKED {
        errors.push(FieldError::new(
            "petition_ids",
            format!("name at most {MAX_LINKED} petitions and {MAX_LINKED} findings"),
        ));
    }
    ServiceError::unless_valid(errors)?;
    db::transaction(connection, |c| {
        let (agency_id, _) = agency_in_scope(c, actor, &new.agency_id, "agency_id", today)?;
        let earliest = today + TimeDelta::days(i64::from(rules::days(c, RECOMMENDATION_RESPONSE)?));
        let respond_by = new.respond_by.unwrap_or(earliest);
        if respond_by < earliest {
            return Err(ServiceError::invalid(
                "respond_by",
                format!("must not be before {earliest}, the period the rule gives"),
            ));
        }
        let petition_ids = linked_petitions(c, actor, &agency_id, &new.petition_ids)?;
        let finding_ids = linked_findings(c, &new.finding_ids)?;
        let recommendation = Recommendation {
            petition_ids,
            finding_ids,
            ..Recommendation::issued(actor.user_id.clone(), body, agency_id, text, respond_by, now)
        };
        recommendations::insert(c, &recommendation)?;
        let data = json!({ "agency_id": recommendation.agency_id, "respond_by": respond_by.to_string() });
        let subject = Subject::Recommendation(&recommendation.id);
        events::record(c, Some(&actor.user_id), EventKind::RecommendationIssued, subject, data, now)?;
        tell_head(
            c,
            context,
            &recommendation,
            ("đã được gửi tới cơ quan", "was addressed to your agency"),
            &recommendation.text,
        )?;
        Ok(recommendation)
    })
}

/// The petitions named, each one the monitor may read and handled by the agency addressed.
fn linked_petitions(
    c: &mut DbConnection,
    actor: &Actor,
    agency: &AgencyId,
    ids: &[String],
) -> ServiceResult<Vec<PetitionId>> {
    let mut linked = Vec::new();
    for text in ids {
        let unknown = || ServiceError::invalid("petition_ids", format!("{text:?} is not a petition you may read"));
        let id = PetitionId::parse(text).map_err(|_| unknown())?;
        let petition = access::load(c, &id).map_err(|_| unknown())?;
        access::check(actor, &petition, Action::ReadPetition).map_err(|_| unknown())?;
        if petition.assigned_agency_id.as_ref() != Some(agency) {
            return Err(ServiceError::invalid(
                "petition_ids",
                format!("{text:?} is not handled by the agency addressed"),
            ));
        }
        if !linked.contains(&id) {
            linked.push(id);
        }
    }
    Ok(linked)
}

fn linked_findings(c: &mut DbConnection, ids: &[String]) -> ServiceResult<Vec<FindingId>> {
    let mut linked = Vec::new();
    for text in ids {
        let unknown = || ServiceError::invalid("finding_ids", format!("{text:?} is not a finding"));
        let id = FindingId::parse(text).map_err(|_| unknown())?;
        findings::find(c, &id)?.ok_or_else(unknown)?;
        if !linked.contains(&id) {
            linked.push(id);
        }
    }
    Ok(linked)
}

/// A recommendation with its remedy's reports, for whoever may read it.
pub fn find(
    connection: &mut DbConnection,
    actor: &Actor,
    id: &RecommendationId,
    today: NaiveDate,
) -> ServiceResult<(Recommendation, Vec<ProgressReport>)> {
    let (recommendation, _) = readable(connection, actor, id, today)?;
    let progress = recommendations::progress_of(connection, id)?;
    Ok((recommendation, progress))
}

fn readable(
    c: &mut DbConnection,
    actor: &Actor,
    id: &RecommendationId,
    today: NaiveDate,
) -> ServiceResult<(Recommendation, UnitPath)> {
    let missing = || ServiceError::NotFound(format!("no recommendation has the id {id}"));
    let recommendation = recommendations::find(c, id)?.ok_or_else(missing)?;
    let unit_path = unit_path_of(c, &recommendation.agency_id, today)?;
    let agency_id = &recommendation.agency_id;
    authorization::authorize(actor, &Action::ReadRecommendation { agency_id, unit_path: &unit_path })
        .map_err(|_| missing())?;
    Ok((recommendation, unit_path))
}

/// Those the actor may read, newest first: an agency's staff their agency's, a monitor those
/// to agencies in their scope, administrators all.
pub fn list(connection: &mut DbConnection, actor: &Actor, today: NaiveDate) -> ServiceResult<Vec<Recommendation>> {
    const LIMIT: i64 = 500;
    let all = match &actor.agency_id {
        Some(agency) if !actor.role.oversees() => {
            recommendations::list(connection, Some(std::slice::from_ref(agency)), LIMIT)?
        }
        _ => recommendations::list(connection, None, LIMIT)?,
    };
    // Many recommendations go to few agencies: each agency's unit is looked up once.
    let mut paths: std::collections::HashMap<AgencyId, UnitPath> = std::collections::HashMap::new();
    let mut readable = Vec::new();
    for r in all {
        let unit_path = match paths.get(&r.agency_id) {
            Some(path) => path.clone(),
            None => {
                let path = unit_path_of(connection, &r.agency_id, today)?;
                paths.insert(r.agency_id.clone(), path.clone());
                path
            }
        };
        if authorization::authorize(
            actor,
            &Action::ReadRecommendation { agency_id: &r.agency_id, unit_path: &unit_path },
        )
        .is_ok()
        {
            readable.push(r);
        }
    }
    Ok(readable)
}
