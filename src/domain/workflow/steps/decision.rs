//! The steps around the decision: the head resolves, the petitioner rates, appeals or withdraws,
//! and a finished petition is reopened.

use chrono::TimeDelta;
use serde_json::json;

use super::{Answer, Lodged, Plan, Recipient, StepContext, StepError, checked, day, parsed, text, written_reason};
use crate::domain::FieldError;
use crate::domain::deadline::DeadlineClock;
use crate::domain::events::EventKind;
use crate::domain::notice::Notice;
use crate::domain::petition::message::MessagePurpose;
use crate::domain::petition::{Decision, Outcome, Petition, PetitionKind, Rating, RatingGiven};
use crate::domain::text::optional_text;
use crate::domain::time::vietnam_date;
use crate::domain::workflow::outcome_fits;

pub(super) fn resolve(petition: &Petition, at: &StepContext, written: Answer) -> Result<Plan, StepError> {
    let mut errors = Vec::new();
    let outcome = parsed::<Outcome>(&mut errors, "outcome", &written.outcome);
    if let Some(o) = outcome
        && !outcome_fits(petition.kind, o)
    {
        let fits = if o == Outcome::Answered { "upheld, partly_upheld or rejected" } else { "answered" };
        errors.push(FieldError::new("outcome", format!("a {} is decided as {fits}", petition.kind)));
    }
    let answer = text(&mut errors, "answer", &written.answer, 10..=20_000);
    let number = optional_text(&mut errors, "decision_number", written.decision_number.as_deref(), 200);
    let public_answer = match written.public_answer {
        Some(Some(published)) => Some(text(&mut errors, "public_answer", &published, 10..=20_000)),
        Some(None) => None,
        None => published_by_default(petition).then(|| answer.clone()),
    };
    let decision_date = written.decision_date;
    if decision_date.is_some_and(|d| d > at.today) {
        errors.push(FieldError::new("decision_date", "must not be in the future"));
    }
    let outcome = checked(errors, outcome)?;
    let (vi, en) = outcome.words();
    let mut plan = Plan::new(
        EventKind::PetitionResolved,
        Notice::new(format!("đã được giải quyết ({vi})"), format!("resolved ({en})")),
    )
    .telling(Recipient::Petitioners(Some(answer.clone())));
    let days_to_resolve = (at.today - vietnam_date(petition.received_at)).num_days();
    plan.change.decision = Some(Some(Decision {
        outcome,
        answer,
        number,
        date: decision_date,
        resolved_at: at.now,
        days_to_resolve: i32::try_from(days_to_resolve).unwrap_or(i32::MAX),
        on_time: petition.resolution_due.map(|due| at.today <= due),
        public_answer,
    }));
    // The sweep closes it once nothing has followed for the configured time (for feedback and
    // proposals, once the petitioner's window to say it was not fixed has passed).
    let closes_after = at.policy.closes_after(petition.kind);
    plan.change.clock = Some(DeadlineClock::sweep_on(at.today + TimeDelta::days(i64::from(closes_after))));
    plan.data = json!({ "outcome": outcome.as_str() });
    Ok(plan)
}

/// Whether the answer itself goes on the public page unless the head says otherwise: not a
/// denunciation's (its conclusion is published only as the resolver words it, Law on
/// Denunciations 2018, Art. 40), and not one to a petitioner who asked for confidentiality (an
/// answer speaks to its petitioner). The head may publish a text of their own for either.
fn published_by_default(petition: &Petition) -> bool {
    petition.kind != PetitionKind::Denunciation && !petition.confidential
}

pub(super) fn rate(petition: &Petition, rating: &str, comment: Option<&str>) -> Result<Plan, StepError> {
    let mut errors = Vec::new();
    let rating = parsed::<Rating>(&mut errors, "rating", rating);
    let comment = optional_text(&mut errors, "comment", comment, 2000);
    let rating = checked(errors, rating)?;
    if petition.rating.is_some() {
        return Err(StepError::Conflict("the answer was already rated".into()));
    }
    let (vi, en) = rating.words();
    let mut plan = Plan::new(
        EventKind::PetitionRated,
        Notice::new(format!("người gửi đánh giá: {vi}"), format!("the petitioner rated the answer: {en}")),
    )
    .telling_head_of(petition);
    plan.change.rating = Some(Some(RatingGiven { rating, comment }));
    plan.data = json!({ "rating": rating.as_str() });
    Ok(plan)
}

