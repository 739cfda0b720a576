//! Reading a petition: the full view for those allowed to see it, and the public view anyone can
//! check by tracking code — its deadlines as people read them, its timeline, and what the reader
//! may know of the petitioner.

use chrono::NaiveDate;

use super::access;
use super::petitioners::{self, PetitionerView};
use super::public_pages::PublicStamp;
use crate::db::{DbConnection, events, petitions};
use crate::domain::account::Role;
use crate::domain::agency::Agency;
use crate::domain::authorization::{Action, Actor, PetitionFacts};
use crate::domain::category::Category;
use crate::domain::deadline::DeadlineRule;
use crate::domain::events::Event;
use crate::domain::ids::PetitionId;
use crate::domain::petition::{Petition, PetitionStatus};
use crate::domain::time::vietnam_date;
use crate::domain::tracking_code::TrackingCode;
use crate::domain::workflow::{self, WorkflowAction};
use crate::service::throttle::Guard;
use crate::service::{Context, ServiceError, ServiceResult};

/// Deadlines as people read them: the last day, whether it was met, how many working days are left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub due: NaiveDate,
    /// None while still open; Some(true) when done in time, Some(false) when done late.
    pub met: Option<bool>,
    pub overdue: bool,
    /// Working days from today to the last day (negative once passed); None once done.
    pub working_days_left: Option<i64>,
    /// Still open and counted into a year whose holidays the government has not announced: the
    /// last day may move when it does.
    pub provisional: bool,
}

#[derive(Debug, Clone)]
pub struct PetitionView {
    pub petition: Petition,
    pub category: Option<Category>,
    pub unit_name: Option<String>,
    pub agency: Option<Agency>,
    pub acceptance: Option<Deadline>,
    /// While awaiting acceptance, where the rule sets one: the last day to forward it elsewhere.
    pub forwarding: Option<Deadline>,
    pub resolution: Option<Deadline>,
    pub timeline: Vec<Event>,
    pub petitioner: PetitionerView,
    pub related: Related,
    /// The workflow steps the reader may take now; empty on the public view.
    pub allowed_actions: Vec<WorkflowAction>,
}

/// A petition named from another: its id and tracking code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PetitionLink {
    pub id: PetitionId,
    pub tracking_code: TrackingCode,
}

impl PetitionLink {
    fn of(petition: Petition) -> Self {
        PetitionLink { id: petition.id, tracking_code: petition.tracking_code }
    }
}

/// The petitions this one points to, and the one pointing back (an appeal against it).
#[derive(Debug, Clone, Default)]
pub struct Related {
    pub merged_into: Option<PetitionLink>,
    pub appeal_of: Option<PetitionLink>,
    pub appealed_by: Option<PetitionLink>,
    pub competent_agency: Option<Agency>,
}

/// Where a step stands against its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Progress {
    Open,
    /// Done on that day (or the petition left the step that day).
    Done(NaiveDate),
    /// Resolution is suspended: the time does not count.
    Paused,
}

/// The deadline for a step, as far as it has gone.
fn deadline(
    connection: &mut DbConnection,
    context: &Context,
    due: Option<NaiveDate>,
    progress: Progress,
    today: NaiveDate,
) -> ServiceResult<Option<Deadline>> {
    let Some(due) = due else { return Ok(None) };
    let stopped = |met| Deadline { due, met, overdue: false, working_days_left: None, provisional: false };
    Ok(Some(match progress {
        Progress::Done(done) => stopped(Some(done <= due)),
        Progress::Paused => stopped(None),
        Progress::Open => {
            let calendar = context.reference.calendar(connection)?;
            Deadline {
                due,
                met: None,
                overdue: today > due,
                working_days_left: Some(calendar.working_days_remaining(today, due)),
                provisional: calendar.is_provisional(due),
            }
        }
    }))
}

/// The acceptance step is done when the petition was accepted, or otherwise left the agency's
/// intake (refused, merged, withdrawn: the day of that change).
fn acceptance_progress(petition: &Petition) -> Progress {
    match petition.accepted_at {
        Some(at) => Progress::Done(vietnam_date(at)),
        None if !petition.status.awaits_acceptance() => Progress::Done(vietnam_date(petition.updated_at)),
        None => Progress::Open,
    }
}

/// The resolution step is done when the petition was resolved, or left the agency's hands; it
/// waits while suspended.
fn resolution_progress(petition: &Petition) -> Progress {
    match &petition.decision {
        Some(decision) => Progress::Done(vietnam_date(decision.resolved_at)),
        None if petition.status == PetitionStatus::Suspended => Progress::Paused,
        None if petition.clock.next_due.is_none() => Progress::Done(vietnam_date(petition.updated_at)),
        None => Progress::Open,
    }
}

