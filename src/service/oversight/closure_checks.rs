//! Closure checks: a monitor has pakn draw a random sample of an agency's petitions answered in a
//! period, checks each answer against the facts on the ground, and records a verdict once. The
//! share of contested closures is published with the statistics.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde_json::json;

use super::findings::{agency_in_scope, only_overseers, unit_path_of};
use crate::db::oversight::closure_checks::{self, Population};
use crate::db::{self, DbConnection, users};
use crate::domain::FieldError;
use crate::domain::account::User;
use crate::domain::authorization::{self, Action, Actor};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::{AgencyId, ClosureCheckId, PetitionId};
use crate::domain::oversight::closure_checks::{ClosureCheck, MAX_SAMPLE, RecordedVerdict, Verdict};
use crate::domain::text::clean_text;
use crate::domain::time::vietnam_days;
use crate::domain::tracking_code::TrackingCode;
use crate::mail::templates;
use crate::service::{Context, ServiceError, ServiceResult, events, outbox};

/// A check as a monitor asks for it.
#[derive(Debug, Clone)]
pub struct NewClosureCheck {
    pub agency_id: String,
    pub resolved_from: NaiveDate,
    pub resolved_to: NaiveDate,
    pub sample_size: i64,
}

/// Draws the sample and records the check; the draw is an event, so no one can redraw quietly.
pub fn draw(
    connection: &mut DbConnection,
    actor: &Actor,
    new: NewClosureCheck,
    now: NaiveDateTime,
    today: NaiveDate,
) -> ServiceResult<ClosureCheck> {
    let body = only_overseers(actor)?;
    let mut errors = Vec::<FieldError>::new();
    if !(1..=MAX_SAMPLE).contains(&new.sample_size) {
        errors.push(FieldError::new("sample_size", format!("must be from 1 to {MAX_SAMPLE}")));
    }
    if new.resolved_from > new.resolved_to || new.resolved_to > today {
        errors.push(FieldError::new("resolved_to", "must not be before resolved_from, nor in the future"));
    }
    // Both databases store every instant from the year 1 on.
    if new.resolved_from.year() < 1 {
        errors.push(FieldError::new("resolved_from", "must be a date in the years 1 to 9999"));
    }
    ServiceError::unless_valid(errors)?;
    db::transaction(connection, |c| {
        let (agency_id, _) = agency_in_scope(c, actor, &new.agency_id, "agency_id", today)?;
        let (resolved_from, resolved_before) = vietnam_days(new.resolved_from, new.resolved_to);
        let population = Population { agency_id: &agency_id, resolved_from, resolved_before };
        let (population, drawn) = closure_checks::draw(c, &population, new.sample_size)?;
        if drawn.is_empty() {
            return Err(ServiceError::invalid("resolved_to", "the agency answered no petition in this period"));
        }
        let id = ClosureCheckId::from(uuid::Uuid::new_v4());
        let check = ClosureCheck {
            id: id.clone(),
            monitor_id: actor.user_id.clone(),
            oversight_body: body,
            agency_id: agency_id.clone(),
            resolved_from: new.resolved_from,
            resolved_to: new.resolved_to,
            population: i32::try_from(population).unwrap_or(i32::MAX),
            // Read back with the tracking codes once stored.
            sample: Vec::new(),
            created_at: now,
        };
        closure_checks::insert(c, &check, &drawn)?;
        let data = json!({ "agency_id": agency_id, "population": population, "petition_ids": drawn });
        events::record(c, Some(&actor.user_id), EventKind::ClosureCheckDrawn, Subject::ClosureCheck(&id), data, now)?;
        stored(c, &id)
    })
}

fn stored(c: &mut DbConnection, id: &ClosureCheckId) -> ServiceResult<ClosureCheck> {
    closure_checks::find(c, id)?.ok_or_else(|| ServiceError::NotFound(format!("no closure check has the id {id}")))
}

/// A check, for whoever may read its agency's supervision records.
pub fn find(
    connection: &mut DbConnection,
    actor: &Actor,
    id: &ClosureCheckId,
    today: NaiveDate,
) -> ServiceResult<ClosureCheck> {
    let check = stored(connection, id)?;
    may_read(connection, actor, &check.agency_id, today)
        .map_err(|_| ServiceError::NotFound(format!("no closure check has the id {id}")))?;
    Ok(check)
}

