//! The JSON shapes of petitions: the full view for those allowed, the public view for anyone, and
//! the summary line of listings. Only the full view ever carries a petitioner.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use crate::domain::account::Language;
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::agency::Agency;
use crate::domain::deadline::{Complexity, Round};
use crate::domain::events::{Event, EventKind, Visibility};
use crate::domain::ids::{AgencyId, PetitionId, UserId};
use crate::domain::petition::petitioner::CoPetitioner;
use crate::domain::petition::{Channel, Outcome, Petition, PetitionKind, PetitionStatus, Rating, RefusalReason};
use crate::domain::routing::DenouncedPosition;
use crate::domain::tracking_code::TrackingCode;
use crate::domain::workflow::WorkflowAction;
use crate::http::wire::vietnam_time;
use crate::service::petitions::petitioners::PetitionerView;
use crate::service::petitions::views::{Deadline, PetitionLink, PetitionView};

#[derive(Debug, Serialize)]
pub struct CodeAndNames {
    code: String,
    name_vi: String,
    name_en: String,
}

#[derive(Debug, Serialize)]
pub struct UnitReference {
    pub(super) code: AdminUnitCode,
    pub(super) name: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AgencyName {
    id: AgencyId,
    name: String,
}

impl From<Agency> for AgencyName {
    fn from(agency: Agency) -> Self {
        AgencyName { id: agency.id, name: agency.name }
    }
}

/// The head who answers for the agency: a title, never a personal contact.
#[derive(Debug, Serialize)]
pub struct ResponsibleHead {
    title: String,
}

#[derive(Debug, Serialize)]
pub struct DeadlineResponse {
    due: NaiveDate,
    met: Option<bool>,
    overdue: bool,
    working_days_left: Option<i64>,
    provisional: bool,
}

impl From<Deadline> for DeadlineResponse {
    fn from(d: Deadline) -> Self {
        DeadlineResponse {
            due: d.due,
            met: d.met,
            overdue: d.overdue,
            working_days_left: d.working_days_left,
            provisional: d.provisional,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Deadlines {
    acceptance: Option<DeadlineResponse>,
    forwarding: Option<DeadlineResponse>,
    resolution: Option<DeadlineResponse>,
}

#[derive(Debug, Serialize)]
pub struct TimelineEntryResponse {
    kind: EventKind,
    occurred_at: DateTime<FixedOffset>,
    note: Option<String>,
    visibility: Visibility,
}

impl From<Event> for TimelineEntryResponse {
    fn from(e: Event) -> Self {
        TimelineEntryResponse {
            kind: e.kind,
            occurred_at: vietnam_time(e.occurred_at),
            note: e.note,
            visibility: e.visibility,
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PetitionerResponse {
    Anonymous,
    Named {
        full_name: Option<String>,
        email: Option<String>,
        phone: Option<String>,
        address: Option<String>,
        co_petitioners: Vec<CoPetitioner>,
    },
    Pseudonym {
        pseudonym: String,
        /// True for the reception officers who may unseal it (with a reason, recorded).
        unsealable: bool,
    },
    Offline {
        pseudonym: String,
        register_reference: Option<String>,
    },
}

impl From<PetitionerView> for PetitionerResponse {
    fn from(view: PetitionerView) -> Self {
        match view {
            PetitionerView::Anonymous => PetitionerResponse::Anonymous,
            PetitionerView::Named(p) => PetitionerResponse::Named {
                full_name: p.full_name,
                email: p.email,
                phone: p.phone,
                address: p.address,
                co_petitioners: p.co_petitioners,
            },
            PetitionerView::Pseudonym { pseudonym, unsealable } => {
                PetitionerResponse::Pseudonym { pseudonym, unsealable }
            }
            PetitionerView::Offline { pseudonym, register_reference } => {
                PetitionerResponse::Offline { pseudonym, register_reference }
            }
        }
    }
}

#[derive(Debug, Serialize)]
pub struct LocationResponse {
    address: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
}

#[derive(Debug, Serialize)]
pub struct DecisionResponse {
    number: String,
    date: Option<NaiveDate>,
}

/// The petition in full, for those allowed to read it.
#[derive(Debug, Serialize)]
pub struct PetitionResponse {
    id: PetitionId,
    tracking_code: TrackingCode,
    kind: PetitionKind,
    category: Option<CodeAndNames>,
    status: PetitionStatus,
    outcome: Option<Outcome>,
    title: String,
    description: String,
    admin_unit: UnitReference,
    location: LocationResponse,
    related_project: Option<String>,
    decision_reference: Option<DecisionResponse>,
    confidential: bool,
    language: Language,
    channel: Channel,
    assigned_agency: Option<AgencyName>,
    responsible_head: Option<ResponsibleHead>,
    deadlines: Deadlines,
    petitioner: PetitionerResponse,
    /// 'first', or 'second' for a second-time complaint.
    round: Round,
    respondent_agency_id: Option<AgencyId>,
    denounced_agency_id: Option<AgencyId>,
    denounced_position: Option<DenouncedPosition>,
    /// Why the petition is with its agency: the article, the routing rule, or the transfer.
    routing_basis: Option<String>,
    handling: HandlingResponse,
    refusal: Option<RefusalResponse>,
    answer: Option<AnswerResponse>,
    rating: Option<RatingResponse>,
    related: RelatedResponse,
    /// The workflow steps the reader may take now (`POST /api/v1/petitions/{id}/<action>`).
    allowed_actions: Vec<WorkflowAction>,
    timeline: Vec<TimelineEntryResponse>,
    created_at: DateTime<FixedOffset>,
    updated_at: DateTime<FixedOffset>,
    version: i32,
}

#[derive(Debug, Serialize)]
pub struct HandlingResponse {
    complexity: Option<Complexity>,
    remote_area: bool,
    assignee_id: Option<UserId>,
    accepted_at: Option<DateTime<FixedOffset>>,
    extensions_used: i32,
    closed_at: Option<DateTime<FixedOffset>>,
    suspended_at: Option<DateTime<FixedOffset>>,
}

#[derive(Debug, Serialize)]
pub struct RefusalResponse {
    reason_code: RefusalReason,
    explanation: Option<String>,
    competent_agency: Option<AgencyName>,
}

#[derive(Debug, Serialize)]
pub struct AnswerResponse {
    outcome: Option<Outcome>,
    text: String,
    decision_number: Option<String>,
    decision_date: Option<NaiveDate>,
    resolved_at: Option<DateTime<FixedOffset>>,
    /// What the public page shows of it; null: nothing.
    public_text: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct RatingResponse {
    rating: Rating,
    comment: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PetitionLinkResponse {
    id: PetitionId,
    tracking_code: TrackingCode,
}

impl From<PetitionLink> for PetitionLinkResponse {
    fn from(link: PetitionLink) -> Self {
        PetitionLinkResponse { id: link.id, tracking_code: link.tracking_code }
    }
}

/// Petitions this one is tied to.
#[derive(Debug, Serialize)]
pub struct RelatedResponse {
    /// The original this one was merged into (its petitioner follows it).
    merged_into: Option<PetitionLinkResponse>,
    /// For a second-time complaint: the first-time complaint.
    appeal_of: Option<PetitionLinkResponse>,
    /// The second-time complaint lodged against this one.
    appealed_by: Option<PetitionLinkResponse>,
}

pub(super) fn category_names(view: &PetitionView) -> Option<CodeAndNames> {
    view.category.as_ref().map(|c| CodeAndNames {
        code: c.code.to_string(),
        name_vi: c.name_vi.clone(),
        name_en: c.name_en.clone(),
    })
}

pub(super) fn deadlines(view: &mut PetitionView) -> Deadlines {
    Deadlines {
        acceptance: view.acceptance.take().map(Into::into),
        forwarding: view.forwarding.take().map(Into::into),
        resolution: view.resolution.take().map(Into::into),
    }
}

pub(super) fn head_of(agency: &Option<Agency>) -> Option<ResponsibleHead> {
    agency.as_ref().map(|a| ResponsibleHead { title: a.head_title.clone() })
}

impl From<PetitionView> for PetitionResponse {
    fn from(mut view: PetitionView) -> Self {
        let category = category_names(&view);
        let deadlines = deadlines(&mut view);
        let p: Petition = view.petition;
        let outcome = p.outcome();
        PetitionResponse {
            id: p.id,
            tracking_code: p.tracking_code,
            kind: p.kind,
            category,
            status: p.status,
            outcome,
            title: p.title,
            description: p.description,
            admin_unit: UnitReference { code: p.admin_unit_code, name: view.unit_name },
            location: LocationResponse {
                address: p.location.address,
                lat: p.location.latitude,
                lon: p.location.longitude,
            },
            related_project: p.related_project,
            decision_reference: p
                .complained_decision
                .map(|decision| DecisionResponse { number: decision.reference, date: decision.date }),
            confidential: p.confidential,
            language: p.language,
            channel: p.channel,
            responsible_head: head_of(&view.agency),
            assigned_agency: view.agency.map(Into::into),
            deadlines,
            petitioner: view.petitioner.into(),
            round: p.round,
            respondent_agency_id: p.respondent_agency_id,
            denounced_agency_id: p.denounced_agency_id,
            denounced_position: p.denounced_position,
            routing_basis: p.routing_basis,
            handling: HandlingResponse {
                complexity: p.complexity,
                remote_area: p.remote_area,
                assignee_id: p.assignee_id,
                accepted_at: p.accepted_at.map(vietnam_time),
                extensions_used: p.extensions_used,
                closed_at: p.closed_at.map(vietnam_time),
                suspended_at: p.suspended_at.map(vietnam_time),
            },
            refusal: p.refusal.map(|refusal| RefusalResponse {
                reason_code: refusal.reason,
                explanation: refusal.explanation,
                competent_agency: view.related.competent_agency.map(Into::into),
            }),
            answer: p.decision.map(|decision| AnswerResponse {
                outcome: Some(decision.outcome),
                text: decision.answer,
                decision_number: decision.number,
                decision_date: decision.date,
                resolved_at: Some(vietnam_time(decision.resolved_at)),
                public_text: decision.public_answer,
            }),
            rating: p.rating.map(|given| RatingResponse { rating: given.rating, comment: given.comment }),
            related: RelatedResponse {
                merged_into: view.related.merged_into.map(Into::into),
                appeal_of: view.related.appeal_of.map(Into::into),
                appealed_by: view.related.appealed_by.map(Into::into),
            },
            allowed_actions: view.allowed_actions,
            timeline: view.timeline.into_iter().map(Into::into).collect(),
            created_at: vietnam_time(p.created_at),
            updated_at: vietnam_time(p.updated_at),
            version: p.version,
        }
    }
}
