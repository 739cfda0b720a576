//! The steps that decide where a received petition goes: accepted (the resolution clock starts),
//! refused for a legal reason, transferred (forwarded) to another agency, or merged into the
//! original; and intake extended when checks are needed at several places.

use serde_json::json;

use super::{Lookup, Plan, Recipient, StepContext, StepError, checked, day, parsed, text, written_reason};
use crate::domain::FieldError;
use crate::domain::agency::Agency;
use crate::domain::deadline::{Complexity, DeadlineClock};
use crate::domain::events::EventKind;
use crate::domain::notice::Notice;
use crate::domain::petition::{Petition, PetitionKind, PetitionStatus, Refusal, RefusalReason};
use crate::domain::time::vietnam_date;

pub(super) fn accept(at: &StepContext, complexity: &str, remote_area: bool) -> Result<Plan, StepError> {
    let mut errors = Vec::new();
    let complexity = parsed::<Complexity>(&mut errors, "complexity", complexity);
    let complexity = checked(errors, complexity)?;
    let end = at.rule.resolution_period(complexity, remote_area).end(at.calendar, at.today);
    let due = at.calendar.working_day_on_or_after(end);
    let mut plan = Plan::new(
        EventKind::PetitionAccepted,
        Notice::new(
            format!("đã được thụ lý, hạn giải quyết {}", day(due)),
            format!("accepted for handling, to be resolved by {}", day(due)),
        ),
    )
    .telling(Recipient::Petitioners(None));
    plan.change.accepted_at = Some(Some(at.now));
    plan.change.complexity = Some(Some(complexity));
    plan.change.remote_area = Some(remote_area);
    plan.resolution_runs_to(at, end);
    plan.change.extensions_used = Some(0);
    plan.data = json!({ "complexity": complexity.as_str(), "remote_area": remote_area, "resolution_due": due });
    Ok(plan)
}

pub(super) fn refuse(
    petition: &Petition,
    at: &StepContext,
    reason_code: &str,
    explanation: &str,
    competent: Lookup<Agency>,
) -> Result<Plan, StepError> {
    let mut errors = Vec::new();
    let reason = parsed::<RefusalReason>(&mut errors, "reason_code", reason_code);
    // The law, not the rule data, says a denunciation is forwarded, never sent back (Art. 24(2)).
    if reason == Some(RefusalReason::NotWithinCompetence) && petition.kind == PetitionKind::Denunciation {
        let by = forwarding_due(petition, at).map(|due| format!(" by {}", day(due))).unwrap_or_default();
        return Err(StepError::Invalid(vec![FieldError::new(
            "reason_code",
            format!(
                "a denunciation not within competence is forwarded, not refused (Law on Denunciations 2018, \
                 Art. 24(2)): transfer it to the competent agency{by}, and the denouncer is told"
            ),
        )]));
    }
    let explanation = text(&mut errors, "explanation", explanation, 10..=5000);
    let competent = match (reason, competent) {
        (Some(RefusalReason::NotWithinCompetence), Lookup::Found(agency)) => Some(agency),
        (Some(RefusalReason::NotWithinCompetence), Lookup::Unknown) => {
            errors
                .push(FieldError::new("competent_agency_id", "is not an agency in force today (see /api/v1/agencies)"));
            None
        }
        (Some(RefusalReason::NotWithinCompetence), Lookup::NotGiven) => {
            errors.push(FieldError::new("competent_agency_id", "is required: name the competent agency"));
            None
        }
        (_, Lookup::Found(_) | Lookup::Unknown) => {
            errors
                .push(FieldError::new("competent_agency_id", "is only given when the reason is not_within_competence"));
            None
        }
        (_, Lookup::NotGiven) => None,
    };
    let reason = checked(errors, reason)?;
    let mut words = format!("{}.\n\n{explanation}", reason.in_words());
    if let Some(agency) = &competent {
        words.push_str(&format!("\n\nCơ quan có thẩm quyền / Competent agency: {}", agency.name));
    }
    let (vi, en) = reason.in_words().split_once(" / ").unwrap_or_default();
    let mut plan = Plan::new(
        EventKind::PetitionRefused,
        Notice::new(format!("không được thụ lý ({vi})"), format!("not accepted ({en})")),
    )
    .telling(Recipient::Petitioners(Some(words)));
    let competent_agency_id = competent.map(|agency| agency.id);
    plan.data = json!({ "reason_code": reason.as_str(), "competent_agency_id": competent_agency_id });
    plan.change.refusal = Some(Some(Refusal { reason, explanation: Some(explanation), competent_agency_id }));
    plan.change.clock = Some(DeadlineClock::stopped());
    Ok(plan)
}

