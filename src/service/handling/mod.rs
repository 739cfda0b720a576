//! The handling workflow applied to a stored petition. Each step is checked (who may take it, from
//! which status, on which version), planned by the domain's pure rules, then written in one
//! transaction: the petition's change under its version guard, the timeline entry, any message,
//! and the e-mails it causes. Also the deadline sweep, agency dashboards and reorganisations.

pub mod dashboard;
mod lookups;
pub mod reorganisation;
pub mod sweep;

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

use super::events::{self, TimelineEntry};
use super::petitions::access;
use super::petitions::notices::Telling;
use super::petitions::views::{self, PetitionView};
use super::reference::{calendar, deadline_rules};
use super::{Context, ServiceError, ServiceResult};
use crate::db::messages::{self, NewMessage};
use crate::db::{self, DbConnection, petitions};
use crate::domain::account::Role;
use crate::domain::authorization::{Action, Actor, PetitionFacts};
use crate::domain::calendar::WorkingCalendar;
use crate::domain::ids::{MessageId, PetitionId};
use crate::domain::petition::Petition;
use crate::domain::petition::message::Sender;
use crate::domain::time::vietnam_date;
use crate::domain::workflow::appeal::{AppealFacts, appeal_allowed};
use crate::domain::workflow::steps::{self, Plan, Recipient, StepContext};
use crate::domain::workflow::{self, Refusal, WorkflowAction};

pub use lookups::StepRequest;

/// Takes a step and returns the petition as `actor` now reads it. With `expected_version` (from
/// `If-Match`), a petition changed since is left alone (409); without it, the version read here
/// guards the write the same way.
pub fn take(
    connection: &mut DbConnection,
    context: &Context,
    id: &PetitionId,
    actor: &Actor,
    request: StepRequest,
    expected_version: Option<i32>,
) -> ServiceResult<PetitionView> {
    let now = context.now();
    let today = vietnam_date(now);
    db::transaction(connection, |c| {
        let petition = access::load(c, id)?;
        let action = request.action();
        access::check(actor, &petition, |facts| Action::Handle(action, facts))?;
        if expected_version.is_some_and(|v| v != petition.version) {
            return Err(ServiceError::EditConflict);
        }
        let calendar = calendar_around(c, &petition, today)?;
        may_take_now(c, context, &petition, action, actor, today, &calendar)?;
        let step = lookups::step(c, context, &petition, request, now)?;
        let rule = deadline_rules::current(c, petition.kind, petition.round)?;
        let at = StepContext { now, today, rule: &rule, calendar: &calendar, policy: context.handling_policy() };
        let plan = steps::plan(&petition, step, &at)?;
        if petitions::apply(c, id, petition.version, &plan.change, now)? == 0 {
            return Err(ServiceError::EditConflict);
        }
        let after = plan.change.applied_to(&petition, now);
        record(c, context, &after, actor, plan, now)
    })?;
    // Read again: the actor may have put it out of their own reach (a transfer), and still sees it.
    let after = access::load(connection, id)?;
    views::view_for(connection, context, after, actor)
}

/// Whether the step is open from where the petition is: for an appeal, the law's window for a
/// second-time complaint; for anything else, the workflow's table.
fn may_take_now(
    c: &mut DbConnection,
    context: &Context,
    petition: &Petition,
    action: WorkflowAction,
    actor: &Actor,
    today: NaiveDate,
    calendar: &WorkingCalendar,
) -> ServiceResult<()> {
    if action == WorkflowAction::Appeal {
        let facts = AppealFacts::of(petition, petitions::appeal_of(c, &petition.id)?.is_some());
        return appeal_allowed(facts, today, calendar).map_err(|why| ServiceError::Conflict(why.into()));
    }
    let standing = PetitionFacts::of(petition).standing_of(actor);
    match workflow::check(action, petition.status, actor.role, standing) {
        Ok(_) => Ok(()),
        Err(Refusal::NotPermitted) => Err(ServiceError::Forbidden),
        Err(Refusal::WrongStatus { status, .. }) => {
            Err(ServiceError::WrongStatus { status, open: views::open_actions(c, context, petition, actor)? })
        }
    }
}

/// The calendar far enough around today and the resolution deadline for any period a step starts
/// (70 days and two 30-day extensions at most, with holidays) or a window it checks, and back to
/// the day the agency received it or resolution was suspended (periods counted from there).
fn calendar_around(c: &mut DbConnection, petition: &Petition, today: NaiveDate) -> ServiceResult<WorkingCalendar> {
    let due = petition.resolution_due.unwrap_or(today);
    let since = [Some(petition.reached_agency_at), petition.suspended_at].into_iter().flatten().map(vietnam_date);
    let first = since.fold(today.min(due), NaiveDate::min);
    calendar::working_calendar(c, first - TimeDelta::days(40), today.max(due) + TimeDelta::days(400))
}

/// Writes what the plan says besides the change: the timeline entry, the message, the e-mails
/// (which describe the petition as it is now: its agency after a transfer, for one).
fn record(
    c: &mut DbConnection,
    context: &Context,
    petition: &Petition,
    actor: &Actor,
    plan: Plan,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    let note = plan.notice.both();
    let entry = TimelineEntry {
        actor_id: Some(&actor.user_id),
        kind: plan.event,
        visibility: plan.visibility,
        note: Some(&note),
        data: plan.data,
    };
    events::record_on_petition(c, &petition.id, entry, now)?;
    if let Some((purpose, body)) = &plan.message {
        let sender = if actor.role == Role::Citizen { Sender::Petitioner } else { Sender::Agency };
        messages::append(
            c,
            &NewMessage {
                id: &MessageId::from(uuid::Uuid::new_v4()),
                petition_id: &petition.id,
                author_id: Some(&actor.user_id),
                sender,
                purpose: *purpose,
                body,
                internal: false,
                created_at: now,
            },
        )?;
    }
    let telling = Telling { context, petition, notice: &plan.notice, now };
    for recipient in &plan.recipients {
        match recipient {
            Recipient::Petitioners(words) => telling.petitioners(c, words.as_deref())?,
            Recipient::HeadOf(agency_id) => telling.head_of(c, agency_id)?,
            Recipient::User(user_id) => telling.user(c, user_id)?,
        }
    }
    Ok(())
}
