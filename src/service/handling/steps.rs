//! Each workflow step's own rules: what its body must say, and what it changes, records and
//! tells (a `Plan`), checked against the petition as it stands. `handling::take` applies plans.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use serde_json::json;

use super::{Plan, Recipient, Step, status_of};
use crate::db::agencies::AgencyRow;
use crate::db::petitions::{self, PetitionChange, PetitionRow};
use crate::db::{DbConnection, users};
use crate::domain::FieldError;
use crate::domain::calendar::WorkingCalendar;
use crate::domain::deadline::{Complexity, DeadlineRule, Round};
use crate::domain::petition::{self, Outcome, PetitionKind, PetitionStatus};
use crate::domain::time::vietnam_date;
use crate::domain::workflow::{self, Rating, RefusalReason};
use crate::mail::templates::Notice;
use crate::service::{
    Context, ServiceError, ServiceResult, petitions::appeals, reference::calendar, reference::deadline_rules,
};

/// Checks one text field into `errors`; the cleaned text either way.
fn text(errors: &mut Vec<FieldError>, field: &str, value: &str, chars: std::ops::RangeInclusive<usize>) -> String {
    petition::clean_text(errors, field, value, chars, true)
}

/// A written reason (for an extension, a reopening): 10 to 2,000 characters.
fn written_reason(reason: &str) -> ServiceResult<String> {
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
    let found = crate::service::reference::agencies::in_force(c, id, today)?;
    if found.is_none() {
        errors.push(FieldError::new(field, "is not an agency in force today (see /api/v1/agencies)"));
    }
    Ok(found)
}

fn kind_and_round(petition: &PetitionRow) -> (PetitionKind, Round) {
    (petition.kind.parse().unwrap_or(PetitionKind::Feedback), petition.round.parse().unwrap_or(Round::First))
}

/// The complexity set at acceptance; normal until then.
fn complexity_of(petition: &PetitionRow) -> Complexity {
    petition.complexity.as_deref().and_then(|c| c.parse().ok()).unwrap_or(Complexity::Normal)
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

/// Where a step is taken: the petition as it stands, and when.
pub(super) struct At<'a> {
    pub context: &'a Context,
    pub petition: &'a PetitionRow,
    pub today: NaiveDate,
    pub now: NaiveDateTime,
}

/// What a step will do, checked against the petition as it stands.
pub(super) fn plan(c: &mut DbConnection, at: &At, step: Step) -> ServiceResult<Plan> {
    match step {
        Step::Accept { complexity, remote_area } => accept(c, at, complexity, remote_area),
        Step::Refuse { reason_code, explanation, competent_agency_id } => {
            refuse(c, at, reason_code, explanation, competent_agency_id)
        }
        Step::Transfer { to_agency_id, reason } => transfer(c, at, to_agency_id, reason),
        Step::Assign { assignee_id } => assign(c, at, assignee_id),
        Step::RequestInformation { question } => request_information(question),
        Step::RecordDialogue { held_on, participants, summary } => record_dialogue(at, held_on, participants, summary),
        Step::Extend { reason } => extend(c, at, reason),
        Step::Resolve { outcome, answer, decision_number, decision_date } => {
            resolve(at, outcome, answer, decision_number, decision_date)
        }
        Step::Rate { rating, comment } => rate(at, rating, comment),
        Step::Appeal { reason } => appeal(c, at, reason),
        Step::Reopen { reason } => reopen(c, at, reason),
        Step::Merge { into_petition_id } => merge(c, at, into_petition_id),
        Step::Withdraw { reason } => withdraw(at, reason),
    }
}