pub(super) fn transfer(
    petition: &Petition,
    at: &StepContext,
    to: Lookup<Agency>,
    reason: &str,
) -> Result<Plan, StepError> {
    let mut errors = Vec::new();
    let reason = text(&mut errors, "reason", reason, 10..=2000);
    let to = match to {
        Lookup::Found(agency) => Some(agency),
        Lookup::Unknown | Lookup::NotGiven => {
            errors.push(FieldError::new("to_agency_id", "is not an agency in force today (see /api/v1/agencies)"));
            None
        }
    };
    if to.as_ref().is_some_and(|agency| Some(&agency.id) == petition.assigned_agency_id.as_ref()) {
        errors.push(FieldError::new("to_agency_id", "is the agency that already handles the petition"));
    }
    let to = checked(errors, to)?;
    // The receiving agency decides afresh whether to accept, with a full window from today.
    let due = at.rule.acceptance.last_day(at.calendar, at.today);
    // Forwarded before acceptance: whether it went within the rule's forwarding period.
    let in_time = forwarding_due(petition, at)
        .filter(|_| petition.status.awaits_acceptance())
        .map(|forwarding_due| at.today <= forwarding_due);
    let mut plan = Plan::new(
        EventKind::PetitionTransferred,
        Notice::new(format!("đã được chuyển đến {}", to.name), format!("transferred to {}", to.name)),
    )
    .telling(Recipient::Petitioners(None))
    .telling(Recipient::HeadOf(to.id.clone()));
    plan.change.assigned_agency_id = Some(Some(to.id.clone()));
    plan.change.reached_agency_at = Some(at.now);
    plan.change.routing_basis = Some(Some(format!("transferred to {}", to.name)));
    plan.change.assignee_id = Some(None);
    plan.change.acceptance_due = Some(Some(due));
    plan.change.resolution_due = Some(None);
    plan.change.resolution_period_end = Some(None);
    plan.change.accepted_at = Some(None);
    plan.change.complexity = Some(None);
    plan.change.extensions_used = Some(0);
    plan.change.clock = Some(DeadlineClock::running(at.calendar, due, at.today, at.policy.reminder_working_days));
    plan.data = json!({
        "from_agency_id": petition.assigned_agency_id,
        "to_agency_id": to.id,
        "reason": reason,
        "forwarded_in_time": in_time,
    });
    Ok(plan)
}

/// The last day to forward the petition, when its rule sets a forwarding period: counted from the
/// day the agency now holding it received it.
fn forwarding_due(petition: &Petition, at: &StepContext) -> Option<chrono::NaiveDate> {
    at.rule.forwarding.map(|period| period.last_day(at.calendar, vietnam_date(petition.reached_agency_at)))
}

