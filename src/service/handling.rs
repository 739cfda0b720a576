//! The handling workflow applied to a stored petition. Each step is checked (who may take it,
//! from which status, on which version), then written in one transaction: the petition's change
//! under its version guard, the timeline entry, any message, and the e-mails it causes.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use serde_json::{Value, json};

use super::events::{self, TimelineEntry};
use super::{Context, ServiceError, ServiceResult, appeals, calendar, deadline_rules, notices};
use crate::db::agencies::{self, AgencyRow};
use crate::db::messages::{self, NewMessageRow};
use crate::db::petitions::{self, PetitionChange, PetitionRow};
use crate::db::{self, DbConnection, users};
use crate::domain::FieldError;
use crate::domain::account::Role;
use crate::domain::authorization::{self, Action, Actor, Denial, PetitionFacts};
use crate::domain::calendar::WorkingCalendar;
use crate::domain::deadline::{Complexity, DeadlineRule, Round};
use crate::domain::petition::{self, Outcome, PetitionKind, PetitionStatus};
use crate::domain::time::vietnam_date;
use crate::domain::workflow::{self, AppealFacts, Rating, RefusalReason, WorkflowAction};
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
            // The decided complaint is finished here; an undecided one stays open where it is.
            matches!(status, PetitionStatus::Resolved).then_some(PetitionStatus::Closed)
        } else {
            let standing = facts(&petition).standing_of(actor);
            workflow::check(action, status, actor.role, standing).map_err(|refusal| match refusal {
                workflow::Refusal::NotPermitted => ServiceError::Forbidden,
                workflow::Refusal::WrongStatus { status, open } => ServiceError::WrongStatus { status, open },
            })?
        };
        let mut plan = plan(c, context, &petition, step, today, now)?;
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

/// Checks one text field into `errors`; the cleaned text either way.
fn text(errors: &mut Vec<FieldError>, field: &str, value: &str, chars: std::ops::RangeInclusive<usize>) -> String {
    petition::clean_text(errors, field, value, chars, true)
}

fn parsed<T: std::str::FromStr>(errors: &mut Vec<FieldError>, field: &str, value: &str) -> Option<T>
where
    T::Err: std::fmt::Display,
{
    value.parse::<T>().map_err(|e| errors.push(FieldError::new(field, e.to_string()))).ok()
}

fn checked<T>(errors: Vec<FieldError>, value: Option<T>) -> ServiceResult<T> {
    match value {
        Some(value) if errors.is_empty() => Ok(value),
        _ => Err(ServiceError::Invalid(errors)),
    }
}

/// An agency in force today, or a field error naming `field`.
fn agency_in_force(
    c: &mut DbConnection,
    errors: &mut Vec<FieldError>,
    field: &str,
    id: &str,
    today: NaiveDate,
) -> ServiceResult<Option<AgencyRow>> {
    let found = match uuid::Uuid::parse_str(id) {
        Ok(_) => agencies::find(c, id)?.filter(|a| a.valid_to.is_none_or(|to| to >= today)),
        Err(_) => None,
    };
    if found.is_none() {
        errors.push(FieldError::new(field, "is not an agency in force today (see /api/v1/agencies)"));
    }
    Ok(found)
}

fn kind_and_round(petition: &PetitionRow) -> (PetitionKind, Round) {
    (petition.kind.parse().unwrap_or(PetitionKind::Feedback), petition.round.parse().unwrap_or(Round::First))
}

fn rule_for(c: &mut DbConnection, petition: &PetitionRow) -> ServiceResult<DeadlineRule> {
    let (kind, round) = kind_and_round(petition);
    deadline_rules::current(c, kind, round)
}

/// The calendar far enough ahead for any statutory period from `from` (70 days and two
/// 30-day extensions at most, with holidays).
fn calendar_from(c: &mut DbConnection, from: NaiveDate) -> ServiceResult<WorkingCalendar> {
    calendar::working_calendar(c, from - TimeDelta::days(40), from + TimeDelta::days(400))
}

/// A deadline starts running: the queue's `next_due`, and the sweep's next visit (the reminder
/// day, or the day after the deadline when the reminder day has already come).
pub fn running(
    change: &mut PetitionChange,
    calendar: &WorkingCalendar,
    due: NaiveDate,
    today: NaiveDate,
    reminder_working_days: u32,
) {
    let reminder = calendar.working_days_before(due, reminder_working_days);
    change.next_due = Some(Some(due));
    change.next_sweep_on = Some(Some(if reminder > today { reminder } else { due + TimeDelta::days(1) }));
}

