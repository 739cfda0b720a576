//! Petitions: the four kinds the law distinguishes, where a petition is (status) apart from what
//! was decided (outcome), how it arrived (channel), and the petition itself as pakn keeps it.

pub mod change;
pub mod filing;
pub mod message;
pub mod petitioner;
mod words;

use chrono::{NaiveDate, NaiveDateTime};

use super::account::Language;
use super::admin_unit::{AdminUnitCode, UnitPath};
use super::category::CategoryCode;
use super::deadline::{Complexity, DeadlineClock, Round};
use super::ids::{AgencyId, PetitionId, UserId};
use super::routing::DenouncedPosition;
use super::tracking_code::TrackingCode;

pub use change::PetitionChange;

crate::text_enum! {
    pub enum PetitionKind {
        /// Khiếu nại: against an administrative decision or act (Law on Complaints 2011).
        Complaint => "complaint",
        /// Tố cáo: a violation of law by an official or body (Law on Denunciations 2018).
        Denunciation => "denunciation",
        /// Phản ánh: a problem to fix.
        Feedback => "feedback",
        /// Kiến nghị: a proposal or request to change something.
        Proposal => "proposal",
    }
}

impl PetitionKind {
    /// The law does not handle anonymous complaints or denunciations as such.
    pub fn allows_anonymous(self) -> bool {
        matches!(self, PetitionKind::Feedback | PetitionKind::Proposal)
    }
}

crate::text_enum! {
    /// Where the petition is in its handling.
    pub enum PetitionStatus {
        Received => "received",
        Accepted => "accepted",
        InProgress => "in_progress",
        Resolved => "resolved",
        Closed => "closed",
        Refused => "refused",
        Transferred => "transferred",
        Withdrawn => "withdrawn",
        Merged => "merged",
        /// Resolution paused by a decision with its legal ground; the time does not count
        /// (Law on Complaints Art. 11a, Law on Denunciations Art. 34).
        Suspended => "suspended",
    }
}

impl PetitionStatus {
    /// Statuses in which a petition still waits on its agency.
    pub const OPEN: [PetitionStatus; 5] = [
        PetitionStatus::Received,
        PetitionStatus::Transferred,
        PetitionStatus::Accepted,
        PetitionStatus::InProgress,
        PetitionStatus::Suspended,
    ];

    /// Still waiting on its agency: to be accepted, or to be resolved.
    pub fn is_open(self) -> bool {
        Self::OPEN.contains(&self)
    }

    /// Waiting for the agency to decide whether to accept it.
    pub fn awaits_acceptance(self) -> bool {
        matches!(self, PetitionStatus::Received | PetitionStatus::Transferred)
    }

    /// A petitioner may withdraw until the petition is decided or otherwise finished.
    pub fn can_be_withdrawn(self) -> bool {
        self.is_open()
    }
}

crate::text_enum! {
    /// What was decided, separate from the status.
    pub enum Outcome {
        Upheld => "upheld",
        PartlyUpheld => "partly_upheld",
        Rejected => "rejected",
        /// For feedback and proposals: answered.
        Answered => "answered",
    }
}

crate::text_enum! {
    /// How the petition reached the administration.
    pub enum Channel {
        Web => "web",
        Mobile => "mobile",
        InPerson => "in_person",
        Post => "post",
        Phone => "phone",
        Email => "email",
        /// Through an Open311 client app (its name is on the filing's timeline entry).
        Open311 => "open311",
    }
}

impl Channel {
    /// The channels an officer records a petition from on someone's behalf.
    pub fn is_offline(self) -> bool {
        matches!(self, Channel::InPerson | Channel::Post | Channel::Phone | Channel::Email)
    }
}

crate::text_enum! {
    /// The legal reasons for not accepting a petition (Law on Complaints Art. 11, Law on
    /// Denunciations Art. 23, and their equivalents for feedback and proposals).
    pub enum RefusalReason {
        /// Not within the agency's competence: the competent agency must be named.
        NotWithinCompetence => "not_within_competence",
        ComplaintTimeExpired => "complaint_time_expired",
        ContentNotSpecific => "content_not_specific",
        AnonymousDenunciation => "anonymous_denunciation",
        AlreadyResolved => "already_resolved",
        UnderCourtJurisdiction => "under_court_jurisdiction",
        Withdrawn => "withdrawn",
    }
}

