//! Second-time complaints: when a first-time complaint may be appealed to the superior agency
//! (Law on Complaints 2011, Art. 33), the window counted the Civil Code's way.

use chrono::NaiveDate;

use crate::domain::calendar::WorkingCalendar;
use crate::domain::deadline::Round;
use crate::domain::petition::{Petition, PetitionKind, PetitionStatus as S};
use crate::domain::time::vietnam_date;

/// Calendar days a petitioner has to lodge a second-time complaint after the first-time decision
/// (or after its deadline passed undecided): Law on Complaints 2011, Art. 33.
pub fn appeal_window_days(remote_area: bool) -> u32 {
    if remote_area { 45 } else { 30 }
}

/// Where a first-time complaint stands for an appeal.
#[derive(Debug, Clone, Copy)]
pub struct AppealFacts {
    pub kind: PetitionKind,
    pub round: Round,
    pub status: S,
    pub remote_area: bool,
    /// The day the complainant received the first-time decision: the day the head's answer
    /// reached them through pakn (Art. 33 counts from receipt, not from the decision's own date).
    pub decided_on: Option<NaiveDate>,
    /// The deadline running now (acceptance or resolution), for an undecided complaint.
    pub running_deadline: Option<NaiveDate>,
    pub already_appealed: bool,
}

impl AppealFacts {
    /// The facts of a stored petition; `already_appealed` when a second-time complaint names it.
    pub fn of(petition: &Petition, already_appealed: bool) -> Self {
        AppealFacts {
            kind: petition.kind,
            round: petition.round,
            status: petition.status,
            remote_area: petition.remote_area,
            decided_on: petition.decision.as_ref().map(|decision| vietnam_date(decision.resolved_at)),
            running_deadline: petition.clock.next_due,
            already_appealed,
        }
    }
}

/// The last day to lodge a second-time complaint when the window opened on `opened` (the day the
/// complainant received the decision, or the day after the first-time deadline passed): its
/// 30 (or 45) days counted from the next day, and a last day that is not a working day moves to
/// the next working day (Civil Code 2015, Arts. 147–148).
pub fn last_day_to_appeal(opened: NaiveDate, remote_area: bool, calendar: &WorkingCalendar) -> NaiveDate {
    calendar.calendar_days_after(opened, appeal_window_days(remote_area))
}

/// Whether a second-time complaint may be lodged today, and if not, why.
pub fn appeal_allowed(facts: AppealFacts, today: NaiveDate, calendar: &WorkingCalendar) -> Result<(), &'static str> {
    if facts.kind != PetitionKind::Complaint || facts.round != Round::First {
        return Err("only a first-time complaint can be appealed");
    }
    if facts.already_appealed {
        return Err("a second-time complaint was already lodged against this one");
    }
    let window_opened = match facts.status {
        S::Resolved | S::Closed => facts.decided_on,
        // Left undecided past its deadline: the petitioner may go to the superior agency.
        S::Received | S::Transferred | S::Accepted | S::InProgress => facts.running_deadline.filter(|due| *due < today),
        _ => None,
    };
    let Some(opened) = window_opened else {
        return Err("a complaint can be appealed once it is decided, or once its deadline passed undecided");
    };
    if today > last_day_to_appeal(opened, facts.remote_area, calendar) {
        return Err("the time allowed to lodge a second-time complaint has passed");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved_complaint(decided_on: &str) -> AppealFacts {
        AppealFacts {
            kind: PetitionKind::Complaint,
            round: Round::First,
            status: S::Resolved,
            remote_area: false,
            decided_on: Some(decided_on.parse().unwrap()),
            running_deadline: None,
            already_appealed: false,
        }
    }

    #[test]
    fn a_decided_complaint_may_be_appealed_for_thirty_days_and_forty_five_in_remote_areas() {
        let facts = resolved_complaint("2026-11-02");
        assert_eq!(appeal_allowed(facts, "2026-12-02".parse().unwrap(), &WorkingCalendar::default()), Ok(()));
        assert!(appeal_allowed(facts, "2026-12-03".parse().unwrap(), &WorkingCalendar::default()).is_err());
        let remote = AppealFacts { remote_area: true, ..facts };
        assert_eq!(appeal_allowed(remote, "2026-12-17".parse().unwrap(), &WorkingCalendar::default()), Ok(()));
        assert!(appeal_allowed(remote, "2026-12-18".parse().unwrap(), &WorkingCalendar::default()).is_err());
    }

    #[test]
    fn an_undecided_complaint_may_be_appealed_once_its_deadline_passed() {
        let open = AppealFacts {
            status: S::InProgress,
            decided_on: None,
            running_deadline: Some("2026-11-20".parse().unwrap()),
            ..resolved_complaint("2026-11-02")
        };
        assert!(appeal_allowed(open, "2026-11-20".parse().unwrap(), &WorkingCalendar::default()).is_err());
        assert_eq!(appeal_allowed(open, "2026-11-21".parse().unwrap(), &WorkingCalendar::default()), Ok(()));
    }

    #[test]
    fn only_first_time_complaints_are_appealed_and_only_once() {
        let today = "2026-11-03".parse().unwrap();
        let facts = resolved_complaint("2026-11-02");
        assert!(
            appeal_allowed(AppealFacts { kind: PetitionKind::Feedback, ..facts }, today, &WorkingCalendar::default())
                .is_err()
        );
        assert!(
            appeal_allowed(AppealFacts { round: Round::Second, ..facts }, today, &WorkingCalendar::default()).is_err()
        );
        assert!(
            appeal_allowed(AppealFacts { already_appealed: true, ..facts }, today, &WorkingCalendar::default())
                .is_err()
        );
    }
}
