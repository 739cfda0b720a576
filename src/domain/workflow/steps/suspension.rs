//! Suspending resolution and resuming it: the head decides, with a legal ground and a reason,
//! that the case waits (Law on Complaints Art. 11a as added by Law 136/2025/QH15; Law on
//! Denunciations 2018, Art. 34). The time suspended does not count: on resuming, the days that
//! were left run again from that day.

use serde_json::json;

use super::{Plan, Recipient, StepContext, StepError, checked, day, parsed, text};
use crate::domain::FieldError;
use crate::domain::deadline::{DeadlineClock, Period};
use crate::domain::events::EventKind;
use crate::domain::notice::Notice;
use crate::domain::petition::{Petition, PetitionKind, SuspensionGround};
use crate::domain::text::optional_text;
use crate::domain::time::vietnam_date;

/// The article that allows suspending this kind of petition on this ground, if any does.
fn legal_basis(kind: PetitionKind, ground: SuspensionGround) -> Result<&'static str, String> {
    match (kind, ground) {
        (PetitionKind::Complaint, SuspensionGround::ObjectiveObstacle) => {
            Ok("Law on Complaints 2011, Art. 11a(1)(a) (Law 136/2025/QH15)")
        }
        (PetitionKind::Complaint, SuspensionGround::AwaitingOtherAuthority) => {
            Ok("Law on Complaints 2011, Art. 11a(1)(b) (Law 136/2025/QH15)")
        }
        (PetitionKind::Denunciation, SuspensionGround::AwaitingOtherAuthority) => {
            Ok("Law on Denunciations 2018, Art. 34(1)")
        }
        (PetitionKind::Denunciation, SuspensionGround::ObjectiveObstacle) => Err(
            "a denunciation is suspended only while awaiting another body's result (Law on Denunciations 2018, Art. 34)"
                .into(),
        ),
        (kind, _) => Err(format!("the law suspends complaints and denunciations, not a {kind}")),
    }
}

pub(super) fn suspend(petition: &Petition, at: &StepContext, ground: &str, reason: &str) -> Result<Plan, StepError> {
    let mut errors = Vec::new();
    let ground = parsed::<SuspensionGround>(&mut errors, "ground", ground);
    let reason = text(&mut errors, "reason", reason, 10..=2000);
    let basis = match ground.map(|ground| legal_basis(petition.kind, ground)) {
        Some(Ok(basis)) => Some(basis),
        Some(Err(why)) => {
            errors.push(FieldError::new("ground", why));
            None
        }
        None => None,
    };
    let (ground, basis) = checked(errors, ground.zip(basis))?;
    // The public timeline names the article, not the petitioner's circumstances; the reason goes
    // to the petitioner alone.
    let mut plan = Plan::new(
        EventKind::PetitionSuspended,
        Notice::new(format!("tạm đình chỉ giải quyết ({basis})"), format!("resolution suspended ({basis})")),
    )
    .telling(Recipient::Petitioners(Some(reason.clone())));
    plan.change.suspended_at = Some(Some(at.now));
    plan.change.clock = Some(DeadlineClock::stopped());
    plan.data = json!({ "ground": ground.as_str(), "legal_basis": basis, "reason": reason });
    Ok(plan)
}

