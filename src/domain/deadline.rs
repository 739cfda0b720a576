//! Statutory periods and how their last day is found on the working-day calendar.
//! The values here are the defaults DOMAIN.md gives; they are seeded as editable rules.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

use super::FieldError;
use super::calendar::WorkingCalendar;
use super::ids::{DeadlineRuleId, UserId};
use super::petition::PetitionKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Calendar days; the last day moves to the next working day if it is a day off.
    Days(u32),
    WorkingDays(u32),
}

impl Period {
    /// The number and its unit as stored: ("days" | "working_days").
    pub fn parts(self) -> (u32, &'static str) {
        match self {
            Period::Days(n) => (n, "days"),
            Period::WorkingDays(n) => (n, "working_days"),
        }
    }

    pub fn from_parts(length: u32, unit: &str) -> Option<Self> {
        match unit {
            "days" => Some(Period::Days(length)),
            "working_days" => Some(Period::WorkingDays(length)),
            _ => None,
        }
    }

    /// The last day of the period that starts the day after `event` (Civil Code Art. 147), moved
    /// to the next working day if it is a day off (Art. 148(5)).
    pub fn last_day(self, calendar: &WorkingCalendar, event: NaiveDate) -> NaiveDate {
        calendar.working_day_on_or_after(self.end(calendar, event))
    }

    /// The period's own last day, before a day off moves it: what an extension adds to and what a
    /// suspension keeps the rest of. A period of working days always ends on a working day.
    pub fn end(self, calendar: &WorkingCalendar, event: NaiveDate) -> NaiveDate {
        match self {
            Period::Days(days) => event + TimeDelta::days(i64::from(days)),
            Period::WorkingDays(days) => calendar.working_days_after(event, days),
        }
    }
}

crate::text_enum! {
    /// How hard the case is (Decree 31/2019 for denunciations, the same criteria for complaints).
    pub enum Complexity {
        Normal => "normal",
        Complex => "complex",
        EspeciallyComplex => "especially_complex",
    }
}

crate::text_enum! {
    /// Complaints come in two rounds; every other kind has only the first.
    pub enum Round {
        First => "first",
        Second => "second",
    }
}

/// How long a rule's `source` may be: long enough to name each period's article.
pub const SOURCE_CHARS: usize = 1000;

/// The limits the law (or local policy) sets for one kind and round. Seeded from DOMAIN.md and
/// kept as editable data; each names its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineRule {
    pub kind: PetitionKind,
    pub round: Round,
    /// To decide whether to accept, from receipt.
    pub acceptance: Period,
    /// The longest intake may take when checks are needed at several places, decided at
    /// screening with a reason (denunciations: 10 working days, Art. 24(1)); None: never longer.
    pub acceptance_extended: Option<Period>,
    /// To forward a petition that is not within the agency's competence to the one that is, from
    /// receipt (denunciations: 5 working days, Art. 24(2)); None: no such period.
    pub forwarding: Option<Period>,
    /// To resolve, from acceptance: normal, complex, remote area, complex in a remote area.
    pub resolution: Period,
    pub resolution_complex: Period,
    pub resolution_remote: Period,
    pub resolution_remote_complex: Period,
    /// One extension's length, and how many each complexity allows.
    pub extension: Option<Period>,
    pub extensions_allowed: [u8; 3],
    /// The article of law, or "local policy".
    pub source: String,
}

impl DeadlineRule {
    pub fn resolution_period(&self, complexity: Complexity, remote_area: bool) -> Period {
        match (complexity, remote_area) {
            (Complexity::Normal, false) => self.resolution,
            (Complexity::Normal, true) => self.resolution_remote,
            (_, false) => self.resolution_complex,
            (_, true) => self.resolution_remote_complex,
        }
    }

    pub fn extensions_allowed(&self, complexity: Complexity) -> u8 {
        match complexity {
            Complexity::Normal => self.extensions_allowed[0],
            Complexity::Complex => self.extensions_allowed[1],
            Complexity::EspeciallyComplex => self.extensions_allowed[2],
        }
    }