impl RefusalReason {
    /// The reason in the words the petitioner reads (Vietnamese / English).
    pub fn in_words(self) -> &'static str {
        match self {
            RefusalReason::NotWithinCompetence => "Không thuộc thẩm quyền giải quyết / Not within our competence",
            RefusalReason::ComplaintTimeExpired => {
                "Đã hết thời hiệu khiếu nại / The time allowed to complain has passed"
            }
            RefusalReason::ContentNotSpecific => "Nội dung không cụ thể / The content is not specific enough",
            RefusalReason::AnonymousDenunciation => "Tố cáo nặc danh / The denunciation is anonymous",
            RefusalReason::AlreadyResolved => "Đã được giải quyết / The matter was already resolved",
            RefusalReason::UnderCourtJurisdiction => "Thuộc thẩm quyền của Tòa án / It is before a court",
            RefusalReason::Withdrawn => "Người gửi đã rút đơn / The petitioner withdrew it",
        }
    }
}

crate::text_enum! {
    /// Why resolution is suspended (Law on Complaints Art. 11a(1), added by Law 136/2025/QH15;
    /// Law on Denunciations 2018, Art. 34).
    pub enum SuspensionGround {
        /// Force majeure or another objective obstacle keeps the complainant from taking part.
        ObjectiveObstacle => "objective_obstacle",
        /// The resolver must wait for another body to settle a matter the case depends on.
        AwaitingOtherAuthority => "awaiting_other_authority",
    }
}

crate::text_enum! {
    /// Whether the petitioner came to a dialogue they were invited to (Law on Complaints Art. 30,
    /// clause 6 added by Law 136/2025/QH15).
    pub enum Attendance {
        Attended => "attended",
        /// Resolution goes on without them.
        AbsentWithoutValidReason => "absent_without_valid_reason",
        /// Force majeure or an objective obstacle: resolution may be suspended.
        AbsentWithValidReason => "absent_with_valid_reason",
    }
}

crate::text_enum! {
    /// How the petitioner rates the answer.
    pub enum Rating {
        Satisfied => "satisfied",
        Acceptable => "acceptable",
        Dissatisfied => "dissatisfied",
    }
}

/// Where the matter is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Location {
    pub address: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

/// The decision or act a complaint is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplainedDecision {
    /// Its number, or a description of the act.
    pub reference: String,
    pub date: Option<NaiveDate>,
}

/// Why the agency did not accept the petition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub reason: RefusalReason,
    pub explanation: Option<String>,
    /// Named when the reason is that the matter is not within the agency's competence.
    pub competent_agency_id: Option<AgencyId>,
}

/// The head's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub outcome: Outcome,
    pub answer: String,
    pub number: Option<String>,
    pub date: Option<NaiveDate>,
    pub resolved_at: NaiveDateTime,
    /// Calendar days from receipt to the answer.
    pub days_to_resolve: i32,
    /// Answered by the resolution deadline then in force; None when none was running.
    pub on_time: Option<bool>,
    /// What the public page shows of the answer; None: nothing of it (`workflow::steps` decides it at resolution).
    pub public_answer: Option<String>,
}

/// What the petitioner thought of the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingGiven {
    pub rating: Rating,
    pub comment: Option<String>,
}

