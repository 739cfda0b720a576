//! Findings and recommendations after supervision (kiến nghị sau giám sát): what a monitor
//! records, what the agency's head answers, how the remedy is reported, and how the monitor ends
//! it — satisfied, or escalated to the superior agency. The steps each status allows are here.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::account::OversightBody;
use crate::domain::ids::{AgencyId, ConsultationId, FindingId, PetitionId, RecommendationId, UserId};

crate::text_enum! {
    pub enum Severity {
        Low => "low",
        Medium => "medium",
        High => "high",
    }
}

crate::text_enum! {
    /// Where a recommendation stands.
    pub enum RecommendationStatus {
        /// Issued; the agency's head has not answered yet.
        AwaitingResponse => "awaiting_response",
        /// Answered; the agency reports its remedy until the monitor ends it.
        Responded => "responded",
        /// The monitor found the remedy done.
        ClosedSatisfied => "closed_satisfied",
        /// The monitor took it to the superior agency (a new recommendation there).
        Escalated => "escalated",
    }
}

crate::text_enum! {
    /// The head's answer.
    pub enum Position {
        Accepted => "accepted",
        PartlyAccepted => "partly_accepted",
        Disputed => "disputed",
    }
}

/// What a finding is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindingAbout {
    Petition(PetitionId),
    Agency(AgencyId),
    /// An agency's handling over a period.
    Period {
        agency_id: AgencyId,
        from: NaiveDate,
        to: NaiveDate,
    },
    /// A public consultation: how it was run, its comments, its synthesis.
    Consultation(ConsultationId),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub id: FindingId,
    /// Who recorded it: a monitor or an inspector.
    pub monitor_id: UserId,
    /// The body they recorded it for.
    pub oversight_body: OversightBody,
    pub about: FindingAbout,
    pub severity: Severity,
    pub text: String,
    pub created_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub position: Position,
    pub text: String,
    pub remedy_plan: Option<String>,
    pub responded_by: UserId,
    pub responded_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressReport {
    pub percent: i32,
    pub note: String,
    pub reported_by: UserId,
    pub reported_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendation {
    pub id: RecommendationId,
    /// Who issued it: a monitor or an inspector.
    pub monitor_id: UserId,
    /// The body that issued it, and alone follows it up (closes or escalates it).
    pub oversight_body: OversightBody,
    pub agency_id: AgencyId,
    pub text: String,
    pub respond_by: NaiveDate,
    pub status: RecommendationStatus,
    pub response: Option<Response>,
    /// The latest reported share of the remedy done, 0–100.
    pub progress: i32,
    pub closing_note: Option<String>,
    pub closed_at: Option<NaiveDateTime>,
    pub escalated_from_id: Option<RecommendationId>,
    /// When the sweep reminded its head that the respond-by day was near.
    pub reminded_at: Option<NaiveDateTime>,
    /// When the sweep found it unanswered past its respond-by day.
    pub overdue_at: Option<NaiveDateTime>,
    pub petition_ids: Vec<PetitionId>,
    pub finding_ids: Vec<FindingId>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
}

/// How many days before its respond-by day an unanswered recommendation's head is reminded: a
/// working week's notice, as the head must answer in writing.
pub const REMINDER_DAYS: i64 = 7;

/// The steps on a recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecommendationStep {
    Respond,
    ReportProgress,
    Close,
    Escalate,
}

impl Recommendation {
    /// A recommendation just issued, awaiting its answer.
    pub fn issued(
        monitor_id: UserId,
        oversight_body: OversightBody,
        agency_id: AgencyId,
        text: String,
        respond_by: NaiveDate,
        now: NaiveDateTime,
    ) -> Self {
        Recommendation {
            id: RecommendationId::from(uuid::Uuid::new_v4()),
            monitor_id,
            oversight_body,
            agency_id,
            text,
            respond_by,
            status: RecommendationStatus::AwaitingResponse,
            response: None,
            progress: 0,
            closing_note: None,
            closed_at: None,
            escalated_from_id: None,
            reminded_at: None,
            overdue_at: None,
            petition_ids: Vec::new(),
            finding_ids: Vec::new(),
            created_at: now,
            updated_at: now,
            version: 1,
        }
    }

    /// Whether `step` is open from the current status; the reason when not.
    pub fn allows(&self, step: RecommendationStep) -> Result<(), String> {
        use RecommendationStatus::*;
        let open = match step {
            RecommendationStep::Respond => self.status == AwaitingResponse,
            RecommendationStep::ReportProgress | RecommendationStep::Close => self.status == Responded,
            RecommendationStep::Escalate => matches!(self.status, AwaitingResponse | Responded),
        };
        if open { Ok(()) } else { Err(format!("not allowed while the recommendation is {}", self.status)) }
    }

    /// Unanswered past its respond-by day.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == RecommendationStatus::AwaitingResponse && today > self.respond_by
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issued() -> Recommendation {
        let at = NaiveDateTime::parse_from_str("2026-11-30 03:00:00", "%Y-%m-%d %H:%M:%S").unwrap();
        let (monitor, agency) = (UserId::from(uuid::Uuid::new_v4()), AgencyId::from(uuid::Uuid::new_v4()));
        Recommendation::issued(
            monitor,
            OversightBody::FatherlandFront,
            agency,
            "Trả lời đúng hạn".into(),
            "2026-12-30".parse().unwrap(),
            at,
        )
    }

    #[test]
    fn a_recommendation_is_answered_then_remedied_then_closed_and_may_be_escalated_until_closed() {
        let mut r = issued();
        assert!(r.allows(RecommendationStep::Respond).is_ok());
        assert!(r.allows(RecommendationStep::Close).is_err(), "nothing to close before an answer");
        assert!(r.allows(RecommendationStep::Escalate).is_ok(), "an unanswered one may go up");
        r.status = RecommendationStatus::Responded;
        assert!(r.allows(RecommendationStep::Respond).is_err());
        assert!(r.allows(RecommendationStep::ReportProgress).is_ok());
        r.status = RecommendationStatus::ClosedSatisfied;
        for step in [RecommendationStep::ReportProgress, RecommendationStep::Close, RecommendationStep::Escalate] {
            assert!(r.allows(step).is_err());
        }
    }

    #[test]
    fn it_is_overdue_the_day_after_its_respond_by_day_while_unanswered() {
        let r = issued();
        assert!(!r.is_overdue("2026-12-30".parse().unwrap()));
        assert!(r.is_overdue("2026-12-31".parse().unwrap()));
    }
}