/// An agency's checks, newest first (at most 100).
pub fn of_agency(
    connection: &mut DbConnection,
    actor: &Actor,
    agency: &str,
    today: NaiveDate,
) -> ServiceResult<Vec<ClosureCheck>> {
    let unknown = || ServiceError::invalid("agency_id", "is not an agency");
    let agency_id = AgencyId::parse(agency).map_err(|_| unknown())?;
    crate::db::agencies::find(connection, &agency_id)?.ok_or_else(unknown)?;
    may_read(connection, actor, &agency_id, today)?;
    Ok(closure_checks::of_agency(connection, &agency_id, 100)?)
}

fn may_read(c: &mut DbConnection, actor: &Actor, agency_id: &AgencyId, today: NaiveDate) -> ServiceResult<()> {
    let unit_path = unit_path_of(c, agency_id, today)?;
    authorization::authorize(actor, &Action::ReadRecommendation { agency_id, unit_path: &unit_path })
        .map_err(|_| ServiceError::Forbidden)
}

/// A verdict as the monitor sends it.
#[derive(Debug, Clone)]
pub struct VerdictGiven {
    pub petition_id: String,
    pub verdict: String,
    /// What the monitor found, and how (a visit, the petitioner, documents).
    pub note: String,
}

/// A monitor's verdict on one sampled petition: recorded once, never changed.
pub fn record_verdict(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    id: &ClosureCheckId,
    given: VerdictGiven,
) -> ServiceResult<ClosureCheck> {
    let (now, today) = (context.now(), context.today());
    only_overseers(actor)?;
    let mut errors = Vec::<FieldError>::new();
    let verdict =
        given.verdict.parse::<Verdict>().map_err(|e| errors.push(FieldError::new("verdict", e.to_string()))).ok();
    let note = clean_text(&mut errors, "note", &given.note, 10..=5_000, true);
    ServiceError::unless_valid(errors)?;
    let verdict = verdict.ok_or_else(|| ServiceError::invalid("verdict", "is required"))?;
    db::transaction(connection, |c| {
        let check = find(c, actor, id, today)?;
        let unit_path = unit_path_of(c, &check.agency_id, today)?;
        authorization::authorize(actor, &Action::FollowUp { unit_path: &unit_path, body: check.oversight_body })
            .map_err(|_| ServiceError::Forbidden)?;
        let not_sampled = || ServiceError::invalid("petition_id", "is not a petition of this sample");
        let petition = PetitionId::parse(&given.petition_id).map_err(|_| not_sampled())?;
        let sampled = check.sample.iter().find(|s| s.petition_id == petition).ok_or_else(not_sampled)?;
        let recorded = RecordedVerdict { verdict, note, decided_by: actor.user_id.clone(), decided_at: now };
        if !closure_checks::record_verdict(c, id, &petition, &recorded)? {
            return Err(ServiceError::Conflict("a verdict on this petition was recorded already".into()));
        }
        if verdict == Verdict::Contested {
            tell_head_contested(c, context, &check, &sampled.tracking_code, &recorded.note)?;
        }
        let data = json!({ "petition_id": petition, "verdict": verdict.as_str() });
        events::record(
            c,
            Some(&actor.user_id),
            EventKind::ClosureCheckVerdictRecorded,
            Subject::ClosureCheck(id),
            data,
            now,
        )?;
        stored(c, id)
    })
}

/// The head of the agency whose answer was contested hears of it, with the checker's note.
fn tell_head_contested(
    c: &mut DbConnection,
    context: &Context,
    check: &ClosureCheck,
    tracking_code: &TrackingCode,
    note: &str,
) -> ServiceResult<()> {
    let Some(term) = users::current_head_term(c, &check.agency_id)? else { return Ok(()) };
    let Some(head) = users::find(c, &term.user_id)?.filter(User::is_active) else { return Ok(()) };
    let link = format!("{}/oversight/closure-checks/{}", context.settings.public_base_url, check.id);
    let content = templates::closure_contested(
        head.language,
        &head.full_name,
        check.oversight_body,
        tracking_code.as_str(),
        note,
        &link,
    );
    outbox::enqueue(c, head.email.as_str(), Some(&head.full_name), &content, context.now())?;
    Ok(())
}