/// A petition as pakn keeps it. The petitioner's identity is not here: it is kept apart
/// (`petitioner::KeptPetitioner`), so that nothing carrying a petition can carry it by accident.
#[derive(Debug, Clone, PartialEq)]
pub struct Petition {
    pub id: PetitionId,
    pub tracking_code: TrackingCode,
    pub kind: PetitionKind,
    pub category: CategoryCode,
    pub title: String,
    pub description: String,
    pub admin_unit_code: AdminUnitCode,
    /// The unit and its ancestors, root first, as they stood when the petition was filed.
    pub unit_path: UnitPath,
    pub location: Location,
    pub related_project: Option<String>,
    pub complained_decision: Option<ComplainedDecision>,
    pub confidential: bool,
    pub language: Language,
    pub channel: Channel,
    pub status: PetitionStatus,
    /// The account that follows the petition as its petitioner, if any.
    pub petitioner_id: Option<UserId>,
    /// Who entered it: the petitioner, or an officer on their behalf.
    pub filed_by_id: Option<UserId>,
    pub assigned_agency_id: Option<AgencyId>,
    pub received_at: NaiveDateTime,
    pub acceptance_due: Option<NaiveDate>,
    pub resolution_due: Option<NaiveDate>,
    /// The resolution period's own last day, before a day off moved it to `resolution_due`:
    /// extensions add to it, and a suspension keeps what was left of it.
    pub resolution_period_end: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// Moves on with every change; a write names the version it read.
    pub version: i32,
    /// Complaints: the agency whose decision or act is complained about.
    pub respondent_agency_id: Option<AgencyId>,
    /// Denunciations: the agency of the person denounced.
    pub denounced_agency_id: Option<AgencyId>,
    /// Denunciations: who is denounced, which decides who resolves it.
    pub denounced_position: Option<DenouncedPosition>,
    /// Why the petition is with the agency now handling it (the article, the rule, the transfer).
    pub routing_basis: Option<String>,
    /// When the agency now handling it received it: intake and forwarding periods run from here.
    pub reached_agency_at: NaiveDateTime,
    /// While resolution is suspended: since when.
    pub suspended_at: Option<NaiveDateTime>,
    pub round: Round,
    /// A second-time complaint: the first-time complaint it appeals.
    pub appeal_of_id: Option<PetitionId>,
    /// A duplicate: the petition it was merged into.
    pub merged_into_id: Option<PetitionId>,
    pub assignee_id: Option<UserId>,
    pub complexity: Option<Complexity>,
    pub remote_area: bool,
    pub accepted_at: Option<NaiveDateTime>,
    pub extensions_used: i32,
    pub refusal: Option<Refusal>,
    pub decision: Option<Decision>,
    pub closed_at: Option<NaiveDateTime>,
    pub rating: Option<RatingGiven>,
    pub clock: DeadlineClock,
}

impl Petition {
    /// The complexity set at acceptance; normal until then.
    pub fn complexity_or_normal(&self) -> Complexity {
        self.complexity.unwrap_or(Complexity::Normal)
    }

    pub fn outcome(&self) -> Option<Outcome> {
        self.decision.as_ref().map(|decision| decision.outcome)
    }

    /// Only a first-time complaint can be appealed.
    pub fn is_appealable_kind(&self) -> bool {
        self.kind == PetitionKind::Complaint && self.round == Round::First
    }
}

/// A petition about to be stored: what filing (or an appeal) decided.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPetition {
    pub id: PetitionId,
    pub tracking_code: TrackingCode,
    pub kind: PetitionKind,
    pub category: CategoryCode,
    pub title: String,
    pub description: String,
    pub admin_unit_code: AdminUnitCode,
    pub unit_path: UnitPath,
    pub location: Location,
    pub related_project: Option<String>,
    pub complained_decision: Option<ComplainedDecision>,
    pub confidential: bool,
    pub language: Language,
    pub channel: Channel,
    pub petitioner_id: Option<UserId>,
    pub filed_by_id: Option<UserId>,
    pub assigned_agency_id: Option<AgencyId>,
    pub received_at: NaiveDateTime,
    pub acceptance_due: NaiveDate,
    pub respondent_agency_id: Option<AgencyId>,
    pub denounced_agency_id: Option<AgencyId>,
    pub denounced_position: Option<DenouncedPosition>,
    pub routing_basis: Option<String>,
    pub round: Round,
    pub appeal_of_id: Option<PetitionId>,
    pub clock: DeadlineClock,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_feedback_and_proposals_may_be_anonymous() {
        assert!(PetitionKind::Feedback.allows_anonymous());
        assert!(PetitionKind::Proposal.allows_anonymous());
        assert!(!PetitionKind::Complaint.allows_anonymous());
        assert!(!PetitionKind::Denunciation.allows_anonymous());
    }

    #[test]
    fn a_petition_is_open_while_its_agency_still_owes_a_step() {
        for status in [PetitionStatus::Received, PetitionStatus::Transferred, PetitionStatus::Accepted] {
            assert!(status.is_open() && status.can_be_withdrawn(), "{status}");
        }
        for status in
            [PetitionStatus::Resolved, PetitionStatus::Closed, PetitionStatus::Refused, PetitionStatus::Merged]
        {
            assert!(!status.is_open() && !status.can_be_withdrawn(), "{status}");
        }
        assert!(PetitionStatus::Transferred.awaits_acceptance() && !PetitionStatus::InProgress.awaits_acceptance());
    }
}