/// Intake takes longer when checks are needed at several places (denunciations: up to 10 working
/// days instead of 7, Art. 24(1)): once, to the rule's longest, with the reason recorded.
pub(super) fn extend_intake(petition: &Petition, at: &StepContext, reason: &str) -> Result<Plan, StepError> {
    let reason = written_reason(reason)?;
    let Some(longest) = at.rule.acceptance_extended else {
        return Err(StepError::Conflict(format!("the deadline rule for a {} does not extend intake", petition.kind)));
    };
    let due = longest.last_day(at.calendar, vietnam_date(petition.reached_agency_at));
    if let Some(current) = petition.acceptance_due.filter(|current| *current >= due) {
        return Err(StepError::Conflict(format!(
            "intake already runs to {}, the longest the rule allows",
            day(current)
        )));
    }
    if let Some(passed) = petition.acceptance_due.filter(|current| *current < at.today) {
        return Err(StepError::Conflict(format!("intake ended on {}: it is extended before it ends", day(passed))));
    }
    let mut plan = Plan::new(
        EventKind::PetitionIntakeExtended,
        Notice::new(
            format!("thời hạn xử lý ban đầu được kéo dài đến {}", day(due)),
            format!("the time to decide on acceptance was extended to {}", day(due)),
        ),
    )
    .telling(Recipient::Petitioners(Some(reason.clone())));
    plan.change.acceptance_due = Some(Some(due));
    plan.change.clock = Some(DeadlineClock::running(at.calendar, due, at.today, at.policy.reminder_working_days));
    plan.data = json!({ "from": petition.acceptance_due, "to": due, "reason": reason });
    Ok(plan)
}

