//! Statutory periods and how their last day is found on the working-day calendar.
//! The values here are the defaults DOMAIN.md gives; they are seeded as editable rules.

use chrono::NaiveDate;

use super::calendar::WorkingCalendar;
use super::petition::PetitionKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Calendar days; the last day moves to the next working day if it is a day off.
    Days(u32),
    WorkingDays(u32),
}

impl Period {
    /// The last day of the period that starts the day after `event` (Civil Code Art. 147).
    pub fn last_day(self, calendar: &WorkingCalendar, event: NaiveDate) -> NaiveDate {
        match self {
            Period::Days(days) => calendar.calendar_days_after(event, days),
            Period::WorkingDays(days) => calendar.working_days_after(event, days),
        }
    }
}

/// How long the receiving agency has to decide whether to accept a petition, from receipt:
/// complaints 10 days (Law on Complaints Art. 27); denunciations 7 working days (Law on
/// Denunciations Art. 24); feedback and proposals 2 working days to acknowledge (local policy).
pub fn default_acceptance_period(kind: PetitionKind) -> Period {
    match kind {
        PetitionKind::Complaint => Period::Days(10),
        PetitionKind::Denunciation => Period::WorkingDays(7),
        PetitionKind::Feedback | PetitionKind::Proposal => Period::WorkingDays(2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::DayKind;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn tet_2026() -> WorkingCalendar {
        WorkingCalendar::new(
            ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"]
                .map(|d| (day(d), DayKind::PublicHoliday)),
        )
    }

    #[test]
    fn a_complaint_received_before_tet_must_be_accepted_by_the_first_working_day_after_it() {
        // Received Fri 6 Feb 2026 + 10 days = Mon 16 Feb, Tết → Mon 23 Feb.
        let last = default_acceptance_period(PetitionKind::Complaint).last_day(&tet_2026(), day("2026-02-06"));
        assert_eq!(last, day("2026-02-23"));
    }

    #[test]
    fn a_denunciation_gets_seven_working_days_across_tet() {
        // Received Thu 12 Feb: Fri 13 (1), Mon 23 (2), 24, 25, 26, 27 (6), Mon 2 Mar (7).
        let last = default_acceptance_period(PetitionKind::Denunciation).last_day(&tet_2026(), day("2026-02-12"));
        assert_eq!(last, day("2026-03-02"));
    }

    #[test]
    fn feedback_is_acknowledged_within_two_working_days() {
        // Received Fri 6 Mar 2026: Mon 9, Tue 10.
        let last = default_acceptance_period(PetitionKind::Feedback).last_day(&tet_2026(), day("2026-03-06"));
        assert_eq!(last, day("2026-03-10"));
    }
}