/// The deadline rule, read only while the petition awaits acceptance: the one time its intake
/// periods (forwarding, `extend-intake`) change what a reader sees. Read once per view.
fn intake_rule(
    connection: &mut DbConnection,
    context: &Context,
    petition: &Petition,
) -> ServiceResult<Option<DeadlineRule>> {
    if !petition.status.awaits_acceptance() {
        return Ok(None);
    }
    Ok(Some(context.reference.deadline_rule(connection, petition.kind, petition.round)?))
}

/// While the agency holding it has yet to decide on acceptance, the last day to forward it if it
/// is not theirs, where the rule sets such a period (denunciations: 5 working days, Art. 24(2)).
/// Once that day has passed the agency has, by keeping it, taken it as its own: nothing is shown.
fn forwarding_due(
    connection: &mut DbConnection,
    context: &Context,
    petition: &Petition,
    intake_rule: Option<&DeadlineRule>,
    today: NaiveDate,
) -> ServiceResult<Option<NaiveDate>> {
    let Some(period) = intake_rule.and_then(|rule| rule.forwarding) else {
        return Ok(None);
    };
    let reached = vietnam_date(petition.reached_agency_at);
    let calendar = context.reference.calendar(connection)?;
    Ok(Some(period.last_day(&calendar, reached)).filter(|due| *due >= today))
}

fn assemble(
    connection: &mut DbConnection,
    context: &Context,
    petition: Petition,
    intake_rule: Option<&DeadlineRule>,
    public_only: bool,
    petitioner: PetitionerView,
    today: NaiveDate,
) -> ServiceResult<PetitionView> {
    let reference = &context.reference;
    let category = reference.category(connection, &petition.category)?;
    let unit_name = reference
        .unit_on(connection, &petition.admin_unit_code, vietnam_date(petition.received_at))?
        .map(|unit| unit.name);
    let agency = match &petition.assigned_agency_id {
        Some(id) => reference.agency(connection, id)?,
        None => None,
    };
    let acceptance = deadline(connection, context, petition.acceptance_due, acceptance_progress(&petition), today)?;
    let forwarding_due = forwarding_due(connection, context, &petition, intake_rule, today)?;
    let forwarding = deadline(connection, context, forwarding_due, Progress::Open, today)?;
    let resolution = deadline(connection, context, petition.resolution_due, resolution_progress(&petition), today)?;
    let timeline = events::timeline(connection, &petition.id, public_only)?;
    Ok(PetitionView {
        petition,
        category,
        unit_name,
        agency,
        acceptance,
        forwarding,
        resolution,
        timeline,
        petitioner,
        // The full view fills these in; the public page shows neither.
        related: Related::default(),
        allowed_actions: Vec::new(),
    })
}

fn related(connection: &mut DbConnection, context: &Context, petition: &Petition) -> ServiceResult<Related> {
    let mut link = |id: &Option<PetitionId>| -> ServiceResult<Option<PetitionLink>> {
        Ok(match id {
            Some(id) => petitions::find(connection, id)?.map(PetitionLink::of),
            None => None,
        })
    };
    let merged_into = link(&petition.merged_into_id)?;
    let appeal_of = link(&petition.appeal_of_id)?;
    // Only a first-time complaint can be appealed: nothing else needs the query.
    let appealed_by = match petition.is_appealable_kind() {
        true => petitions::appeal_of(connection, &petition.id)?.map(PetitionLink::of),
        false => None,
    };
    let competent_agency = match petition.refusal.as_ref().and_then(|refusal| refusal.competent_agency_id.as_ref()) {
        Some(id) => context.reference.agency(connection, id)?,
        None => None,
    };
    Ok(Related { merged_into, appeal_of, appealed_by, competent_agency })
}

/// The steps `actor` may take on the petition now: those the workflow opens from its status to
/// their role, that the law gives its kind, and that its deadline rule provides for.
pub fn open_actions(
    connection: &mut DbConnection,
    context: &Context,
    petition: &Petition,
    actor: &Actor,
) -> ServiceResult<Vec<WorkflowAction>> {
    let intake_rule = intake_rule(connection, context, petition)?;
    Ok(open_actions_under(petition, actor, intake_rule.as_ref()))
}

fn open_actions_under(petition: &Petition, actor: &Actor, intake_rule: Option<&DeadlineRule>) -> Vec<WorkflowAction> {
    let standing = PetitionFacts::of(petition).standing_of(actor);
    let mut open = workflow::open_actions(petition.status, actor.role, standing);
    open.retain(|action| workflow::applies_to(*action, petition.kind));
    // Intake is open to extension only while awaiting acceptance, and only where the rule says.
    if intake_rule.is_none_or(|rule| rule.acceptance_extended.is_none()) {
        open.retain(|action| *action != WorkflowAction::ExtendIntake);
    }
    open
}