/// The reason a petitioner gives for a second-time complaint: checked before it is lodged.
pub fn appeal_reason(reason: &str) -> Result<String, StepError> {
    let mut errors = Vec::new();
    let reason = text(&mut errors, "reason", reason, 20..=10_000);
    checked(errors, Some(reason))
}

/// The first-time complaint ends here; the second-time complaint `lodged` takes the matter on.
pub(super) fn appeal(petition: &Petition, lodged: &Lodged) -> Plan {
    let code = &lodged.tracking_code;
    let mut plan = Plan::new(
        EventKind::PetitionAppealed,
        Notice::new(
            format!("người gửi đã khiếu nại lần hai (mã {code})"),
            format!("the petitioner lodged a second-time complaint ({code})"),
        ),
    )
    .telling_head_of(petition);
    plan.change.clock = Some(DeadlineClock::stopped());
    plan.data = json!({ "second_round_petition_id": lodged.id });
    plan
}

pub(super) fn reopen(petition: &Petition, at: &StepContext, reason: &str) -> Result<Plan, StepError> {
    let reason = written_reason(reason)?;
    let notice = |due| {
        Notice::new(
            format!("được mở lại để giải quyết, hạn {}", day(due)),
            format!("reopened, to be resolved by {}", day(due)),
        )
    };
    Ok(reopened(petition, at, reason, notice, false))
}

/// The petitioner says the answered feedback or proposal was not fixed: within the window, it
/// goes back to the agency with their reason, as a reopening (counted in the reopen rate).
pub(super) fn not_fixed(petition: &Petition, at: &StepContext, reason: &str) -> Result<Plan, StepError> {
    if !super::confirms_fix(petition.kind) {
        return Err(StepError::Conflict(format!(
            "a {} is decided, not fixed: its petitioner appeals or complains again instead",
            petition.kind
        )));
    }
    let reason = written_reason(reason)?;
    let window = i64::from(at.policy.confirmation_days);
    let answered_on = petition.decision.as_ref().map(|d| vietnam_date(d.resolved_at));
    if let Some(last) = answered_on.map(|d| d + TimeDelta::days(window)).filter(|last| at.today > *last) {
        return Err(StepError::Conflict(format!("the {window} days to say it was not fixed ended on {}", day(last))));
    }
    let notice = |due| {
        Notice::new(
            format!("người gửi cho biết vấn đề chưa được khắc phục: đơn được mở lại, hạn {}", day(due)),
            format!("the petitioner says it was not fixed: reopened, to be resolved by {}", day(due)),
        )
    };
    Ok(reopened(petition, at, reason, notice, true))
}

/// Back to the agency with a new resolution deadline: the answer, its rating and any refusal
/// cleared, the reason told to the petitioners and the head.
fn reopened(
    petition: &Petition,
    at: &StepContext,
    reason: String,
    notice: impl Fn(chrono::NaiveDate) -> Notice,
    not_fixed: bool,
) -> Plan {
    let complexity = petition.complexity_or_normal();
    let end = at.rule.resolution_period(complexity, petition.remote_area).end(at.calendar, at.today);
    let due = at.calendar.working_day_on_or_after(end);
    let mut plan = Plan::new(EventKind::PetitionReopened, notice(due))
        .telling(Recipient::Petitioners(Some(reason.clone())))
        .telling_head_of(petition);
    plan.change.decision = Some(None);
    plan.change.closed_at = Some(None);
    plan.change.refusal = Some(None);
    plan.change.rating = Some(None);
    if petition.accepted_at.is_none() {
        plan.change.accepted_at = Some(Some(at.now));
    }
    plan.resolution_runs_to(at, end);
    plan.data = json!({ "reason": reason, "resolution_due": due, "not_fixed": not_fixed });
    plan
}

