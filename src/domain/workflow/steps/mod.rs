//! What each workflow step does to a petition: a pure function of the petition as it stands, the
//! step's inputs (anything they name already looked up) and the rules in force. It gives the
//! change to write, the timeline entry, the message the step leaves and who is told;
//! `service::handling` gathers the facts, then stores and sends what the plan says.

mod decision;
mod intake;
mod suspension;
mod work;

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::Value;

use super::{WorkflowAction, leads_to};
use crate::domain::FieldError;
use crate::domain::account::User;
use crate::domain::agency::Agency;
use crate::domain::calendar::WorkingCalendar;
use crate::domain::deadline::{DeadlineClock, DeadlineRule};
use crate::domain::events::{EventKind, Visibility};
use crate::domain::ids::{AgencyId, PetitionId, UserId};
use crate::domain::notice::Notice;
use crate::domain::petition::message::MessagePurpose;
use crate::domain::petition::{Petition, PetitionChange, PetitionKind, PetitionStatus};
use crate::domain::text::clean_text;
use crate::domain::tracking_code::TrackingCode;

pub use decision::appeal_reason;

/// The deployment's settings that steps follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HandlingPolicy {
    /// Reminders go out this many working days before a deadline.
    pub reminder_working_days: u32,
    /// A resolved petition closes by itself this many days later.
    pub auto_close_days: u32,
    /// An answered feedback or proposal: the days its petitioner has to say it was not fixed,
    /// after which it closes by itself.
    pub confirmation_days: u32,
}

impl HandlingPolicy {
    /// Days after an answer before the petition closes by itself: the confirmation window where
    /// the petitioner confirms a fix (feedback, proposals), the general period otherwise.
    pub fn closes_after(&self, kind: PetitionKind) -> u32 {
        if confirms_fix(kind) { self.confirmation_days } else { self.auto_close_days }
    }
}

/// Whether an answer to this kind of petition says something was done, which its petitioner
/// can confirm or say was not (feedback and proposals; complaints and denunciations are decided).
pub fn confirms_fix(kind: PetitionKind) -> bool {
    matches!(kind, PetitionKind::Feedback | PetitionKind::Proposal)
}

/// Where a step is taken: when, the deadline rule for the petition's kind and round, and a
/// calendar wide enough for any period the step starts.
#[derive(Debug, Clone, Copy)]
pub struct StepContext<'a> {
    pub now: NaiveDateTime,
    pub today: NaiveDate,
    pub rule: &'a DeadlineRule,
    pub calendar: &'a WorkingCalendar,
    pub policy: HandlingPolicy,
}

/// Something a step names by id, as the service found it.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup<T> {
    /// The request named nothing.
    NotGiven,
    /// The request named something that is not there (or not usable: not in force, not a UUID).
    Unknown,
    Found(T),
}

/// The second-time complaint an appeal lodged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lodged {
    pub id: PetitionId,
    pub tracking_code: TrackingCode,
}

/// The head's answer as written: checked by the resolve step.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answer {
    pub outcome: String,
    pub answer: String,
    pub decision_number: Option<String>,
    pub decision_date: Option<NaiveDate>,
    /// What the public page shows: left out (None), the default; `Some(None)`, nothing.
    pub public_answer: Option<Option<String>>,
}