    /// Whether an administrator's rule is sane: every problem, named by its field.
    pub fn check(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let periods = [
            ("acceptance", Some(self.acceptance)),
            ("acceptance_extended", self.acceptance_extended),
            ("forwarding", self.forwarding),
            ("resolution.normal", Some(self.resolution)),
            ("resolution.complex", Some(self.resolution_complex)),
            ("resolution.remote", Some(self.resolution_remote)),
            ("resolution.remote_complex", Some(self.resolution_remote_complex)),
            ("extension", self.extension),
        ];
        for (field, period) in periods {
            if let Some(period) = period
                && !(1..=365).contains(&period.parts().0)
            {
                errors.push(FieldError::new(field, "must be from 1 to 365"));
            }
        }
        if self.extensions_allowed.iter().any(|n| *n > 5) {
            errors.push(FieldError::new("extensions_allowed", "each must be from 0 to 5"));
        }
        if self.extension.is_none() && self.extensions_allowed.iter().any(|n| *n > 0) {
            errors.push(FieldError::new("extension", "is required when extensions are allowed"));
        }
        if let Some(extended) = self.acceptance_extended {
            let (length, unit) = extended.parts();
            if unit != self.acceptance.parts().1 || length <= self.acceptance.parts().0 {
                errors.push(FieldError::new("acceptance_extended", "must be longer than acceptance, in the same unit"));
            }
        }
        if self.round == Round::Second && self.kind != PetitionKind::Complaint {
            errors.push(FieldError::new("round", "only complaints have a second round"));
        }
        let source = self.source.trim();
        if source.is_empty()
            || source.chars().count() > SOURCE_CHARS
            || super::text::has_forbidden_characters(source, false)
        {
            errors.push(FieldError::new(
                "source",
                format!("must name the articles of law or the local policy (1 to {SOURCE_CHARS} characters)"),
            ));
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
}

/// The deadline running now on a petition (queues sort and filter on it), and the day the deadline
/// sweep next has work for it (a reminder, marking it overdue, closing it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeadlineClock {
    pub next_due: Option<NaiveDate>,
    pub next_sweep_on: Option<NaiveDate>,
}

impl DeadlineClock {
    /// A deadline starts running on `today`: the sweep comes back on the reminder day, or the day
    /// after the deadline when the reminder day has already come.
    pub fn running(calendar: &WorkingCalendar, due: NaiveDate, today: NaiveDate, reminder_working_days: u32) -> Self {
        let reminder = calendar.working_days_before(due, reminder_working_days);
        let next_sweep_on = if reminder > today { reminder } else { due + TimeDelta::days(1) };
        DeadlineClock { next_due: Some(due), next_sweep_on: Some(next_sweep_on) }
    }

    /// No deadline runs and the sweep has nothing more to do.
    pub fn stopped() -> Self {
        DeadlineClock::default()
    }

    /// No deadline runs, but the sweep comes back on `day` (to close a resolved petition).
    pub fn sweep_on(day: NaiveDate) -> Self {
        DeadlineClock { next_due: None, next_sweep_on: Some(day) }
    }
}

/// One version of a rule: replacing a rule ends the version in force and keeps it as history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineRuleVersion {
    pub id: DeadlineRuleId,
    pub rule: DeadlineRule,
    pub valid_from: NaiveDateTime,
    pub valid_to: Option<NaiveDateTime>,
    /// The administrator who wrote it; none for the shipped defaults.
    pub changed_by: Option<UserId>,
}

/// The rules DOMAIN.md gives; the unconfirmed figures among them are editable defaults.
pub fn default_rules() -> Vec<DeadlineRule> {
    use Period::{Days, WorkingDays};
    let complaint =
        |round, acceptance, [normal, complex, remote, remote_complex]: [u32; 4], source: &str| DeadlineRule {
            kind: PetitionKind::Complaint,
            round,
            acceptance,
            acceptance_extended: None,
            forwarding: None,
            resolution: Days(normal),
            resolution_complex: Days(complex),
            resolution_remote: Days(remote),
            resolution_remote_complex: Days(remote_complex),
            extension: None,
            extensions_allowed: [0, 0, 0],
            source: String::from(source),
        };
    let local = |kind| DeadlineRule {
        kind,
        round: Round::First,
        acceptance: WorkingDays(2),
        acceptance_extended: None,
        forwarding: None,
        resolution: WorkingDays(10),
        resolution_complex: WorkingDays(10),
        resolution_remote: WorkingDays(10),
        resolution_remote_complex: WorkingDays(10),
        extension: Some(WorkingDays(10)),
        extensions_allowed: [1, 1, 1],
        source: "local policy: acknowledge in 2 working days, answer in 10, one extension of 10".into(),
    };
    vec![
        complaint(
            Round::First,
            Days(10),
            [30, 45, 45, 60],
            "Law on Complaints 2011 as amended by Law 136/2025/QH15: accept within 10 days, Art. 27; resolve \
             within 30 days (45 if complex), 45 (60) in remote areas, Art. 28; time suspended not counted, Art. 11a",
        ),
        complaint(
            Round::Second,
            Days(10),
            [45, 60, 60, 70],
            "Law on Complaints 2011 as amended by Law 136/2025/QH15: accept within 10 days, Art. 36; resolve \
             within 45 days (60 if complex), 60 (70) in remote areas, Art. 37; time suspended not counted, Art. 11a",
        ),
        DeadlineRule {
            kind: PetitionKind::Denunciation,
            round: Round::First,
            acceptance: WorkingDays(7),
            acceptance_extended: Some(WorkingDays(10)),
            forwarding: Some(WorkingDays(5)),
            resolution: Days(30),
            resolution_complex: Days(30),
            resolution_remote: Days(30),
            resolution_remote_complex: Days(30),
            extension: Some(Days(30)),
            extensions_allowed: [0, 1, 2],
            source: "Law on Denunciations 2018: intake within 7 working days, up to 10 when checks are needed at \
                     several places, Art. 24(1); forward what is not within competence within 5 working days and \
                     tell the denouncer, Art. 24(2); resolve within 30 days, Art. 30(1), extended once (complex) or \
                     twice (especially complex) by up to 30 days, Art. 30(2)-(3); time suspended not counted, Art. 34"
                .into(),
        },
        local(PetitionKind::Feedback),
        local(PetitionKind::Proposal),
    ]
}

