//! The handling workflow applied to a stored petition. Each step is checked (who may take it,
//! from which status, on which version), then written in one transaction: the petition's change
//! under its version guard, the timeline entry, any message, and the e-mails it causes.

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::{Value, json};

pub mod agency_work;
mod steps;
pub mod sweep;

pub use steps::running;

use super::events::{self, TimelineEntry};
use super::petitions::notices;
use super::{Context, ServiceError, ServiceResult};
use crate::db::messages::{self, NewMessageRow};
use crate::db::petitions::{self, PetitionChange, PetitionRow};
use crate::db::{self, DbConnection};
use crate::domain::account::Role;
use crate::domain::authorization::{self, Action, Actor, Denial, PetitionFacts};
use crate::domain::deadline::Round;
use crate::domain::petition::{PetitionKind, PetitionStatus};
use crate::domain::time::vietnam_date;
use crate::domain::workflow::{self, AppealFacts, WorkflowAction};
use crate::mail::templates::Notice;

/// A step as the client asked for it; `plan` checks every field.
#[derive(Debug, Clone)]
pub enum Step {
    Accept { complexity: String, remote_area: bool },
    Refuse { reason_code: String, explanation: String, competent_agency_id: Option<String> },
    Transfer { to_agency_id: String, reason: String },
    Assign { assignee_id: String },
    RequestInformation { question: String },
    RecordDialogue { held_on: NaiveDate, participants: String, summary: String },
    Extend { reason: String },
    Resolve { outcome: String, answer: String, decision_number: Option<String>, decision_date: Option<NaiveDate> },
    Rate { rating: String, comment: Option<String> },
    Appeal { reason: String },
    Reopen { reason: String },
    Merge { into_petition_id: String },
    Withdraw { reason: Option<String> },
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
            Step::Resolve { .. } => WorkflowAction::Resolve,
            Step::Rate { .. } => WorkflowAction::Rate,
            Step::Appeal { .. } => WorkflowAction::Appeal,
            Step::Reopen { .. } => WorkflowAction::Reopen,
            Step::Merge { .. } => WorkflowAction::Merge,
            Step::Withdraw { .. } => WorkflowAction::Withdraw,
        }
    }
}

pub fn facts(petition: &PetitionRow) -> PetitionFacts<'_> {
    PetitionFacts {
        petitioner_id: petition.petitioner_id.as_deref(),
        agency_id: petition.assigned_agency_id.as_deref(),
        unit_path: &petition.admin_unit_path,
    }
}

pub fn denied(denial: Denial, id: &str) -> ServiceError {
    match denial {
        Denial::Hidden => ServiceError::NotFound(format!("no petition has the id {id}")),
        Denial::Forbidden => ServiceError::Forbidden,
    }
}

pub fn load(connection: &mut DbConnection, id: &str) -> ServiceResult<PetitionRow> {
    petitions::find(connection, id)?.ok_or_else(|| ServiceError::NotFound(format!("no petition has the id {id}")))
}

pub fn status_of(petition: &PetitionRow) -> ServiceResult<PetitionStatus> {
    petition.status.parse().map_err(|_| ServiceError::Internal(anyhow::anyhow!("unknown status {}", petition.status)))
}

/// Whom a step tells, and what.
enum Recipient {
    /// The petitioner and those following the petition, with words addressed to them.
    Petitioners(Option<String>),
    HeadOf(String),
    User(String),
}

/// What a step does: the columns it changes, its timeline entry, the message it leaves, whom it tells.
struct Plan {
    change: PetitionChange,
    event: &'static str,
    public: bool,
    notice: Notice,
    data: Value,
    message: Option<(&'static str, String)>,
    recipients: Vec<Recipient>,
}

impl Plan {
    fn new(event: &'static str, notice: Notice) -> Self {
        Plan {
            change: PetitionChange::default(),
            event,
            public: true,
            notice,
            data: json!({}),
            message: None,
            recipients: Vec::new(),
        }
    }