fn stopped(change: &mut PetitionChange) {
    change.next_due = Some(None);
    change.next_sweep_on = Some(None);
}

fn agency_of(petition: &PetitionRow) -> String {
    petition.assigned_agency_id.clone().unwrap_or_default()
}

fn plan(
    c: &mut DbConnection,
    context: &Context,
    petition: &PetitionRow,
    step: Step,
    today: NaiveDate,
    now: NaiveDateTime,
) -> ServiceResult<Plan> {
    let mut errors = Vec::new();
    let reminder_days = context.settings.reminder_working_days;
    match step {
        Step::Accept { complexity, remote_area } => {
            let complexity = parsed::<Complexity>(&mut errors, "complexity", &complexity);
            let complexity = checked(errors, complexity)?;
            let rule = rule_for(c, petition)?;
            let due = rule.resolution_period(complexity, remote_area).last_day(&calendar_from(c, today)?, today);
            let mut plan = Plan::new(
                "petition.accepted",
                Notice::new(
                    format!("đã được thụ lý, hạn giải quyết {}", due.format("%d/%m/%Y")),
                    format!("accepted for handling, to be resolved by {}", due.format("%d/%m/%Y")),
                ),
            )
            .telling(Recipient::Petitioners(None));
            plan.change.accepted_at = Some(Some(now));
            plan.change.complexity = Some(Some(complexity.as_str().into()));
            plan.change.remote_area = Some(remote_area);
            plan.change.resolution_due = Some(Some(due));
            plan.change.extensions_used = Some(0);
            running(&mut plan.change, &calendar_from(c, today)?, due, today, reminder_days);
            plan.data = json!({ "complexity": complexity.as_str(), "remote_area": remote_area, "resolution_due": due });
            Ok(plan)
        }
        Step::Refuse { reason_code, explanation, competent_agency_id } => {
            let reason = parsed::<RefusalReason>(&mut errors, "reason_code", &reason_code);
            let explanation = text(&mut errors, "explanation", &explanation, 10..=5000);
            let competent = match (reason, competent_agency_id.as_deref()) {
                (Some(RefusalReason::NotWithinCompetence), Some(id)) => {
                    agency_in_force(c, &mut errors, "competent_agency_id", id, today)?
                }
                (Some(RefusalReason::NotWithinCompetence), None) => {
                    errors.push(FieldError::new("competent_agency_id", "is required: name the competent agency"));
                    None
                }
                (_, Some(_)) => {
                    errors.push(FieldError::new(
                        "competent_agency_id",
                        "is only given when the reason is not_within_competence",
                    ));
                    None
                }
                (_, None) => None,
            };
            let reason = checked(errors, reason)?;
            let mut words = format!("{}.\n\n{explanation}", reason.in_words());
            if let Some(agency) = &competent {
                words.push_str(&format!("\n\nCơ quan có thẩm quyền / Competent agency: {}", agency.name));
            }
            let mut plan = Plan::new(
                "petition.refused",
                Notice::new(
                    format!("không được thụ lý ({})", reason.in_words().split(" / ").next().unwrap_or_default()),
                    format!("not accepted ({})", reason.in_words().split(" / ").nth(1).unwrap_or_default()),
                ),
            )
            .telling(Recipient::Petitioners(Some(words)));
            plan.change.refusal_reason = Some(Some(reason.as_str().into()));
            plan.change.refusal_explanation = Some(Some(explanation));
            plan.change.competent_agency_id = Some(competent.as_ref().map(|a| a.id.clone()));
            stopped(&mut plan.change);
            plan.data = json!({ "reason_code": reason.as_str(), "competent_agency_id": competent.map(|a| a.id) });
            Ok(plan)
        }
        Step::Transfer { to_agency_id, reason } => {
            let reason = text(&mut errors, "reason", &reason, 10..=2000);
            let to = agency_in_force(c, &mut errors, "to_agency_id", &to_agency_id, today)?;
            if to.as_ref().is_some_and(|a| Some(&a.id) == petition.assigned_agency_id.as_ref()) {
                errors.push(FieldError::new("to_agency_id", "is the agency that already handles the petition"));
            }
            let to = checked(errors, to)?;
            // The receiving agency decides afresh whether to accept, with a full window.
            let rule = rule_for(c, petition)?;
            let calendar = calendar_from(c, today)?;
            let due = rule.acceptance.last_day(&calendar, today);
            let mut plan = Plan::new(
                "petition.transferred",
                Notice::new(format!("đã được chuyển đến {}", to.name), format!("transferred to {}", to.name)),
            )
            .telling(Recipient::Petitioners(None))
            .telling(Recipient::HeadOf(to.id.clone()));
            plan.change.assigned_agency_id = Some(Some(to.id.clone()));
            plan.change.assignee_id = Some(None);
            plan.change.acceptance_due = Some(Some(due));
            plan.change.resolution_due = Some(None);
            plan.change.accepted_at = Some(None);
            plan.change.complexity = Some(None);
            plan.change.extensions_used = Some(0);
            running(&mut plan.change, &calendar, due, today, reminder_days);
            plan.data =
                json!({ "from_agency_id": petition.assigned_agency_id, "to_agency_id": to.id, "reason": reason });
            Ok(plan)
        }
        Step::Assign { assignee_id } => {
            let assignee = match uuid::Uuid::parse_str(&assignee_id) {
                Ok(_) => users::find(c, &assignee_id)?.filter(|u| {
                    u.disabled_at.is_none()
                        && matches!(u.role.as_str(), "officer" | "head")
                        && u.agency_id == petition.assigned_agency_id
                }),
                Err(_) => None,
            };
            let assignee = assignee.ok_or_else(|| {
                ServiceError::invalid("assignee_id", "is not an active officer or head of the handling agency")
            })?;
            let mut plan =
                Plan::new("petition.assigned", Notice::new("được giao xác minh", "assigned to you for verification"))
                    .telling(Recipient::User(assignee.id.clone()));
            // The public timeline says it is being verified, not by whom.
            plan.public = false;
            plan.change.assignee_id = Some(Some(assignee.id.clone()));
            plan.data = json!({ "assignee_id": assignee.id });
            Ok(plan)
        }
        Step::RequestInformation { question } => {
            let question = text(&mut errors, "question", &question, 10..=5000);
            checked(errors, Some(()))?;
            let mut plan = Plan::new(
                "petition.information_requested",
                Notice::new("cơ quan cần bạn bổ sung thông tin", "the agency asks you for information"),
            )
            .telling(Recipient::Petitioners(Some(question.clone())));
            plan.message = Some(("information_request", question));
            Ok(plan)
        }
        Step::RecordDialogue { held_on, participants, summary } => {
            let participants = text(&mut errors, "participants", &participants, 3..=2000);
            let summary = text(&mut errors, "summary", &summary, 10..=20_000);
            if held_on > today || held_on < vietnam_date(petition.received_at) {
                errors.push(FieldError::new("held_on", "must be between the day the petition was received and today"));
            }
            checked(errors, Some(()))?;
            let day = held_on.format("%d/%m/%Y");
            let mut plan = Plan::new(
                "petition.dialogue_recorded",
                Notice::new(format!("đã tổ chức đối thoại ngày {day}"), format!("a dialogue was held on {day}")),
            );
            // The record goes to the petitioner, who took part; the public timeline only says it was held.
            plan.message = Some((
                "dialogue_record",
                format!("Đối thoại ngày {day} / Dialogue of {day}\n\n{participants}\n\n{summary}"),
            ));
            plan.data = json!({ "held_on": held_on });
            Ok(plan)
        }
        Step::Extend { reason } => {
            let reason = text(&mut errors, "reason", &reason, 10..=2000);
            checked(errors, Some(()))?;
            let rule = rule_for(c, petition)?;
            let complexity = petition.complexity.as_deref().and_then(|c| c.parse().ok()).unwrap_or(Complexity::Normal);
            let allowed = i32::from(rule.extensions_allowed(complexity));
            let (Some(period), Some(due)) = (rule.extension, petition.resolution_due) else {
                return Err(ServiceError::Conflict(format!(
                    "the deadline rule for a {} allows no extension",
                    petition.kind
                )));
            };
            if petition.extensions_used >= allowed {
                return Err(ServiceError::Conflict(format!(
                    "a {complexity} {} allows {allowed} extension(s), and {} were used",
                    petition.kind, petition.extensions_used
                )));
            }
            let calendar = calendar_from(c, due)?;
            let extended = period.last_day(&calendar, due);
            let mut plan = Plan::new(
                "petition.extended",
                Notice::new(
                    format!("thời hạn giải quyết được gia hạn đến {}", extended.format("%d/%m/%Y")),
                    format!("the time to resolve was extended to {}", extended.format("%d/%m/%Y")),
                ),
            )
            .telling(Recipient::Petitioners(Some(reason.clone())));
            plan.change.resolution_due = Some(Some(extended));
            plan.change.extensions_used = Some(petition.extensions_used + 1);
            running(&mut plan.change, &calendar, extended, today, reminder_days);
            plan.data = json!({ "from": due, "to": extended, "reason": reason });
            Ok(plan)
        }
        Step::Resolve { outcome, answer, decision_number, decision_date } => {
            let outcome = parsed::<Outcome>(&mut errors, "outcome", &outcome);
            let (kind, _) = kind_and_round(petition);
            if let Some(o) = outcome
                && !workflow::outcome_fits(kind, o)
            {
                let fits = if o == Outcome::Answered { "upheld, partly_upheld or rejected" } else { "answered" };
                errors.push(FieldError::new("outcome", format!("a {kind} is decided as {fits}")));
            }
            let answer = text(&mut errors, "answer", &answer, 10..=20_000);
            let decision_number =
                petition::clean_optional(&mut errors, "decision_number", decision_number.as_deref(), 200);
            if decision_date.is_some_and(|d| d > today) {
                errors.push(FieldError::new("decision_date", "must not be in the future"));
            }
            let outcome = checked(errors, outcome)?;
            let mut plan = Plan::new(
                "petition.resolved",
                Notice::new(
                    format!("đã được giải quyết ({})", outcome_words(outcome).0),
                    format!("resolved ({})", outcome_words(outcome).1),
                ),
            )
            .telling(Recipient::Petitioners(Some(answer.clone())));
            plan.change.outcome = Some(Some(outcome.as_str().into()));
            plan.change.answer = Some(Some(answer));
            plan.change.answer_decision_number = Some(decision_number);
            plan.change.answer_decision_date = Some(decision_date);
            plan.change.resolved_at = Some(Some(now));
            plan.change.days_to_resolve =
                Some(Some(i32::try_from((today - vietnam_date(petition.received_at)).num_days()).unwrap_or(i32::MAX)));
            plan.change.next_due = Some(None);
            // The sweep closes it once nothing has followed for the configured time.
            plan.change.next_sweep_on =
                Some(Some(today + TimeDelta::days(i64::from(context.settings.auto_close_days))));
            plan.data = json!({ "outcome": outcome.as_str() });
            Ok(plan)
        }
        Step::Rate { rating, comment } => {
            let rating = parsed::<Rating>(&mut errors, "rating", &rating);
            let comment = petition::clean_optional(&mut errors, "comment", comment.as_deref(), 2000);
            let rating = checked(errors, rating)?;
            if petition.rating.is_some() {
                return Err(ServiceError::Conflict("the answer was already rated".into()));
            }
            let mut plan = Plan::new(
                "petition.rated",
                Notice::new(
                    format!("người gửi đánh giá: {}", rating_words(rating).0),
                    format!("the petitioner rated the answer: {}", rating_words(rating).1),
                ),
            )
            .telling(Recipient::HeadOf(agency_of(petition)));
            plan.change.rating = Some(Some(rating.as_str().into()));
            plan.change.rating_comment = Some(comment);
            plan.data = json!({ "rating": rating.as_str() });
            Ok(plan)
        }
        Step::Appeal { reason } => {
            let reason = text(&mut errors, "reason", &reason, 20..=10_000);
            checked(errors, Some(()))?;
            let second = appeals::lodge(c, context, petition, &reason, now)?;
            let mut plan = Plan::new(
                "petition.appealed",
                Notice::new(
                    format!("người gửi đã khiếu nại lần hai (mã {})", second.tracking_code),
                    format!("the petitioner lodged a second-time complaint ({})", second.tracking_code),
                ),
            )
            .telling(Recipient::HeadOf(agency_of(petition)));
            stopped(&mut plan.change);
            plan.data = json!({ "second_round_petition_id": second.id });
            Ok(plan)
        }
        Step::Reopen { reason } => {
            let reason = text(&mut errors, "reason", &reason, 10..=2000);
            checked(errors, Some(()))?;
            let rule = rule_for(c, petition)?;
            let complexity = petition.complexity.as_deref().and_then(|c| c.parse().ok()).unwrap_or(Complexity::Normal);
            let calendar = calendar_from(c, today)?;
            let due = rule.resolution_period(complexity, petition.remote_area).last_day(&calendar, today);
            let mut plan = Plan::new(
                "petition.reopened",
                Notice::new(
                    format!("được mở lại để giải quyết, hạn {}", due.format("%d/%m/%Y")),
                    format!("reopened, to be resolved by {}", due.format("%d/%m/%Y")),
                ),
            )
            .telling(Recipient::Petitioners(Some(reason.clone())))
            .telling(Recipient::HeadOf(agency_of(petition)));
            plan.change.outcome = Some(None);
            plan.change.answer = Some(None);
            plan.change.answer_decision_number = Some(None);
            plan.change.answer_decision_date = Some(None);
            plan.change.resolved_at = Some(None);
            plan.change.days_to_resolve = Some(None);
            plan.change.closed_at = Some(None);
            plan.change.refusal_reason = Some(None);
            plan.change.refusal_explanation = Some(None);
            plan.change.competent_agency_id = Some(None);
            plan.change.rating = Some(None);
            plan.change.rating_comment = Some(None);
            if petition.accepted_at.is_none() {
                plan.change.accepted_at = Some(Some(now));
            }
            plan.change.resolution_due = Some(Some(due));
            running(&mut plan.change, &calendar, due, today, reminder_days);
            plan.data = json!({ "reason": reason, "resolution_due": due });
            Ok(plan)
        }
        Step::Merge { into_petition_id } => {
            let original = match uuid::Uuid::parse_str(&into_petition_id) {
                Ok(_) => petitions::find(c, &into_petition_id)?,
                Err(_) => None,
            }
            .filter(|p| p.assigned_agency_id == petition.assigned_agency_id && p.id != petition.id);
            let original = original.ok_or_else(|| {
                ServiceError::invalid("into_petition_id", "is not another petition your agency handles")
            })?;
            if matches!(status_of(&original)?, PetitionStatus::Merged | PetitionStatus::Withdrawn) {
                return Err(ServiceError::invalid(
                    "into_petition_id",
                    format!("is {}: merge into a petition that is still followed", original.status),
                ));
            }
            let mut plan = Plan::new(
                "petition.merged",
                Notice::new(
                    format!(
                        "được gộp vào đơn {} cùng nội dung; bạn sẽ nhận thông báo của đơn đó",
                        original.tracking_code
                    ),
                    format!(
                        "merged into petition {} on the same matter; you will hear of its progress",
                        original.tracking_code
                    ),
                ),
            )
            .telling(Recipient::Petitioners(None));
            plan.change.merged_into_id = Some(Some(original.id.clone()));
            stopped(&mut plan.change);
            plan.data = json!({ "into_petition_id": original.id });
            Ok(plan)
        }
        Step::Withdraw { reason } => {
            let reason = reason.map(|r| text(&mut errors, "reason", &r, 1..=2000));
            checked(errors, Some(()))?;
            let mut plan =
                Plan::new("petition.withdrawn", Notice::new("người gửi đã rút đơn", "the petitioner withdrew it"))
                    .telling(Recipient::HeadOf(agency_of(petition)));
            stopped(&mut plan.change);
            // The reason is the petitioner's words: kept in the data, which only staff read.
            plan.data = json!({ "reason": reason });
            Ok(plan)
        }
    }
}

fn outcome_words(outcome: Outcome) -> (&'static str, &'static str) {
    match outcome {
        Outcome::Upheld => ("đúng", "upheld"),
        Outcome::PartlyUpheld => ("đúng một phần", "partly upheld"),
        Outcome::Rejected => ("không đúng", "rejected"),
        Outcome::Answered => ("đã trả lời", "answered"),
    }
}

fn rating_words(rating: Rating) -> (&'static str, &'static str) {
    match rating {
        Rating::Satisfied => ("hài lòng", "satisfied"),
        Rating::Acceptable => ("chấp nhận được", "acceptable"),
        Rating::Dissatisfied => ("không hài lòng", "dissatisfied"),
    }
}