/// How long the receiving agency has to decide whether to accept a first-round petition.
pub fn default_acceptance_period(kind: PetitionKind) -> Period {
    default_rules()
        .into_iter()
        .find(|rule| rule.kind == kind && rule.round == Round::First)
        .map_or(Period::Days(10), |rule| rule.acceptance)
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

    fn rule(kind: PetitionKind, round: Round) -> DeadlineRule {
        default_rules().into_iter().find(|r| r.kind == kind && r.round == round).unwrap()
    }

    #[test]
    fn a_complex_first_time_complaint_in_a_remote_area_gets_sixty_days() {
        let rule = rule(PetitionKind::Complaint, Round::First);
        assert_eq!(rule.resolution_period(Complexity::Normal, false), Period::Days(30));
        assert_eq!(rule.resolution_period(Complexity::Complex, false), Period::Days(45));
        assert_eq!(rule.resolution_period(Complexity::Normal, true), Period::Days(45));
        assert_eq!(rule.resolution_period(Complexity::EspeciallyComplex, true), Period::Days(60));
        // Accepted Mon 2 Mar 2026 + 60 days = Fri 1 May, a holiday → Mon 4 May (with 30 April–1 May listed).
        let calendar = WorkingCalendar::new([
            (day("2026-04-30"), DayKind::PublicHoliday),
            (day("2026-05-01"), DayKind::PublicHoliday),
        ]);
        assert_eq!(Period::Days(60).last_day(&calendar, day("2026-03-02")), day("2026-05-04"));
    }

    #[test]
    fn a_second_time_complaint_has_the_longer_limits() {
        let rule = rule(PetitionKind::Complaint, Round::Second);
        assert_eq!(rule.resolution_period(Complexity::Normal, false), Period::Days(45));
        assert_eq!(rule.resolution_period(Complexity::Complex, true), Period::Days(70));
    }

    #[test]
    fn denunciations_may_be_extended_once_when_complex_and_twice_when_especially_complex() {
        let rule = rule(PetitionKind::Denunciation, Round::First);
        assert_eq!(rule.extension, Some(Period::Days(30)));
        assert_eq!(
            [Complexity::Normal, Complexity::Complex, Complexity::EspeciallyComplex]
                .map(|c| rule.extensions_allowed(c)),
            [0, 1, 2]
        );
    }

    #[test]
    fn every_kind_has_a_first_round_rule_that_names_its_source() {
        for kind in PetitionKind::ALL {
            let rule = rule(*kind, Round::First);
            assert!(!rule.source.is_empty());
        }
        assert_eq!(default_rules().len(), 5);
    }

    #[test]
    fn a_running_deadline_brings_the_sweep_back_two_working_days_before_it() {
        // Due Mon 23 Feb 2026, after Tết: the reminder falls on Thu 12 Feb.
        let clock = DeadlineClock::running(&tet_2026(), day("2026-02-23"), day("2026-02-06"), 2);
        assert_eq!(clock, DeadlineClock { next_due: Some(day("2026-02-23")), next_sweep_on: Some(day("2026-02-12")) });
    }

    #[test]
    fn when_the_reminder_day_has_come_the_sweep_returns_the_day_after_the_deadline() {
        let clock = DeadlineClock::running(&tet_2026(), day("2026-03-10"), day("2026-03-09"), 2);
        assert_eq!(clock.next_sweep_on, Some(day("2026-03-11")));
    }

    #[test]
    fn absurd_rules_are_refused() {
        let mut rule = default_rules().remove(0);
        rule.resolution = Period::Days(0);
        rule.extensions_allowed = [9, 0, 0];
        rule.source = String::new();
        let errors = rule.check().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["resolution.normal", "extensions_allowed", "extension", "source"]);
    }

    #[test]
    fn feedback_is_acknowledged_within_two_working_days() {
        // Received Fri 6 Mar 2026: Mon 9, Tue 10.
        let last = default_acceptance_period(PetitionKind::Feedback).last_day(&tet_2026(), day("2026-03-06"));
        assert_eq!(last, day("2026-03-10"));
    }
}