/// The full petition for someone allowed to read it; 404 for anyone else.
pub fn find_for(
    connection: &mut DbConnection,
    context: &Context,
    id: &PetitionId,
    actor: &Actor,
) -> ServiceResult<PetitionView> {
    let petition = access::load(connection, id)?;
    access::check(actor, &petition, Action::ReadPetition)?;
    view_for(connection, context, petition, actor)
}

/// The petition as it stands for `actor`, who was allowed to act on it just now even if the step
/// put it out of their reach (a transfer to another agency).
pub fn view_for(
    connection: &mut DbConnection,
    context: &Context,
    petition: Petition,
    actor: &Actor,
) -> ServiceResult<PetitionView> {
    let petitioner = petitioners::view_for(connection, context, &petition, actor)?;
    // The petitioner reads what the public reads of the handling; staff read everything.
    let public_only = actor.role == Role::Citizen;
    let intake_rule = intake_rule(connection, context, &petition)?;
    let allowed_actions = open_actions_under(&petition, actor, intake_rule.as_ref());
    let related = related(connection, context, &petition)?;
    let view = assemble(connection, context, petition, intake_rule.as_ref(), public_only, petitioner, context.today())?;
    Ok(PetitionView { allowed_actions, related, ..view })
}

fn no_such_code() -> ServiceError {
    ServiceError::NotFound("no petition has this tracking code".into())
}

/// The public status page: the public view of the petition with `code`, for anyone. A mistyped
/// code (its check symbol fails) is answered exactly like an unknown one, and a client whose
/// lookups keep finding nothing is made to wait: codes are not to be guessed.
pub fn find_public(
    connection: &mut DbConnection,
    context: &Context,
    code: &str,
    client_address: &str,
) -> ServiceResult<PetitionView> {
    Ok(public_with_stamp(connection, context, code, client_address)?.1)
}

/// What the public page of the petition with `code` is made of now (`public_pages`), found as
/// [`find_public`] finds the petition: an unknown code counts against the client's guesses.
pub fn public_stamp(
    connection: &mut DbConnection,
    context: &Context,
    code: &str,
    client_address: &str,
) -> ServiceResult<PublicStamp> {
    let (code, (petition_id, version, newest_event)) =
        found_by_code(connection, context, code, client_address, petitions::public_stamp)?;
    let reference = context.reference.generation(connection)?;
    Ok(PublicStamp { code, petition_id, version, newest_event, reference, today: context.today() })
}

/// The public view of the petition with `code` and the stamp it is made from, its row and stamp
/// read in one statement: a page not kept yet costs two reads (this and the timeline), not three.
pub fn public_with_stamp(
    connection: &mut DbConnection,
    context: &Context,
    code: &str,
    client_address: &str,
) -> ServiceResult<(PublicStamp, PetitionView)> {
    let (code, (petition, newest_event)) =
        found_by_code(connection, context, code, client_address, petitions::with_newest_event)?;
    let reference = context.reference.generation(connection)?;
    let (petition_id, version, today) = (petition.id.clone(), petition.version, context.today());
    let intake_rule = intake_rule(connection, context, &petition)?;
    let view = assemble(connection, context, petition, intake_rule.as_ref(), true, PetitionerView::Anonymous, today)?;
    Ok((PublicStamp { code, petition_id, version, newest_event, reference, today }, view))
}

/// What `read` finds by the tracking code `code`. A mistyped or unknown code counts against the
/// client's guesses; a client with too many is made to wait.
fn found_by_code<T>(
    connection: &mut DbConnection,
    context: &Context,
    code: &str,
    client_address: &str,
    read: impl FnOnce(&mut DbConnection, &TrackingCode) -> diesel::QueryResult<Option<T>>,
) -> ServiceResult<(TrackingCode, T)> {
    let (guard, now) = (Guard::missed_lookups_from(client_address), context.now());
    // Read from this process's memory: a lookup that finds its petition costs no throttle read.
    context.lookup_waits.check(&guard, now)?;
    let found = match TrackingCode::parse(code) {
        Some(code) => read(connection, &code)?.map(|found| (code, found)),
        None => None,
    };
    match found {
        Some(found) => Ok(found),
        None => {
            context.lookup_waits.hit(connection, &guard, now)?;
            Err(no_such_code())
        }
    }
}

/// The public view of a petition known by its id (an anonymous filer's own, just filed).
pub fn public_of(connection: &mut DbConnection, context: &Context, id: &PetitionId) -> ServiceResult<PetitionView> {
    let petition = access::load(connection, id)?;
    let intake_rule = intake_rule(connection, context, &petition)?;
    assemble(connection, context, petition, intake_rule.as_ref(), true, PetitionerView::Anonymous, context.today())
}
