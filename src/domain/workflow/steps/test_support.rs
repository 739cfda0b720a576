//! Petitions, people and rules for the steps' unit tests: a feedback received on Mon 2 March 2026
//! in the triage office's queue, and a first-time complaint a ward resolved.

use chrono::{NaiveDate, NaiveDateTime};

use super::{HandlingPolicy, StepContext};
use crate::domain::account::{Email, Language, Role, User};
use crate::domain::admin_unit::{AdminUnitCode, UnitPath};
use crate::domain::agency::{Agency, AgencyCode, AgencyKind};
use crate::domain::calendar::{DayKind, WorkingCalendar};
use crate::domain::deadline::{Complexity, DeadlineClock, DeadlineRule, Round, default_rules};
use crate::domain::ids::{AgencyId, PetitionId, UserId};
use crate::domain::petition::{Channel, Decision, Location, Outcome, Petition, PetitionKind, PetitionStatus};
use crate::domain::tracking_code::TrackingCode;
use crate::domain::validity::Validity;

fn instant(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// The statutory default rules and 2026's holidays around the tests' dates.
pub struct Rules {
    rules: Vec<DeadlineRule>,
    calendar: WorkingCalendar,
}

pub fn context() -> Rules {
    let holidays = ["2026-04-30", "2026-05-01"].map(|d| (day(d), DayKind::PublicHoliday));
    Rules { rules: default_rules(), calendar: WorkingCalendar::new(holidays) }
}

impl Rules {
    /// A step on `petition` taken at 9:00 in Vietnam on `today`.
    pub fn at(&self, petition: &Petition, today: &str) -> StepContext<'_> {
        let rule = self.rules.iter().find(|r| r.kind == petition.kind && r.round == petition.round).unwrap();
        StepContext {
            now: instant(&format!("{today} 02:00:00")),
            today: day(today),
            rule,
            calendar: &self.calendar,
            policy: HandlingPolicy { reminder_working_days: 2, auto_close_days: 45, confirmation_days: 7 },
        }
    }
}

/// An agency whose id and name follow from its code.
pub fn agency(code: &str) -> Agency {
    Agency {
        id: AgencyId::from_stored(format!("agency-{code}")),
        code: AgencyCode::parse(code).unwrap(),
        name: format!("Sở {code}"),
        name_en: None,
        kind: AgencyKind::Department,
        admin_unit_code: AdminUnitCode::parse("46").unwrap(),
        parent_id: None,
        head_title: "Giám đốc".into(),
        email: None,
        phone: None,
        address: None,
        validity: Validity { from: None, to: None },
        successor_id: None,
        created_at: instant("2025-01-01 00:00:00"),
        updated_at: instant("2025-01-01 00:00:00"),
    }
}

/// Feedback received Mon 2 March 2026 at 8:00 in Vietnam, waiting in the triage office's queue.
pub fn received_feedback() -> Petition {
    let received_at = instant("2026-03-02 01:00:00");
    Petition {
        id: PetitionId::from(uuid::Uuid::from_u128(1)),
        tracking_code: TrackingCode::from_random([1; 12]),
        kind: PetitionKind::Feedback,
        category: "environmental_pollution".parse().unwrap(),
        title: "Bãi rác tự phát ven sông".into(),
        description: "Rác thải đổ trộm ven sông Hương gây mùi hôi nhiều tuần.".into(),
        admin_unit_code: AdminUnitCode::parse("19753").unwrap(),
        unit_path: UnitPath::from_codes(["46", "19753"]),
        location: Location::default(),
        related_project: None,
        complained_decision: None,
        confidential: false,
        language: Language::Vietnamese,
        channel: Channel::Web,
        status: PetitionStatus::Received,
        petitioner_id: Some(UserId::from(uuid::Uuid::from_u128(7))),
        filed_by_id: Some(UserId::from(uuid::Uuid::from_u128(7))),
        assigned_agency_id: Some(agency("triage").id),
        received_at,
        acceptance_due: Some(day("2026-03-04")),
        resolution_due: None,
        resolution_period_end: None,
        created_at: received_at,
        updated_at: received_at,
        version: 1,
        respondent_agency_id: None,
        denounced_agency_id: None,
        denounced_position: None,
        routing_basis: None,
        reached_agency_at: received_at,
        suspended_at: None,
        round: Round::First,
        appeal_of_id: None,
        merged_into_id: None,
        assignee_id: None,
        complexity: None,
        remote_area: false,
        accepted_at: None,
        extensions_used: 0,
        refusal: None,
        decision: None,
        closed_at: None,
        rating: None,
        clock: DeadlineClock { next_due: Some(day("2026-03-04")), next_sweep_on: Some(day("2026-03-03")) },
    }
}

