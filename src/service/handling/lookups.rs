//! A step as the client asked for it, naming agencies, users and petitions by id; and the same
//! step with each of them looked up, as the domain plans it. An appeal's second-time complaint is
//! lodged here, once its reason checks out.

use chrono::{NaiveDate, NaiveDateTime};

use crate::db::{DbConnection, petitions, users};
use crate::domain::ids::{PetitionId, UserId};
use crate::domain::petition::Petition;
use crate::domain::time::vietnam_date;
use crate::domain::workflow::WorkflowAction;
use crate::domain::workflow::steps::{Answer, Lookup, Step, appeal_reason};
use crate::service::petitions::appeals;
use crate::service::reference::agencies;
use crate::service::{Context, ServiceResult};

/// A step and its body, as the client sent them.
#[derive(Debug, Clone)]
pub enum StepRequest {
    Accept { complexity: String, remote_area: bool },
    Refuse { reason_code: String, explanation: String, competent_agency_id: Option<String> },
    Transfer { to_agency_id: String, reason: String },
    Assign { assignee_id: String },
    RequestInformation { question: String },
    RecordDialogue { held_on: NaiveDate, participants: String, summary: String, attendance: Option<String> },
    Extend { reason: String },
    Resolve(Answer),
    Rate { rating: String, comment: Option<String> },
    Appeal { reason: String },
    Reopen { reason: String },
    NotFixed { reason: String },
    Merge { into_petition_id: String },
    Withdraw { reason: Option<String> },
    ExtendIntake { reason: String },
    Suspend { ground: String, reason: String },
    Resume { note: Option<String> },
    WithdrawPart { contents: String, reason: Option<String> },
}

impl StepRequest {
    pub fn action(&self) -> WorkflowAction {
        match self {
            StepRequest::Accept { .. } => WorkflowAction::Accept,
            StepRequest::Refuse { .. } => WorkflowAction::Refuse,
            StepRequest::Transfer { .. } => WorkflowAction::Transfer,
            StepRequest::Assign { .. } => WorkflowAction::Assign,
            StepRequest::RequestInformation { .. } => WorkflowAction::RequestInformation,
            StepRequest::RecordDialogue { .. } => WorkflowAction::RecordDialogue,
            StepRequest::Extend { .. } => WorkflowAction::Extend,
            StepRequest::Resolve(_) => WorkflowAction::Resolve,
            StepRequest::Rate { .. } => WorkflowAction::Rate,
            StepRequest::Appeal { .. } => WorkflowAction::Appeal,
            StepRequest::Reopen { .. } => WorkflowAction::Reopen,
            StepRequest::NotFixed { .. } => WorkflowAction::NotFixed,
            StepRequest::Merge { .. } => WorkflowAction::Merge,
            StepRequest::Withdraw { .. } => WorkflowAction::Withdraw,
            StepRequest::ExtendIntake { .. } => WorkflowAction::ExtendIntake,
            StepRequest::Suspend { .. } => WorkflowAction::Suspend,
            StepRequest::Resume { .. } => WorkflowAction::Resume,
            StepRequest::WithdrawPart { .. } => WorkflowAction::WithdrawPart,
        }
    }
}

/// The step with what it names looked up.
pub(super) fn step(
    c: &mut DbConnection,
    context: &Context,
    petition: &Petition,
    request: StepRequest,
    now: NaiveDateTime,
) -> ServiceResult<Step> {
    let today = vietnam_date(now);
    Ok(match request {
        StepRequest::Accept { complexity, remote_area } => Step::Accept { complexity, remote_area },
        StepRequest::Refuse { reason_code, explanation, competent_agency_id } => {
            let competent_agency = agency_in_force(c, competent_agency_id.as_deref(), today)?;
            Step::Refuse { reason_code, explanation, competent_agency }
        }
        StepRequest::Transfer { to_agency_id, reason } => {
            Step::Transfer { to: agency_in_force(c, Some(&to_agency_id), today)?, reason }
        }
        StepRequest::Assign { assignee_id } => {
            let assignee = match UserId::parse(&assignee_id) {
                Ok(id) => found(users::find(c, &id)?),
                Err(_) => Lookup::Unknown,
            };
            Step::Assign { assignee }
        }
        StepRequest::RequestInformation { question } => Step::RequestInformation { question },
        StepRequest::RecordDialogue { held_on, participants, summary, attendance } => {
            Step::RecordDialogue { held_on, participants, summary, attendance }
        }
        StepRequest::Extend { reason } => Step::Extend { reason },
        StepRequest::Resolve(answer) => Step::Resolve(answer),
        StepRequest::Rate { rating, comment } => Step::Rate { rating, comment },
        StepRequest::Appeal { reason } => {
            let reason = appeal_reason(&reason)?;
            Step::Appeal { lodged: appeals::lodge(c, context, petition, &reason, now)? }
        }
        StepRequest::Reopen { reason } => Step::Reopen { reason },
        StepRequest::NotFixed { reason } => Step::NotFixed { reason },
        StepRequest::Merge { into_petition_id } => {
            let into = match PetitionId::parse(&into_petition_id) {
                Ok(id) => found(petitions::find(c, &id)?),
                Err(_) => Lookup::Unknown,
            };
            Step::Merge { into }
        }
        StepRequest::Withdraw { reason } => Step::Withdraw { reason },
        StepRequest::ExtendIntake { reason } => Step::ExtendIntake { reason },
        StepRequest::Suspend { ground, reason } => Step::Suspend { ground, reason },
        StepRequest::Resume { note } => Step::Resume { note },
        StepRequest::WithdrawPart { contents, reason } => Step::WithdrawPart { contents, reason },
    })
}

fn found<T>(thing: Option<T>) -> Lookup<T> {
    thing.map_or(Lookup::Unknown, Lookup::Found)
}

fn agency_in_force(
    c: &mut DbConnection,
    id: Option<&str>,
    today: NaiveDate,
) -> ServiceResult<Lookup<crate::domain::agency::Agency>> {
    Ok(match id {
        Some(id) => found(agencies::in_force(c, id, today)?),
        None => Lookup::NotGiven,
    })
}