fn accept(c: &mut DbConnection, at: &At, complexity: String, remote_area: bool) -> ServiceResult<Plan> {
    let mut errors = Vec::new();
    let reminder_days = at.context.settings.reminder_working_days;
    let complexity = parsed::<Complexity>(&mut errors, "complexity", &complexity);
    let complexity = checked(errors, complexity)?;
    let rule = rule_for(c, at.petition)?;
    let calendar = calendar_from(c, at.today)?;
    let due = rule.resolution_period(complexity, remote_area).last_day(&calendar, at.today);
    let mut plan = Plan::new(
        "petition.accepted",
        Notice::new(
            format!("đã được thụ lý, hạn giải quyết {}", due.format("%d/%m/%Y")),
            format!("accepted for handling, to be resolved by {}", due.format("%d/%m/%Y")),
        ),
    )
    .telling(Recipient::Petitioners(None));
    plan.change.accepted_at = Some(Some(at.now));
    plan.change.complexity = Some(Some(complexity.as_str().into()));
    plan.change.remote_area = Some(remote_area);
    plan.change.resolution_due = Some(Some(due));
    plan.change.extensions_used = Some(0);
    running(&mut plan.change, &calendar, due, at.today, reminder_days);
    plan.data = json!({ "complexity": complexity.as_str(), "remote_area": remote_area, "resolution_due": due });
    Ok(plan)
}

