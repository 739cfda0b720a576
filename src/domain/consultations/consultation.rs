//! A consultation and the rules of its window: the kinds, the minimum days per kind (data, each
//! with its basis), the status that follows from its state and the dates, and when its synthesis
//! is overdue.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::ids::{AgencyId, ConsultationId, UserId};

crate::text_enum! {
    /// What is put to comment; each kind has its own minimum window (`ConsultationRule`).
    pub enum ConsultationKind {
        /// A socio-economic development plan or a planning (quy hoạch, kế hoạch).
        DevelopmentPlan => "development_plan",
        /// An investment project in the locality.
        Project => "project",
        /// A plan for land recovery, compensation, support and resettlement.
        LandCompensationPlan => "land_compensation_plan",
        /// A draft policy or legal normative document.
        PolicyDraft => "policy_draft",
    }
}

crate::text_enum! {
    /// What the agency did: drafted, published, or concluded with a synthesis.
    pub enum ConsultationState {
        Draft => "draft",
        Published => "published",
        Concluded => "concluded",
    }
}

crate::text_enum! {
    /// Where a consultation stands on a day: from its state and its window.
    pub enum ConsultationStatus {
        /// Not published: only its agency and those who oversee it see it.
        Draft => "draft",
        /// Published; its window has not opened yet.
        Upcoming => "upcoming",
        /// Published, and the day is within its window: comments are taken.
        Open => "open",
        /// Its window has passed; the agency answers the comments.
        Closed => "closed",
        /// Its synthesis is published.
        Concluded => "concluded",
    }
}

/// The name of the rule that says how many days after closing the synthesis is due.
pub const SYNTHESIS_DUE: &str = "synthesis_due";

/// A period in days, editable by administrators, naming the basis it comes from: the minimum
/// window of one kind, or the days to the synthesis (`SYNTHESIS_DUE`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultationRule {
    pub rule: String,
    pub days: i32,
    pub basis: String,
    pub changed_by: Option<UserId>,
    pub updated_at: NaiveDateTime,
}

/// A numbered section of the document, which a comment may be about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub number: i32,
    pub heading: String,
    pub text: String,
}

/// A later closing day, with the notice the public page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    pub previous_closes_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub notice: String,
    pub extended_by: UserId,
    pub extended_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consultation {
    pub id: ConsultationId,
    pub agency_id: AgencyId,
    pub kind: ConsultationKind,
    pub title: String,
    pub summary: String,
    pub unit_codes: Vec<AdminUnitCode>,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub state: ConsultationState,
    pub sections: Vec<Section>,
    pub extensions: Vec<Extension>,
    pub published_at: Option<NaiveDateTime>,
    pub synthesis: Option<String>,
    pub concluded_at: Option<NaiveDateTime>,
    pub created_by: UserId,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

/// Why a window is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WindowProblem {
    /// It closes before it opens.
    Reversed,
    /// It is shorter than the rule for its kind (days counted both ends included).
    TooShort { days: i64, minimum: i32 },
}

/// The days a window lasts, its first and last day included.
pub fn window_days(opens_on: NaiveDate, closes_on: NaiveDate) -> i64 {
    (closes_on - opens_on).num_days() + 1
}

/// Whether a window from `opens_on` to `closes_on` is at least `minimum` days long.
pub fn check_window(opens_on: NaiveDate, closes_on: NaiveDate, minimum: i32) -> Result<(), WindowProblem> {
    if closes_on < opens_on {
        return Err(WindowProblem::Reversed);
    }
    let days = window_days(opens_on, closes_on);
    if days < i64::from(minimum) { Err(WindowProblem::TooShort { days, minimum }) } else { Ok(()) }
}

impl Consultation {
    /// Where it stands on `today`.
    pub fn status(&self, today: NaiveDate) -> ConsultationStatus {
        status_of(self.state, self.opens_on, self.closes_on, today)
    }

    pub fn is_published(&self) -> bool {
        self.state != ConsultationState::Draft
    }

    /// The section numbered `number`, if the document has one.
    pub fn has_section(&self, number: i32) -> bool {
        self.sections.iter().any(|s| s.number == number)
    }