/// The same feedback, accepted the day it came: to be answered by Mon 16 March.
pub fn accepted_feedback() -> Petition {
    Petition {
        status: PetitionStatus::Accepted,
        accepted_at: Some(instant("2026-03-02 02:00:00")),
        complexity: Some(Complexity::Normal),
        resolution_due: Some(day("2026-03-16")),
        resolution_period_end: Some(day("2026-03-16")),
        clock: DeadlineClock { next_due: Some(day("2026-03-16")), next_sweep_on: Some(day("2026-03-12")) },
        ..received_feedback()
    }
}

/// A first-time complaint against the ward, decided (rejected) on 20 March.
pub fn resolved_complaint() -> Petition {
    let resolved_at = instant("2026-03-20 02:00:00");
    Petition {
        kind: PetitionKind::Complaint,
        status: PetitionStatus::Resolved,
        assigned_agency_id: Some(agency("phuong-phu-xuan").id),
        accepted_at: Some(instant("2026-03-03 02:00:00")),
        complexity: Some(Complexity::Normal),
        resolution_due: Some(day("2026-04-02")),
        resolution_period_end: Some(day("2026-04-02")),
        decision: Some(Decision {
            outcome: Outcome::Rejected,
            answer: "Quyết định bồi thường đúng bảng giá đất.".into(),
            number: Some("12/QĐ-UBND".into()),
            date: Some(day("2026-03-20")),
            resolved_at,
            days_to_resolve: 18,
            on_time: Some(true),
            public_answer: None,
        }),
        clock: DeadlineClock::sweep_on(day("2026-05-04")),
        ..received_feedback()
    }
}

/// A denunciation received Mon 2 March 2026 by the ward it names: intake runs 7 working days, to
/// Wed 11 March; forwarding, 5, to Mon 9 March.
pub fn received_denunciation() -> Petition {
    Petition {
        kind: PetitionKind::Denunciation,
        confidential: true,
        assigned_agency_id: Some(agency("phuong-phu-xuan").id),
        acceptance_due: Some(day("2026-03-11")),
        clock: DeadlineClock { next_due: Some(day("2026-03-11")), next_sweep_on: Some(day("2026-03-09")) },
        ..received_feedback()
    }
}

/// A first-time complaint against the ward, accepted Mon 2 March: 30 days, to Wed 1 April.
pub fn accepted_complaint() -> Petition {
    Petition {
        kind: PetitionKind::Complaint,
        status: PetitionStatus::InProgress,
        assigned_agency_id: Some(agency("phuong-phu-xuan").id),
        accepted_at: Some(instant("2026-03-02 02:00:00")),
        complexity: Some(Complexity::Normal),
        resolution_due: Some(day("2026-04-01")),
        resolution_period_end: Some(day("2026-04-01")),
        clock: DeadlineClock { next_due: Some(day("2026-04-01")), next_sweep_on: Some(day("2026-03-30")) },
        ..received_feedback()
    }
}

/// An active user with `role` in the agency handling `petition`.
pub fn officer_of(petition: &Petition, role: Role) -> User {
    User {
        id: UserId::from(uuid::Uuid::from_u128(3)),
        email: Email::parse("canbo@hue.gov.vn").unwrap(),
        full_name: "Cán bộ".into(),
        phone: None,
        role,
        agency_id: petition.assigned_agency_id.clone(),
        scope_admin_unit: None,
        reception_officer: false,
        language: Language::Vietnamese,
        password_hash: None,
        email_verified_at: Some(petition.received_at),
        disabled_at: None,
        created_at: petition.received_at,
        updated_at: petition.received_at,
    }
}