fn refuse(
    c: &mut DbConnection,
    at: &At,
    reason_code: String,
    explanation: String,
    competent_agency_id: Option<String>,
) -> ServiceResult<Plan> {
    let mut errors = Vec::new();
    let reason = parsed::<RefusalReason>(&mut errors, "reason_code", &reason_code);
    let explanation = text(&mut errors, "explanation", &explanation, 10..=5000);
    let competent = match (reason, competent_agency_id.as_deref()) {
        (Some(RefusalReason::NotWithinCompetence), Some(id)) => {
            agency_in_force(c, &mut errors, "competent_agency_id", id, at.today)?
        }
        (Some(RefusalReason::NotWithinCompetence), None) => {
            errors.push(FieldError::new("competent_agency_id", "is required: name the competent agency"));
            None
        }
        (_, Some(_)) => {
            errors
                .push(FieldError::new("competent_agency_id", "is only given when the reason is not_within_competence"));
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

fn transfer(c: &mut DbConnection, at: &At, to_agency_id: String, reason: String) -> ServiceResult<Plan> {
    let mut errors = Vec::new();
    let reminder_days = at.context.settings.reminder_working_days;
    let reason = text(&mut errors, "reason", &reason, 10..=2000);
    let to = agency_in_force(c, &mut errors, "to_agency_id", &to_agency_id, at.today)?;
    if to.as_ref().is_some_and(|a| Some(&a.id) == at.petition.assigned_agency_id.as_ref()) {
        errors.push(FieldError::new("to_agency_id", "is the agency that already handles the petition"));
    }
    let to = checked(errors, to)?;
    // The receiving agency decides afresh whether to accept, with a full window.
    let rule = rule_for(c, at.petition)?;
    let calendar = calendar_from(c, at.today)?;
    let due = rule.acceptance.last_day(&calendar, at.today);
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
    running(&mut plan.change, &calendar, due, at.today, reminder_days);
    plan.data = json!({ "from_agency_id": at.petition.assigned_agency_id, "to_agency_id": to.id, "reason": reason });
    Ok(plan)
}

fn assign(c: &mut DbConnection, at: &At, assignee_id: String) -> ServiceResult<Plan> {
    let assignee = match uuid::Uuid::parse_str(&assignee_id) {
        Ok(_) => users::find(c, &assignee_id)?.filter(|u| {
            u.disabled_at.is_none()
                && matches!(u.role.as_str(), "officer" | "head")
                && u.agency_id == at.petition.assigned_agency_id
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

fn request_information(question: String) -> ServiceResult<Plan> {
    let mut errors = Vec::new();
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

fn record_dialogue(at: &At, held_on: NaiveDate, participants: String, summary: String) -> ServiceResult<Plan> {
    let mut errors = Vec::new();
    let participants = text(&mut errors, "participants", &participants, 3..=2000);
    let summary = text(&mut errors, "summary", &summary, 10..=20_000);
    if held_on > at.today || held_on < vietnam_date(at.petition.received_at) {
        errors.push(FieldError::new("held_on", "must be between the day the petition was received and today"));
    }
    checked(errors, Some(()))?;
    let day = held_on.format("%d/%m/%Y");
    let mut plan = Plan::new(
        "petition.dialogue_recorded",
        Notice::new(format!("đã tổ chức đối thoại ngày {day}"), format!("a dialogue was held on {day}")),
    )
    .telling(Recipient::Petitioners(None));
    // The record goes to the petitioner, who took part; the public timeline only says it was held.
    plan.message =
        Some(("dialogue_record", format!("Đối thoại ngày {day} / Dialogue of {day}\n\n{participants}\n\n{summary}")));
    plan.data = json!({ "held_on": held_on });
    Ok(plan)
}

fn extend(c: &mut DbConnection, at: &At, reason: String) -> ServiceResult<Plan> {
    let reason = written_reason(&reason)?;
    let reminder_days = at.context.settings.reminder_working_days;
    let rule = rule_for(c, at.petition)?;
    let complexity = complexity_of(at.petition);
    let allowed = i32::from(rule.extensions_allowed(complexity));
    let (Some(period), Some(due)) = (rule.extension, at.petition.resolution_due) else {
        return Err(ServiceError::Conflict(format!(
            "the deadline rule for a {} allows no extension",
            at.petition.kind
        )));
    };
    if at.petition.extensions_used >= allowed {
        return Err(ServiceError::Conflict(format!(
            "a {complexity} {} allows {allowed} extension(s), and {} were used",
            at.petition.kind, at.petition.extensions_used
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
    plan.change.extensions_used = Some(at.petition.extensions_used + 1);
    running(&mut plan.change, &calendar, extended, at.today, reminder_days);
    plan.data = json!({ "from": due, "to": extended, "reason": reason });
    Ok(plan)
}

fn resolve(
    at: &At,
    outcome: String,
    answer: String,
    decision_number: Option<String>,
    decision_date: Option<NaiveDate>,
) -> ServiceResult<Plan> {
    let mut errors = Vec::new();
    let outcome = parsed::<Outcome>(&mut errors, "outcome", &outcome);
    let (kind, _) = kind_and_round(at.petition);
    if let Some(o) = outcome
        && !workflow::outcome_fits(kind, o)
    {
        let fits = if o == Outcome::Answered { "upheld, partly_upheld or rejected" } else { "answered" };
        errors.push(FieldError::new("outcome", format!("a {kind} is decided as {fits}")));
    }
    let answer = text(&mut errors, "answer", &answer, 10..=20_000);
    let decision_number = petition::clean_optional(&mut errors, "decision_number", decision_number.as_deref(), 200);
    if decision_date.is_some_and(|d| d > at.today) {
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
    plan.change.resolved_at = Some(Some(at.now));
    plan.change.days_to_resolve =
        Some(Some(i32::try_from((at.today - vietnam_date(at.petition.received_at)).num_days()).unwrap_or(i32::MAX)));
    plan.change.next_due = Some(None);
    // The sweep closes it once nothing has followed for the configured time.
    plan.change.next_sweep_on = Some(Some(at.today + TimeDelta::days(i64::from(at.context.settings.auto_close_days))));
    plan.data = json!({ "outcome": outcome.as_str() });
    Ok(plan)
}

fn rate(at: &At, rating: String, comment: Option<String>) -> ServiceResult<Plan> {
    let mut errors = Vec::new();
    let rating = parsed::<Rating>(&mut errors, "rating", &rating);
    let comment = petition::clean_optional(&mut errors, "comment", comment.as_deref(), 2000);
    let rating = checked(errors, rating)?;
    if at.petition.rating.is_some() {
        return Err(ServiceError::Conflict("the answer was already rated".into()));
    }
    let mut plan = Plan::new(
        "petition.rated",
        Notice::new(
            format!("người gửi đánh giá: {}", rating_words(rating).0),
            format!("the petitioner rated the answer: {}", rating_words(rating).1),
        ),
    )
    .telling(Recipient::HeadOf(agency_of(at.petition)));
    plan.change.rating = Some(Some(rating.as_str().into()));
    plan.change.rating_comment = Some(comment);
    plan.data = json!({ "rating": rating.as_str() });
    Ok(plan)
}

fn appeal(c: &mut DbConnection, at: &At, reason: String) -> ServiceResult<Plan> {
    let mut errors = Vec::new();
    let reason = text(&mut errors, "reason", &reason, 20..=10_000);
    checked(errors, Some(()))?;
    let second = appeals::lodge(c, at.context, at.petition, &reason, at.now)?;
    let mut plan = Plan::new(
        "petition.appealed",
        Notice::new(
            format!("người gửi đã khiếu nại lần hai (mã {})", second.tracking_code),
            format!("the petitioner lodged a second-time complaint ({})", second.tracking_code),
        ),
    )
    .telling(Recipient::HeadOf(agency_of(at.petition)));
    stopped(&mut plan.change);
    plan.data = json!({ "second_round_petition_id": second.id });
    Ok(plan)
}

fn reopen(c: &mut DbConnection, at: &At, reason: String) -> ServiceResult<Plan> {
    let reason = written_reason(&reason)?;
    let reminder_days = at.context.settings.reminder_working_days;
    let rule = rule_for(c, at.petition)?;
    let complexity = complexity_of(at.petition);
    let calendar = calendar_from(c, at.today)?;
    let due = rule.resolution_period(complexity, at.petition.remote_area).last_day(&calendar, at.today);
    let mut plan = Plan::new(
        "petition.reopened",
        Notice::new(
            format!("được mở lại để giải quyết, hạn {}", due.format("%d/%m/%Y")),
            format!("reopened, to be resolved by {}", due.format("%d/%m/%Y")),
        ),
    )
    .telling(Recipient::Petitioners(Some(reason.clone())))
    .telling(Recipient::HeadOf(agency_of(at.petition)));
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
    if at.petition.accepted_at.is_none() {
        plan.change.accepted_at = Some(Some(at.now));
    }
    plan.change.resolution_due = Some(Some(due));
    running(&mut plan.change, &calendar, due, at.today, reminder_days);
    plan.data = json!({ "reason": reason, "resolution_due": due });
    Ok(plan)
}

fn merge(c: &mut DbConnection, at: &At, into_petition_id: String) -> ServiceResult<Plan> {
    let original = match uuid::Uuid::parse_str(&into_petition_id) {
        Ok(_) => petitions::find(c, &into_petition_id)?,
        Err(_) => None,
    }
    .filter(|p| p.assigned_agency_id == at.petition.assigned_agency_id && p.id != at.petition.id);
    let original = original
        .ok_or_else(|| ServiceError::invalid("into_petition_id", "is not another petition your agency handles"))?;
    if matches!(status_of(&original)?, PetitionStatus::Merged | PetitionStatus::Withdrawn) {
        return Err(ServiceError::invalid(
            "into_petition_id",
            format!("is {}: merge into a petition that is still followed", original.status),
        ));
    }
    let mut plan = Plan::new(
        "petition.merged",
        Notice::new(
            format!("được gộp vào đơn {} cùng nội dung; bạn sẽ nhận thông báo của đơn đó", original.tracking_code),
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

fn withdraw(at: &At, reason: Option<String>) -> ServiceResult<Plan> {
    let mut errors = Vec::new();
    let reason = reason.map(|r| text(&mut errors, "reason", &r, 1..=2000));
    checked(errors, Some(()))?;
    let mut plan = Plan::new("petition.withdrawn", Notice::new("người gửi đã rút đơn", "the petitioner withdrew it"))
        .telling(Recipient::HeadOf(agency_of(at.petition)));
    stopped(&mut plan.change);
    // The reason is the petitioner's words: kept in the data, which only staff read.
    plan.data = json!({ "reason": reason });
    Ok(plan)
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