    /// How many days past its due day the synthesis is on `today`: closed more than `due_days`
    /// ago and not concluded; None when it is not overdue.
    pub fn synthesis_overdue_days(&self, due_days: i32, today: NaiveDate) -> Option<i64> {
        if self.state != ConsultationState::Published {
            return None;
        }
        let due = self.closes_on + TimeDelta::days(i64::from(due_days));
        (today > due).then(|| (today - due).num_days())
    }
}

/// The status a consultation in `state` with this window has on `today`.
pub fn status_of(
    state: ConsultationState,
    opens_on: NaiveDate,
    closes_on: NaiveDate,
    today: NaiveDate,
) -> ConsultationStatus {
    match state {
        ConsultationState::Draft => ConsultationStatus::Draft,
        ConsultationState::Concluded => ConsultationStatus::Concluded,
        ConsultationState::Published if today < opens_on => ConsultationStatus::Upcoming,
        ConsultationState::Published if today <= closes_on => ConsultationStatus::Open,
        ConsultationState::Published => ConsultationStatus::Closed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_status_follows_the_state_and_the_window() {
        let (opens, closes) = (day("2026-12-01"), day("2026-12-30"));
        let published = ConsultationState::Published;
        assert_eq!(status_of(ConsultationState::Draft, opens, closes, day("2026-12-10")), ConsultationStatus::Draft);
        assert_eq!(status_of(published, opens, closes, day("2026-11-30")), ConsultationStatus::Upcoming);
        assert_eq!(status_of(published, opens, closes, day("2026-12-01")), ConsultationStatus::Open);
        assert_eq!(status_of(published, opens, closes, day("2026-12-30")), ConsultationStatus::Open);
        assert_eq!(status_of(published, opens, closes, day("2026-12-31")), ConsultationStatus::Closed);
        assert_eq!(
            status_of(ConsultationState::Concluded, opens, closes, day("2026-12-31")),
            ConsultationStatus::Concluded
        );
    }

    #[test]
    fn a_synthesis_is_overdue_the_day_after_its_due_day_until_it_is_published() {
        let x = Consultation {
            id: ConsultationId::parse("7f1c2a52-0000-4000-8000-000000000001").unwrap(),
            agency_id: AgencyId::parse("7f1c2a52-0000-4000-8000-000000000002").unwrap(),
            kind: ConsultationKind::Project,
            title: "Dự án".into(),
            summary: "Tóm tắt dự án.".into(),
            unit_codes: Vec::new(),
            opens_on: day("2026-12-01"),
            closes_on: day("2026-12-15"),
            state: ConsultationState::Published,
            sections: Vec::new(),
            extensions: Vec::new(),
            published_at: None,
            synthesis: None,
            concluded_at: None,
            created_by: UserId::parse("7f1c2a52-0000-4000-8000-000000000003").unwrap(),
            created_at: day("2026-11-30").and_hms_opt(0, 0, 0).unwrap(),
            updated_at: day("2026-11-30").and_hms_opt(0, 0, 0).unwrap(),
            version: 1,
        };
        assert_eq!(x.synthesis_overdue_days(30, day("2027-01-14")), None, "due on 14 January");
        assert_eq!(x.synthesis_overdue_days(30, day("2027-01-15")), Some(1));
        let concluded = Consultation { state: ConsultationState::Concluded, ..x };
        assert_eq!(concluded.synthesis_overdue_days(30, day("2027-03-01")), None);
    }

    #[test]
    fn a_window_counts_its_first_and_last_day() {
        assert_eq!(check_window(day("2026-12-01"), day("2026-12-30"), 30), Ok(()));
        assert_eq!(
            check_window(day("2026-12-01"), day("2026-12-29"), 30),
            Err(WindowProblem::TooShort { days: 29, minimum: 30 })
        );
        assert_eq!(check_window(day("2026-12-02"), day("2026-12-01"), 1), Err(WindowProblem::Reversed));
        assert_eq!(check_window(day("2026-12-01"), day("2026-12-01"), 1), Ok(()));
    }
}