/// A step with its inputs: free text and codes as the client sent them (checked here), and what
/// they name already looked up.
#[derive(Debug, Clone)]
#[allow(clippy::large_enum_variant)] // one per request, never stored in bulk: boxing buys nothing
pub enum Step {
    Accept {
        complexity: String,
        remote_area: bool,
    },
    Refuse {
        reason_code: String,
        explanation: String,
        competent_agency: Lookup<Agency>,
    },
    Transfer {
        to: Lookup<Agency>,
        reason: String,
    },
    Assign {
        assignee: Lookup<User>,
    },
    RequestInformation {
        question: String,
    },
    RecordDialogue {
        held_on: NaiveDate,
        participants: String,
        summary: String,
        /// Whether the petitioner came: attended (left out), or absent with or without a valid reason.
        attendance: Option<String>,
    },
    Extend {
        reason: String,
    },
    Resolve(Answer),
    Rate {
        rating: String,
        comment: Option<String>,
    },
    /// Planned once the second-time complaint is lodged (`appeal_reason` checks its reason first).
    Appeal {
        lodged: Lodged,
    },
    Reopen {
        reason: String,
    },
    NotFixed {
        reason: String,
    },
    Merge {
        into: Lookup<Petition>,
    },
    Withdraw {
        reason: Option<String>,
    },
    ExtendIntake {
        reason: String,
    },
    Suspend {
        ground: String,
        reason: String,
    },
    Resume {
        note: Option<String>,
    },
    WithdrawPart {
        contents: String,
        reason: Option<String>,
    },
}

impl Step {
    pub fn action(&self) -> WorkflowAction {
        match self {
            Step::Accept { .. } => WorkflowAction::Accept,
            Step::Refuse { .. } => WorkflowAction::Refuse,
            Step::Transfer { .. } => WorkflowAction::Transfer,
            Step::Assign { .. } => WorkflowAction::Assign,
            Step::RequestInformation { .. } => WorkflowAction::RequestInformation,
            Step::RecordDialogue { .. } => WorkflowAction::RecordDialogue,
            Step::Extend { .. } => WorkflowAction::Extend,
            Step::Resolve(_) => WorkflowAction::Resolve,
            Step::Rate { .. } => WorkflowAction::Rate,
            Step::Appeal { .. } => WorkflowAction::Appeal,
            Step::Reopen { .. } => WorkflowAction::Reopen,
            Step::NotFixed { .. } => WorkflowAction::NotFixed,
            Step::Merge { .. } => WorkflowAction::Merge,
            Step::Withdraw { .. } => WorkflowAction::Withdraw,
            Step::ExtendIntake { .. } => WorkflowAction::ExtendIntake,
            Step::Suspend { .. } => WorkflowAction::Suspend,
            Step::Resume { .. } => WorkflowAction::Resume,
            Step::WithdrawPart { .. } => WorkflowAction::WithdrawPart,
        }
    }
}

/// Who is told of a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipient {
    /// The petitioner, with words addressed to them, and those following the petition from
    /// petitions merged into it, who get the notice without the words (they concern the
    /// petitioner's own affairs).
    Petitioners(Option<String>),
    HeadOf(AgencyId),
    User(UserId),
}

/// What a step does: the change it writes, its timeline entry, the message it leaves, whom it tells.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub change: PetitionChange,
    pub event: EventKind,
    pub visibility: Visibility,
    pub notice: Notice,
    /// Ids and short facts for the event log; never personal details.
    pub data: Value,
    pub message: Option<(MessagePurpose, String)>,
    pub recipients: Vec<Recipient>,
}

impl Plan {
    fn new(event: EventKind, notice: Notice) -> Self {
        Plan {
            change: PetitionChange::default(),
            event,
            visibility: Visibility::Public,
            notice,
            data: Value::Object(serde_json::Map::new()),
            message: None,
            recipients: Vec::new(),
        }
    }

    fn telling(mut self, recipient: Recipient) -> Self {
        self.recipients.push(recipient);
        self
    }

    /// Sets the time to resolve to a period ending on `end` (its own last day): the deadline is
    /// that day or, if it is a day off, the next working day; the clock runs to it.
    fn resolution_runs_to(&mut self, at: &StepContext, end: NaiveDate) -> NaiveDate {
        let due = at.calendar.working_day_on_or_after(end);
        self.change.resolution_due = Some(Some(due));
        self.change.resolution_period_end = Some(Some(end));
        self.change.clock = Some(DeadlineClock::running(at.calendar, due, at.today, at.policy.reminder_working_days));
        due
    }