    fn telling(mut self, recipient: Recipient) -> Self {
        self.recipients.push(recipient);
        self
    }
}

/// Takes a step. With `expected_version` (from `If-Match`), a petition changed since is left
/// alone (409); without it, the version read here guards the write the same way.
pub fn take(
    connection: &mut DbConnection,
    context: &Context,
    id: &str,
    actor: &Actor,
    step: Step,
    expected_version: Option<i32>,
) -> ServiceResult<()> {
    let now = context.now();
    let today = vietnam_date(now);
    db::transaction(connection, |c| {
        let petition = load(c, id)?;
        let action = step.action();
        authorization::authorize(actor, &Action::Handle(action, facts(&petition))).map_err(|d| denied(d, id))?;
        if expected_version.is_some_and(|v| v != petition.version) {
            return Err(ServiceError::EditConflict);
        }
        let status = status_of(&petition)?;
        let next_status = if action == WorkflowAction::Appeal {
            let facts = AppealFacts {
                kind: petition.kind.parse().unwrap_or(PetitionKind::Feedback),
                round: petition.round.parse().unwrap_or(Round::First),
                status,
                remote_area: petition.remote_area,
                decided_on: petition.resolved_at.map(vietnam_date),
                running_deadline: petition.next_due,
                already_appealed: petitions::appeal_of(c, id)?.is_some(),
            };
            workflow::appeal_allowed(facts, today).map_err(|m| ServiceError::Conflict(m.into()))?;
            workflow::leads_to(action, status)
        } else {
            let standing = facts(&petition).standing_of(actor);
            workflow::check(action, status, actor.role, standing).map_err(|refusal| match refusal {
                workflow::Refusal::NotPermitted => ServiceError::Forbidden,
                workflow::Refusal::WrongStatus { status, open } => ServiceError::WrongStatus { status, open },
            })?
        };
        let mut plan = steps::plan(c, &steps::At { context, petition: &petition, today, now }, step)?;
        if let Some(next) = next_status {
            plan.change.status = Some(next.as_str().into());
            if next == PetitionStatus::Closed {
                plan.change.closed_at = Some(Some(now));
            }
        }
        if petitions::apply(c, id, petition.version, &plan.change, now)? == 0 {
            return Err(ServiceError::EditConflict);
        }
        record(c, context, &petition, actor, plan, now)
    })
}

fn record(
    c: &mut DbConnection,
    context: &Context,
    before: &PetitionRow,
    actor: &Actor,
    plan: Plan,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    events::record_on_petition(
        c,
        &before.id,
        TimelineEntry {
            actor_id: Some(&actor.user_id),
            kind: plan.event,
            public: plan.public,
            note: Some(&format!("{} / {}", plan.notice.vi, plan.notice.en)),
            data: plan.data,
        },
        now,
    )?;
    if let Some((purpose, body)) = &plan.message {
        let sender = if actor.role == Role::Citizen { "petitioner" } else { "agency" };
        messages::append(
            c,
            &NewMessageRow {
                id: &uuid::Uuid::new_v4().to_string(),
                petition_id: &before.id,
                author_id: Some(&actor.user_id),
                sender,
                purpose,
                body,
                internal: false,
                created_at: now,
            },
        )?;
    }
    if plan.recipients.is_empty() {
        return Ok(());
    }
    // E-mails describe the petition as it is now (its agency after a transfer, for one).
    let after = load(c, &before.id)?;
    for recipient in &plan.recipients {
        match recipient {
            Recipient::Petitioners(words) => {
                notices::to_petitioners(c, context, &after, &plan.notice, words.as_deref(), now)?
            }
            Recipient::HeadOf(agency_id) => notices::to_head_of(c, context, agency_id, &after, &plan.notice, now)?,
            Recipient::User(user_id) => notices::to_user(c, context, user_id, &after, &plan.notice, now)?,
        }
    }
    Ok(())
}