pub(super) fn withdraw(petition: &Petition, reason: Option<&str>) -> Result<Plan, StepError> {
    let mut errors = Vec::new();
    let reason = reason.map(|r| text(&mut errors, "reason", r, 1..=2000));
    checked(errors, Some(()))?;
    let mut plan =
        Plan::new(EventKind::PetitionWithdrawn, Notice::new("người gửi đã rút đơn", "the petitioner withdrew it"))
            .telling_head_of(petition);
    plan.change.clock = Some(DeadlineClock::stopped());
    // Withdrawn while suspended: the suspension ends with it.
    if petition.suspended_at.is_some() {
        plan.change.suspended_at = Some(None);
    }
    // The reason is the petitioner's words: kept in the data, which only staff read.
    plan.data = json!({ "reason": reason });
    Ok(plan)
}

/// The petitioner withdraws part of what they complained of or denounced; the rest is resolved
/// (Law on Complaints Art. 10 as amended by Law 136/2025/QH15; Law on Denunciations 2018,
/// Art. 33). What they withdrew goes to the agency as their message, and is not reconsidered.
pub(super) fn withdraw_part(petition: &Petition, contents: &str, reason: Option<&str>) -> Result<Plan, StepError> {
    let mut errors = Vec::new();
    if !matches!(petition.kind, PetitionKind::Complaint | PetitionKind::Denunciation) {
        errors.push(FieldError::new(
            "contents",
            format!("only a complaint or a denunciation is withdrawn in part; withdraw the whole {}", petition.kind),
        ));
    }
    let contents = text(&mut errors, "contents", contents, 10..=5000);
    let reason = optional_text(&mut errors, "reason", reason, 2000);
    let contents = checked(errors, Some(contents))?;
    let mut plan = Plan::new(
        EventKind::PetitionPartlyWithdrawn,
        Notice::new(
            "người gửi đã rút một phần nội dung; phần còn lại tiếp tục được giải quyết",
            "the petitioner withdrew part of it; the rest is still being resolved",
        ),
    )
    .telling_head_of(petition);
    let words = match &reason {
        Some(reason) => format!("Rút một phần nội dung / Part withdrawn:\n\n{contents}\n\n{reason}"),
        None => format!("Rút một phần nội dung / Part withdrawn:\n\n{contents}"),
    };
    plan.message = Some((MessagePurpose::PartialWithdrawal, words));
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{accepted_complaint, accepted_feedback, context, resolved_complaint};
    use super::super::{Answer, Lodged, Recipient, Step, StepError, appeal_reason, plan};
    use crate::domain::deadline::DeadlineClock;
    use crate::domain::ids::PetitionId;
    use crate::domain::petition::message::MessagePurpose;
    use crate::domain::petition::{Outcome, Petition, PetitionKind, PetitionStatus, Rating};
    use crate::domain::tracking_code::TrackingCode;

    fn answer(outcome: &str) -> Answer {
        Answer {
            outcome: outcome.into(),
            answer: "Đã cử đội vệ sinh môi trường đến dọn sạch bãi rác.".into(),
            ..Answer::default()
        }
    }

    fn resolve(outcome: &str) -> Step {
        Step::Resolve(answer(outcome))
    }

    fn published(petition: &Petition, written: Answer) -> Option<String> {
        let plan = plan(petition, Step::Resolve(written), &context().at(petition, "2026-03-10")).unwrap();
        plan.change.decision.flatten().unwrap().public_answer
    }

    #[test]
    fn the_answer_to_feedback_is_published_as_it_stands_unless_the_head_words_it_otherwise() {
        let petition = accepted_feedback();
        assert_eq!(published(&petition, answer("answered")).as_deref(), Some(answer("answered").answer.as_str()));
        let own =
            Answer { public_answer: Some(Some("Bãi rác đã được dọn sạch.".into())), ..answer("answered") };
        assert_eq!(published(&petition, own).as_deref(), Some("Bãi rác đã được dọn sạch."));
        let none = Answer { public_answer: Some(None), ..answer("answered") };
        assert_eq!(published(&petition, none), None);
    }

    #[test]
    fn a_denunciation_or_a_confidential_petitioner_has_nothing_published_unless_the_head_writes_it() {
        let denunciation = Petition { kind: PetitionKind::Denunciation, ..accepted_feedback() };
        assert_eq!(published(&denunciation, answer("upheld")), None);
        let confidential = Petition { confidential: true, ..accepted_feedback() };
        assert_eq!(published(&confidential, answer("answered")), None);
        let conclusion = Answer {
            public_answer: Some(Some("Kết luận: tố cáo đúng một phần.".into())),
            ..answer("upheld")
        };
        assert_eq!(published(&denunciation, conclusion).as_deref(), Some("Kết luận: tố cáo đúng một phần."));
    }

    #[test]
    fn a_published_text_is_checked_like_the_answer() {
        let petition = accepted_feedback();
        let short = Answer { public_answer: Some(Some("ngắn".into())), ..answer("answered") };
        let Err(StepError::Invalid(errors)) =
            plan(&petition, Step::Resolve(short), &context().at(&petition, "2026-03-10"))
        else {
            panic!()
        };
        assert_eq!(errors[0].field, "public_answer");
    }

    #[test]
    fn resolving_records_the_answer_and_brings_the_sweep_back_to_close_it() {
        let (petition, rules) = (accepted_feedback(), context());
        let plan = plan(&petition, resolve("answered"), &rules.at(&petition, "2026-03-10")).unwrap();
        let decision = plan.change.decision.clone().flatten().unwrap();
        assert_eq!((decision.outcome, decision.days_to_resolve), (Outcome::Answered, 8), "received 2 March");
        assert_eq!(plan.change.status, Some(PetitionStatus::Resolved));
        // Feedback: the petitioner's 7 days to say it was not fixed, after 10 March.
        assert_eq!(plan.change.clock, Some(DeadlineClock::sweep_on("2026-03-17".parse().unwrap())));
        assert!(matches!(&plan.recipients[0], Recipient::Petitioners(Some(answer)) if answer.starts_with("Đã cử")));
    }

    #[test]
    fn a_decided_complaint_closes_after_the_general_period_and_is_never_reported_unfixed() {
        let (petition, rules) = (accepted_complaint(), context());
        let decided = plan(&petition, resolve("upheld"), &rules.at(&petition, "2026-03-10")).unwrap();
        // 45 days after 10 March.
        assert_eq!(decided.change.clock, Some(DeadlineClock::sweep_on("2026-04-24".parse().unwrap())));
        let step = Step::NotFixed { reason: "Quyết định chưa được thi hành.".into() };
        let complaint = resolved_complaint();
        assert!(matches!(plan(&complaint, step, &rules.at(&complaint, "2026-03-12")), Err(StepError::Conflict(_))));
    }

    #[test]
    fn feedback_is_answered_and_a_complaint_decided_upon() {
        let (petition, rules) = (accepted_feedback(), context());
        let Err(StepError::Invalid(errors)) = plan(&petition, resolve("upheld"), &rules.at(&petition, "2026-03-10"))
        else {
            panic!()
        };
        assert_eq!(errors[0].message, "a feedback is decided as answered");
    }

    #[test]
    fn an_answer_is_rated_once() {
        let (mut petition, rules) = (resolved_complaint(), context());
        let at = rules.at(&petition, "2026-04-01");
        let rate = || Step::Rate { rating: "dissatisfied".into(), comment: Some("Chưa thỏa đáng.".into()) };
        let rated = plan(&petition, rate(), &at).unwrap();
        assert_eq!(rated.change.rating.clone().flatten().map(|r| r.rating), Some(Rating::Dissatisfied));
        assert_eq!(rated.change.status, None, "rating keeps the status");
        petition.rating = rated.change.rating.flatten();
        assert!(matches!(plan(&petition, rate(), &at), Err(StepError::Conflict(_))));
    }

    #[test]
    fn an_appeal_closes_the_first_time_complaint_and_tells_its_head() {
        let (petition, rules) = (resolved_complaint(), context());
        let lodged = Lodged {
            id: PetitionId::from(uuid::Uuid::from_u128(9)),
            tracking_code: TrackingCode::from_random([9; 12]),
        };
        let plan =
            plan(&petition, Step::Appeal { lodged: lodged.clone() }, &rules.at(&petition, "2026-04-01")).unwrap();
        assert_eq!(plan.change.status, Some(PetitionStatus::Closed));
        assert!(plan.change.closed_at.is_some());
        assert_eq!(plan.change.clock, Some(DeadlineClock::stopped()));
        assert_eq!(plan.recipients, [Recipient::HeadOf(petition.assigned_agency_id.clone().unwrap())]);
        assert!(plan.notice.en.contains(lodged.tracking_code.as_str()));
        assert!(appeal_reason("quá ngắn").is_err(), "a reason of twenty characters at least");
    }

    #[test]
    fn reopening_clears_the_decision_and_runs_the_clock_again() {
        let (petition, rules) = (resolved_complaint(), context());
        let step = Step::Reopen { reason: "Quyết định có sai sót về diện tích.".into() };
        let plan = plan(&petition, step, &rules.at(&petition, "2026-04-01")).unwrap();
        assert_eq!(plan.change.decision, Some(None));
        assert_eq!((plan.change.rating.clone(), plan.change.refusal.clone()), (Some(None), Some(None)));
        assert_eq!(plan.change.status, Some(PetitionStatus::InProgress));
        // Thirty days from Wed 1 Apr 2026: Fri 1 May, a holiday; Mon 4 May in this calendar.
        assert_eq!(plan.change.resolution_due, Some(Some("2026-05-04".parse().unwrap())));
    }

    #[test]
    fn a_withdrawal_stops_every_clock_and_keeps_the_reason_for_staff() {
        let (petition, rules) = (accepted_feedback(), context());
        let step = Step::Withdraw { reason: Some("Đã tự thỏa thuận được.".into()) };
        let plan = plan(&petition, step, &rules.at(&petition, "2026-03-05")).unwrap();
        assert_eq!(plan.change.status, Some(PetitionStatus::Withdrawn));
        assert_eq!(plan.change.clock, Some(DeadlineClock::stopped()));
        assert_eq!(plan.data["reason"], "Đã tự thỏa thuận được.");
    }

    #[test]
    fn withdrawing_a_suspended_complaint_ends_the_suspension_with_it() {
        let rules = context();
        let at = rules.at(&accepted_complaint(), "2026-03-10");
        let suspended =
            Petition { status: PetitionStatus::Suspended, suspended_at: Some(at.now), ..accepted_complaint() };
        let withdrawn = plan(&suspended, Step::Withdraw { reason: None }, &at).unwrap();
        assert_eq!(withdrawn.change.status, Some(PetitionStatus::Withdrawn));
        assert_eq!(withdrawn.change.suspended_at, Some(None));
    }

    #[test]
    fn part_of_a_complaint_is_withdrawn_and_the_rest_goes_on() {
        let (petition, rules) = (accepted_complaint(), context());
        let at = rules.at(&petition, "2026-03-10");
        let part = |petition: &Petition| {
            let step = Step::WithdrawPart {
                contents: "Rút nội dung khiếu nại về tiền hỗ trợ di dời.".into(),
                reason: None,
            };
            plan(petition, step, &at)
        };
        let withdrawn = part(&petition).unwrap();
        assert_eq!(withdrawn.change.status, None, "the rest is still resolved");
        assert!(
            matches!(&withdrawn.message, Some((MessagePurpose::PartialWithdrawal, words)) if words.contains("tiền hỗ trợ"))
        );
        let Err(StepError::Invalid(errors)) = part(&accepted_feedback()) else { panic!() };
        assert_eq!(errors[0].field, "contents");
    }
}