/// Resumes resolution: the days left when it was suspended run again from today.
pub(super) fn resume(petition: &Petition, at: &StepContext, note: Option<&str>) -> Result<Plan, StepError> {
    let mut errors = Vec::new();
    let note = optional_text(&mut errors, "note", note, 2000);
    checked(errors, Some(()))?;
    let (Some(since), Some(due)) = (petition.suspended_at, petition.resolution_due) else {
        return Err(StepError::Conflict("the petition is not suspended".into()));
    };
    let suspended_on = vietnam_date(since);
    // What was left of the period itself, not of the deadline a day off had moved.
    let period_end = petition.resolution_period_end.unwrap_or(due);
    let left = match at.rule.resolution {
        Period::Days(_) => Period::Days(u32::try_from((period_end - suspended_on).num_days()).unwrap_or(0)),
        Period::WorkingDays(_) => Period::WorkingDays(
            u32::try_from(at.calendar.working_days_remaining(suspended_on, period_end)).unwrap_or(0),
        ),
    };
    let end = left.end(at.calendar, at.today);
    let resumed_due = at.calendar.working_day_on_or_after(end);
    let mut plan = Plan::new(
        EventKind::PetitionResumed,
        Notice::new(
            format!("tiếp tục giải quyết, hạn giải quyết mới {}", day(resumed_due)),
            format!("resolution resumed, now due by {}", day(resumed_due)),
        ),
    )
    .telling(Recipient::Petitioners(note.clone()));
    plan.change.suspended_at = Some(None);
    plan.resolution_runs_to(at, end);
    let days_suspended = (at.today - suspended_on).num_days();
    plan.data = json!({ "from": due, "to": resumed_due, "days_suspended": days_suspended, "note": note });
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{accepted_complaint, accepted_feedback, context, received_denunciation};
    use super::super::{Step, StepError, plan};
    use crate::domain::deadline::DeadlineClock;
    use crate::domain::petition::{Petition, PetitionKind, PetitionStatus};

    fn suspend(ground: &str) -> Step {
        Step::Suspend {
            ground: ground.into(), reason: "Người khiếu nại đang điều trị dài ngày tại bệnh viện.".into()
        }
    }

    #[test]
    fn suspending_stops_the_clock_and_resuming_gives_back_the_days_that_were_left() {
        let (mut petition, rules) = (accepted_complaint(), context());
        let at = rules.at(&petition, "2026-03-10");
        let suspended = plan(&petition, suspend("objective_obstacle"), &at).unwrap();
        assert_eq!(suspended.change.status, Some(PetitionStatus::Suspended));
        assert_eq!(suspended.change.clock, Some(DeadlineClock::stopped()));
        assert_eq!(suspended.data["legal_basis"], "Law on Complaints 2011, Art. 11a(1)(a) (Law 136/2025/QH15)");
        petition = suspended.change.applied_to(&petition, at.now);

        // 22 of the 30 days were left on Tue 10 Mar; resumed Fri 20 Mar, they end Sat 11 Apr,
        // so the period runs to Mon 13 Apr.
        let resumed = plan(&petition, Step::Resume { note: None }, &rules.at(&petition, "2026-03-20")).unwrap();
        assert_eq!(resumed.change.status, Some(PetitionStatus::InProgress));
        assert_eq!(resumed.change.resolution_due, Some(Some("2026-04-13".parse().unwrap())));
        assert_eq!(resumed.change.suspended_at, Some(None));
        assert_eq!(resumed.data["days_suspended"], 10);
    }

    #[test]
    fn the_days_left_are_the_periods_own_not_those_a_weekend_added_to_the_deadline() {
        let rules = context();
        // The period ended Sat 4 Apr; the deadline moved to Mon 6 Apr. Suspended Tue 10 Mar, 25
        // days of the period were left (not the 27 to the deadline): resumed Fri 20 Mar, Tue 14 Apr.
        let petition = Petition {
            status: PetitionStatus::Suspended,
            resolution_due: Some("2026-04-06".parse().unwrap()),
            resolution_period_end: Some("2026-04-04".parse().unwrap()),
            suspended_at: Some(rules.at(&accepted_complaint(), "2026-03-10").now),
            ..accepted_complaint()
        };
        let resumed = plan(&petition, Step::Resume { note: None }, &rules.at(&petition, "2026-03-20")).unwrap();
        assert_eq!(resumed.change.resolution_due, Some(Some("2026-04-14".parse().unwrap())));
        assert_eq!(resumed.change.resolution_period_end, Some(Some("2026-04-14".parse().unwrap())));
    }

    #[test]
    fn only_the_grounds_the_law_gives_each_kind_suspend_it() {
        let rules = context();
        let denunciation = Petition { status: PetitionStatus::InProgress, ..received_denunciation() };
        let at = rules.at(&denunciation, "2026-03-10");
        assert!(plan(&denunciation, suspend("awaiting_other_authority"), &at).is_ok());
        let Err(StepError::Invalid(errors)) = plan(&denunciation, suspend("objective_obstacle"), &at) else { panic!() };
        assert!(errors[0].message.contains("Art. 34"));
        let feedback = accepted_feedback();
        let Err(StepError::Invalid(errors)) = plan(&feedback, suspend("objective_obstacle"), &at) else { panic!() };
        assert_eq!(errors[0].message, "the law suspends complaints and denunciations, not a feedback");
        let Err(StepError::Invalid(errors)) = plan(&accepted_complaint(), suspend("holiday"), &at) else { panic!() };
        assert_eq!(errors[0].field, "ground");
        assert_eq!(accepted_complaint().kind, PetitionKind::Complaint);
    }
}