    /// Tells the head of the agency handling the petition, if one handles it.
    fn telling_head_of(self, petition: &Petition) -> Self {
        match &petition.assigned_agency_id {
            Some(agency) => self.telling(Recipient::HeadOf(agency.clone())),
            None => self,
        }
    }
}

/// Why a step cannot be taken as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepError {
    /// Its inputs break a rule: each problem named by its field.
    Invalid(Vec<FieldError>),
    /// The petition's state does not allow it (an extension used up, an answer already rated).
    Conflict(String),
}

/// What `step` will do to `petition`, its status change included. The caller has already checked
/// that the actor may take the step from the petition's status.
pub fn plan(petition: &Petition, step: Step, at: &StepContext) -> Result<Plan, StepError> {
    let action = step.action();
    let mut plan = match step {
        Step::Accept { complexity, remote_area } => intake::accept(at, &complexity, remote_area)?,
        Step::Refuse { reason_code, explanation, competent_agency } => {
            intake::refuse(petition, at, &reason_code, &explanation, competent_agency)?
        }
        Step::ExtendIntake { reason } => intake::extend_intake(petition, at, &reason)?,
        Step::Transfer { to, reason } => intake::transfer(petition, at, to, &reason)?,
        Step::Merge { into } => intake::merge(petition, into)?,
        Step::Assign { assignee } => work::assign(petition, assignee)?,
        Step::RequestInformation { question } => work::request_information(&question)?,
        Step::RecordDialogue { held_on, participants, summary, attendance } => {
            work::record_dialogue(petition, at, held_on, (&participants, &summary), attendance.as_deref())?
        }
        Step::Extend { reason } => work::extend(petition, at, &reason)?,
        Step::Resolve(answer) => decision::resolve(petition, at, answer)?,
        Step::Rate { rating, comment } => decision::rate(petition, &rating, comment.as_deref())?,
        Step::Appeal { lodged } => decision::appeal(petition, &lodged),
        Step::Reopen { reason } => decision::reopen(petition, at, &reason)?,
        Step::NotFixed { reason } => decision::not_fixed(petition, at, &reason)?,
        Step::Withdraw { reason } => decision::withdraw(petition, reason.as_deref())?,
        Step::WithdrawPart { contents, reason } => decision::withdraw_part(petition, &contents, reason.as_deref())?,
        Step::Suspend { ground, reason } => suspension::suspend(petition, at, &ground, &reason)?,
        Step::Resume { note } => suspension::resume(petition, at, note.as_deref())?,
    };
    if let Some(next) = leads_to(action, petition.status) {
        plan.change.status = Some(next);
        if next == PetitionStatus::Closed {
            plan.change.closed_at = Some(Some(at.now));
        }
    }
    Ok(plan)
}

/// Checks one text field into `errors`; the cleaned text either way.
fn text(errors: &mut Vec<FieldError>, field: &str, value: &str, chars: std::ops::RangeInclusive<usize>) -> String {
    clean_text(errors, field, value, chars, true)
}

/// A written reason (for an extension, a reopening): 10 to 2,000 characters.
fn written_reason(reason: &str) -> Result<String, StepError> {
    let mut errors = Vec::new();
    let reason = text(&mut errors, "reason", reason, 10..=2000);
    checked(errors, Some(reason))
}

fn parsed<T: std::str::FromStr>(errors: &mut Vec<FieldError>, field: &str, value: &str) -> Option<T>
where
    T::Err: std::fmt::Display,
{
    value.parse::<T>().map_err(|e| errors.push(FieldError::new(field, e.to_string()))).ok()
}

fn checked<T>(errors: Vec<FieldError>, value: Option<T>) -> Result<T, StepError> {
    match value {
        Some(value) if errors.is_empty() => Ok(value),
        _ => Err(StepError::Invalid(errors)),
    }
}

fn day(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

#[cfg(test)]
mod test_support;