pub(super) fn merge(petition: &Petition, into: Lookup<Petition>) -> Result<Plan, StepError> {
    let original = match into {
        Lookup::Found(original)
            if original.assigned_agency_id == petition.assigned_agency_id && original.id != petition.id =>
        {
            original
        }
        _ => {
            return Err(StepError::Invalid(vec![FieldError::new(
                "into_petition_id",
                "is not another petition your agency handles",
            )]));
        }
    };
    if matches!(original.status, PetitionStatus::Merged | PetitionStatus::Withdrawn) {
        return Err(StepError::Invalid(vec![FieldError::new(
            "into_petition_id",
            format!("is {}: merge into a petition that is still followed", original.status),
        )]));
    }
    // Merged petitioners follow one petition: each must have the same rights over it, and no
    // confidential petitioner may be put beside another.
    if original.kind != petition.kind {
        return Err(StepError::Invalid(vec![FieldError::new(
            "into_petition_id",
            format!("is a {}, this is a {}: only petitions of one kind are merged", original.kind, petition.kind),
        )]));
    }
    if petition.confidential || original.confidential {
        return Err(StepError::Conflict(
            "a petition whose petitioner is kept confidential is neither merged nor merged into: handle it on its own"
                .into(),
        ));
    }
    let code = &original.tracking_code;
    let mut plan = Plan::new(
        EventKind::PetitionMerged,
        Notice::new(
            format!("được gộp vào đơn {code} cùng nội dung; bạn sẽ nhận thông báo của đơn đó"),
            format!("merged into petition {code} on the same matter; you will hear of its progress"),
        ),
    )
    .telling(Recipient::Petitioners(None));
    plan.change.merged_into_id = Some(Some(original.id.clone()));
    plan.change.clock = Some(DeadlineClock::stopped());
    plan.data = json!({ "into_petition_id": original.id });
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{agency, context, received_denunciation, received_feedback};
    use super::super::{Lookup, Recipient, Step, StepError, plan};
    use crate::domain::deadline::{Complexity, DeadlineClock};
    use crate::domain::petition::{PetitionStatus, RefusalReason};

    #[test]
    fn accepting_starts_the_resolution_clock_from_today() {
        let (petition, rules) = (received_feedback(), context());
        let at = rules.at(&petition, "2026-03-02");
        let step = Step::Accept { complexity: "normal".into(), remote_area: false };
        let plan = plan(&petition, step, &at).unwrap();
        // Ten working days from Mon 2 Mar 2026: Mon 16 Mar; reminded two working days before.
        assert_eq!(plan.change.status, Some(PetitionStatus::Accepted));
        assert_eq!(plan.change.resolution_due, Some(Some("2026-03-16".parse().unwrap())));
        assert_eq!(plan.change.complexity, Some(Some(Complexity::Normal)));
        assert_eq!(
            plan.change.clock,
            Some(DeadlineClock {
                next_due: Some("2026-03-16".parse().unwrap()),
                next_sweep_on: Some("2026-03-12".parse().unwrap())
            })
        );
        assert_eq!(plan.recipients, [Recipient::Petitioners(None)]);
    }

    #[test]
    fn accepting_with_an_unknown_complexity_names_the_field() {
        let (petition, rules) = (received_feedback(), context());
        let step = Step::Accept { complexity: "hard".into(), remote_area: false };
        let Err(StepError::Invalid(errors)) = plan(&petition, step, &rules.at(&petition, "2026-03-02")) else {
            panic!()
        };
        assert_eq!(errors[0].field, "complexity");
    }

    #[test]
    fn a_refusal_for_want_of_competence_must_name_the_competent_agency() {
        let (petition, rules) = (received_feedback(), context());
        let at = rules.at(&petition, "2026-03-02");
        let refuse = |competent_agency| Step::Refuse {
            reason_code: "not_within_competence".into(),
            explanation: "Việc này thuộc thẩm quyền của Sở Tài nguyên và Môi trường.".into(),
            competent_agency,
        };
        let Err(StepError::Invalid(errors)) = plan(&petition, refuse(Lookup::NotGiven), &at) else { panic!() };
        assert_eq!(errors[0].message, "is required: name the competent agency");
        let refused = plan(&petition, refuse(Lookup::Found(agency("so-tnmt"))), &at).unwrap();
        let refusal = refused.change.refusal.clone().flatten().unwrap();
        assert_eq!(
            (refusal.reason, refusal.competent_agency_id),
            (RefusalReason::NotWithinCompetence, Some(agency("so-tnmt").id))
        );
        assert_eq!(refused.change.status, Some(PetitionStatus::Refused));
        assert_eq!(refused.change.clock, Some(DeadlineClock::stopped()));
        let Recipient::Petitioners(Some(words)) = &refused.recipients[0] else { panic!() };
        assert!(words.contains("Competent agency: Sở so-tnmt"), "{words}");
    }

    #[test]
    fn a_transfer_gives_the_receiving_agency_a_full_acceptance_window() {
        let (petition, rules) = (received_feedback(), context());
        let at = rules.at(&petition, "2026-03-06");
        let step = Step::Transfer {
            to: Lookup::Found(agency("phuong-an-cuu")),
            reason: "Địa bàn thuộc phường An Cựu.".into(),
        };
        let plan = plan(&petition, step, &at).unwrap();
        // Two working days from Fri 6 Mar: Tue 10 Mar.
        assert_eq!(plan.change.acceptance_due, Some(Some("2026-03-10".parse().unwrap())));
        assert_eq!(plan.change.assigned_agency_id, Some(Some(agency("phuong-an-cuu").id)));
        assert_eq!(plan.change.status, Some(PetitionStatus::Transferred));
        assert!(plan.recipients.contains(&Recipient::HeadOf(agency("phuong-an-cuu").id)));
    }

    #[test]
    fn a_petition_is_not_transferred_to_the_agency_that_has_it() {
        let (petition, rules) = (received_feedback(), context());
        let own = agency("triage");
        assert_eq!(Some(&own.id), petition.assigned_agency_id.as_ref());
        let step = Step::Transfer { to: Lookup::Found(own), reason: "Chuyển lại cho chính mình.".into() };
        let Err(StepError::Invalid(errors)) = plan(&petition, step, &rules.at(&petition, "2026-03-06")) else {
            panic!()
        };
        assert_eq!(errors[0].message, "is the agency that already handles the petition");
    }

    #[test]
    fn a_duplicate_is_merged_only_into_another_petition_of_the_same_agency_still_followed() {
        let (petition, rules) = (received_feedback(), context());
        let at = rules.at(&petition, "2026-03-06");
        let mut original = received_feedback();
        original.id = crate::domain::ids::PetitionId::from(uuid::Uuid::from_u128(2));
        let merged = plan(&petition, Step::Merge { into: Lookup::Found(original.clone()) }, &at).unwrap();
        assert_eq!(merged.change.merged_into_id, Some(Some(original.id.clone())));
        assert_eq!(merged.change.status, Some(PetitionStatus::Merged));
        assert!(plan(&petition, Step::Merge { into: Lookup::Found(petition.clone()) }, &at).is_err(), "not itself");
        original.status = PetitionStatus::Withdrawn;
        assert!(plan(&petition, Step::Merge { into: Lookup::Found(original) }, &at).is_err(), "not a withdrawn one");
        assert!(plan(&petition, Step::Merge { into: Lookup::Unknown }, &at).is_err());
    }

    #[test]
    fn a_confidential_petition_or_one_of_another_kind_is_not_merged() {
        let (petition, rules) = (received_feedback(), context());
        let at = rules.at(&petition, "2026-03-06");
        let mut original = received_feedback();
        original.id = crate::domain::ids::PetitionId::from(uuid::Uuid::from_u128(2));
        original.confidential = true;
        let merge = |into: &crate::domain::petition::Petition| Step::Merge { into: Lookup::Found(into.clone()) };
        assert!(matches!(plan(&petition, merge(&original), &at), Err(StepError::Conflict(_))));
        let mut other_kind = received_denunciation();
        other_kind.id = crate::domain::ids::PetitionId::from(uuid::Uuid::from_u128(3));
        other_kind.assigned_agency_id = petition.assigned_agency_id.clone();
        let Err(StepError::Invalid(errors)) = plan(&petition, merge(&other_kind), &at) else { panic!() };
        assert!(errors[0].message.contains("only petitions of one kind are merged"), "{}", errors[0].message);
    }

    #[test]
    fn a_denunciation_not_within_competence_is_forwarded_not_refused() {
        let (petition, rules) = (received_denunciation(), context());
        let at = rules.at(&petition, "2026-03-05");
        let refuse = Step::Refuse {
            reason_code: "not_within_competence".into(),
            explanation: "Người bị tố cáo thuộc Sở Xây dựng quản lý.".into(),
            competent_agency: Lookup::Found(agency("so-xay-dung")),
        };
        let Err(StepError::Invalid(errors)) = plan(&petition, refuse, &at) else { panic!() };
        assert_eq!(errors[0].field, "reason_code");
        assert!(errors[0].message.contains("by 09/03/2026"), "five working days from Mon 2 Mar: {}", errors[0].message);

        let forward = |today| {
            let step = Step::Transfer {
                to: Lookup::Found(agency("so-xay-dung")),
                reason: "Không thuộc thẩm quyền: chuyển Sở Xây dựng.".into(),
            };
            plan(&petition, step, &rules.at(&petition, today)).unwrap()
        };
        let in_time = forward("2026-03-09");
        assert_eq!(in_time.data["forwarded_in_time"], true);
        assert_eq!(in_time.recipients[0], Recipient::Petitioners(None), "the denouncer is told");
        assert_eq!(in_time.change.reached_agency_at, Some(rules.at(&petition, "2026-03-09").now));
        assert_eq!(forward("2026-03-10").data["forwarded_in_time"], false);
    }

    #[test]
    fn a_denunciations_intake_is_extended_once_to_ten_working_days() {
        let (mut petition, rules) = (received_denunciation(), context());
        let at = rules.at(&petition, "2026-03-05");
        let extend = || Step::ExtendIntake { reason: "Phải xác minh tại ba địa điểm khác nhau.".into() };
        let extended = plan(&petition, extend(), &at).unwrap();
        // Ten working days from Mon 2 Mar: Mon 16 Mar.
        assert_eq!(extended.change.acceptance_due, Some(Some("2026-03-16".parse().unwrap())));
        assert_eq!(extended.change.status, None);
        petition.acceptance_due = extended.change.acceptance_due.flatten();
        assert!(matches!(plan(&petition, extend(), &at), Err(StepError::Conflict(_))), "only once");
        let late = received_denunciation();
        let Err(StepError::Conflict(why)) = plan(&late, extend(), &rules.at(&late, "2026-03-12")) else { panic!() };
        assert!(why.contains("intake ended on 11/03/2026"), "{why}");
        let feedback = received_feedback();
        let Err(StepError::Conflict(why)) = plan(&feedback, extend(), &rules.at(&feedback, "2026-03-03")) else {
            panic!()
        };
        assert!(why.contains("does not extend intake"));
    }
}
