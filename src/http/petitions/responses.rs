//! The JSON shapes of petitions: the full view for those allowed, the public view for anyone, and
//! the summary line of listings. Only the full view ever carries a petitioner.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use crate::db::events::EventRow;
use crate::db::petitions::PetitionRow;
use crate::http::wire::vietnam_time;
use crate::service::petitions::filing::CoPetitioner;
use crate::service::petitions::views::{Deadline, PetitionView, PetitionerView};

#[derive(Debug, Serialize)]
pub struct CodeAndNames {
    code: String,
    name_vi: String,
    name_en: String,
}

#[derive(Debug, Serialize)]
pub struct UnitReference {
    code: String,
    name: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AgencyName {
    id: String,
    name: String,
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
}

impl From<Deadline> for DeadlineResponse {
    fn from(d: Deadline) -> Self {
        DeadlineResponse { due: d.due, met: d.met, overdue: d.overdue, working_days_left: d.working_days_left }
    }
}

#[derive(Debug, Serialize)]
pub struct Deadlines {
    acceptance: Option<DeadlineResponse>,
    resolution: Option<DeadlineResponse>,
}

#[derive(Debug, Serialize)]
pub struct TimelineEntryResponse {
    kind: String,
    occurred_at: DateTime<FixedOffset>,
    note: Option<String>,
    visibility: String,
}

impl From<EventRow> for TimelineEntryResponse {
    fn from(e: EventRow) -> Self {
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
            PetitionerView::Named(i) => PetitionerResponse::Named {
                full_name: i.full_name,
                email: i.email,
                phone: i.phone,
                address: i.address,
                co_petitioners: i.co_petitioners,
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
    id: String,
    tracking_code: String,
    kind: String,
    category: Option<CodeAndNames>,
    status: String,
    outcome: Option<String>,
    title: String,
    description: String,
    admin_unit: UnitReference,
    location: LocationResponse,
    related_project: Option<String>,
    decision_reference: Option<DecisionResponse>,
    confidential: bool,
    language: String,
    channel: String,
    assigned_agency: Option<AgencyName>,
    responsible_head: Option<ResponsibleHead>,
    deadlines: Deadlines,
    petitioner: PetitionerResponse,
    /// 'first', or 'second' for a second-time complaint.
    round: String,
    respondent_agency_id: Option<String>,
    denounced_agency_id: Option<String>,
    handling: HandlingResponse,
    refusal: Option<RefusalResponse>,
    answer: Option<AnswerResponse>,
    rating: Option<RatingResponse>,
    related: RelatedResponse,
    /// The workflow steps the reader may take now (`POST /api/v1/petitions/{id}/<action>`).
    allowed_actions: Vec<String>,
    timeline: Vec<TimelineEntryResponse>,
    created_at: DateTime<FixedOffset>,
    updated_at: DateTime<FixedOffset>,
    version: i32,
}

#[derive(Debug, Serialize)]
pub struct HandlingResponse {
    complexity: Option<String>,
    remote_area: bool,
    assignee_id: Option<String>,
    accepted_at: Option<DateTime<FixedOffset>>,
    extensions_used: i32,
    closed_at: Option<DateTime<FixedOffset>>,
}

#[derive(Debug, Serialize)]
pub struct RefusalResponse {
    reason_code: String,
    explanation: Option<String>,
    competent_agency: Option<AgencyName>,
}

#[derive(Debug, Serialize)]
pub struct AnswerResponse {
    outcome: Option<String>,
    text: String,
    decision_number: Option<String>,
    decision_date: Option<NaiveDate>,
    resolved_at: Option<DateTime<FixedOffset>>,
}

#[derive(Debug, Serialize)]
pub struct RatingResponse {
    rating: String,
    comment: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct PetitionLinkResponse {
    id: String,
    tracking_code: String,
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

fn link(pair: Option<(String, String)>) -> Option<PetitionLinkResponse> {
    pair.map(|(id, tracking_code)| PetitionLinkResponse { id, tracking_code })
}

fn category_names(view: &PetitionView) -> Option<CodeAndNames> {
    view.category.as_ref().map(|c| CodeAndNames {
        code: c.code.clone(),
        name_vi: c.name_vi.clone(),
        name_en: c.name_en.clone(),
    })
}

impl From<PetitionView> for PetitionResponse {
    fn from(view: PetitionView) -> Self {
        let category = category_names(&view);
        let p = view.petition;
        PetitionResponse {
            id: p.id,
            tracking_code: p.tracking_code,
            kind: p.kind,
            category,
            status: p.status,
            outcome: p.outcome.clone(),
            title: p.title,
            description: p.description,
            admin_unit: UnitReference { code: p.admin_unit_code, name: view.unit_name },
            location: LocationResponse { address: p.address, lat: p.latitude, lon: p.longitude },
            related_project: p.related_project,
            decision_reference: p.decision_reference.map(|number| DecisionResponse { number, date: p.decision_date }),
            confidential: p.confidential,
            language: p.language,
            channel: p.channel,
            responsible_head: view.agency.as_ref().map(|a| ResponsibleHead { title: a.head_title.clone() }),
            assigned_agency: view.agency.map(|a| AgencyName { id: a.id, name: a.name }),
            deadlines: Deadlines {
                acceptance: view.acceptance.map(Into::into),
                resolution: view.resolution.map(Into::into),
            },
            petitioner: view.petitioner.into(),
            round: p.round,
            respondent_agency_id: p.respondent_agency_id,
            denounced_agency_id: p.denounced_agency_id,
            handling: HandlingResponse {
                complexity: p.complexity,
                remote_area: p.remote_area,
                assignee_id: p.assignee_id,
                accepted_at: p.accepted_at.map(vietnam_time),
                extensions_used: p.extensions_used,
                closed_at: p.closed_at.map(vietnam_time),
            },
            refusal: p.refusal_reason.map(|reason_code| RefusalResponse {
                reason_code,
                explanation: p.refusal_explanation,
                competent_agency: view.related.competent_agency.map(|a| AgencyName { id: a.id, name: a.name }),
            }),
            answer: p.answer.map(|text| AnswerResponse {
                outcome: p.outcome,
                text,
                decision_number: p.answer_decision_number,
                decision_date: p.answer_decision_date,
                resolved_at: p.resolved_at.map(vietnam_time),
            }),
            rating: p.rating.map(|rating| RatingResponse { rating, comment: p.rating_comment }),
            related: RelatedResponse {
                merged_into: link(view.related.merged_into),
                appeal_of: link(view.related.appeal_of),
                appealed_by: link(view.related.appealed_by),
            },
            allowed_actions: view.allowed_actions.iter().map(ToString::to_string).collect(),
            timeline: view.timeline.into_iter().map(Into::into).collect(),
            created_at: vietnam_time(p.created_at),
            updated_at: vietnam_time(p.updated_at),
            version: p.version,
        }
    }
}

/// What anyone may know of a petition: no title, no description, no person, no address.
#[derive(Debug, Serialize)]
pub struct PublicPetitionResponse {
    tracking_code: String,
    kind: String,
    category: Option<CodeAndNames>,
    admin_unit: UnitReference,
    status: String,
    outcome: Option<String>,
    assigned_agency: Option<AgencyName>,
    responsible_head: Option<ResponsibleHead>,
    deadlines: Deadlines,
    timeline: Vec<PublicTimelineEntry>,
    filed_at: DateTime<FixedOffset>,
}

#[derive(Debug, Serialize)]
pub struct PublicTimelineEntry {
    kind: String,
    occurred_at: DateTime<FixedOffset>,
    note: Option<String>,
}

impl From<PetitionView> for PublicPetitionResponse {
    fn from(view: PetitionView) -> Self {
        let category = category_names(&view);
        let p = view.petition;
        PublicPetitionResponse {
            tracking_code: p.tracking_code,
            kind: p.kind,
            category,
            admin_unit: UnitReference { code: p.admin_unit_code, name: view.unit_name },
            status: p.status,
            outcome: p.outcome,
            responsible_head: view.agency.as_ref().map(|a| ResponsibleHead { title: a.head_title.clone() }),
            assigned_agency: view.agency.map(|a| AgencyName { id: a.id, name: a.name }),
            deadlines: Deadlines {
                acceptance: view.acceptance.map(Into::into),
                resolution: view.resolution.map(Into::into),
            },
            timeline: view
                .timeline
                .into_iter()
                .map(|e| PublicTimelineEntry { kind: e.kind, occurred_at: vietnam_time(e.occurred_at), note: e.note })
                .collect(),
            filed_at: vietnam_time(p.received_at),
        }
    }
}

/// A line of a listing: enough to pick the petition, nothing about the petitioner.
#[derive(Debug, Serialize)]
pub struct PetitionSummary {
    id: String,
    tracking_code: String,
    kind: String,
    category: String,
    status: String,
    title: String,
    admin_unit_code: String,
    assigned_agency_id: Option<String>,
    assignee_id: Option<String>,
    acceptance_due: Option<NaiveDate>,
    resolution_due: Option<NaiveDate>,
    /// The deadline running now (acceptance or resolution); null once none runs.
    next_due: Option<NaiveDate>,
    created_at: DateTime<FixedOffset>,
}

impl From<PetitionRow> for PetitionSummary {
    fn from(p: PetitionRow) -> Self {
        PetitionSummary {
            id: p.id,
            tracking_code: p.tracking_code,
            kind: p.kind,
            category: p.category_code,
            status: p.status,
            title: p.title,
            admin_unit_code: p.admin_unit_code,
            assigned_agency_id: p.assigned_agency_id,
            assignee_id: p.assignee_id,
            acceptance_due: p.acceptance_due,
            resolution_due: p.resolution_due,
            next_due: p.next_due,
            created_at: vietnam_time(p.created_at),
        }
    }
}
