//! One public petition as the open data publishes it: a flat row of typed values, the same in
//! CSV and JSON, from which every public figure can be recomputed (`definitions`). No title,
//! description, person or address.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::domain::oversight::closure_checks::Verdict;
use crate::domain::petition::Petition;
use crate::domain::time::VIETNAM_OFFSET;

/// The columns, in order, with what each holds (published with the data).
pub const COLUMNS: &[(&str, &str)] = &[
    ("tracking_code", "the petition's public code (its status page: /api/v1/public/petitions/{code})"),
    ("kind", "complaint, feedback or proposal"),
    ("category", "the category code (/api/v1/categories)"),
    ("admin_unit_code", "the administrative unit (/api/v1/admin-units)"),
    ("assigned_agency_id", "the agency handling it now (/api/v1/agencies), empty if none"),
    ("channel", "how it was filed: web, mobile, in_person, post, phone, email, open311"),
    ("status", "its status when the export was made"),
    ("outcome", "the answer's outcome, once answered"),
    ("received_at", "when it was received (RFC 3339, +07:00)"),
    ("accepted_at", "when it was accepted for handling"),
    ("resolved_at", "when it was answered"),
    ("closed_at", "when it was closed"),
    ("acceptance_due", "the last day to accept it or not"),
    ("resolution_due", "the last day to answer it, as it stands"),
    ("resolved_on_time", "answered by the resolution deadline then in force (true/false; empty until answered)"),
    ("days_to_resolve", "calendar days from receipt to answer"),
    ("open", "still waiting on its agency (true/false)"),
    ("overdue", "still waiting and its running deadline had passed when the export was made"),
    ("refusal_reason", "why it was refused, when refused"),
    ("rating", "the petitioner's rating of the answer: satisfied, acceptable, dissatisfied"),
    ("reopened", "ever reopened after an answer (true/false)"),
    (
        "closure_check",
        "a monitor's closure check verdict on the answer: matched, or contested if any check found it did not match the facts; empty if never checked",
    ),
    ("public_answer", "what of the answer may be published"),
];

/// What a row says beyond the petition itself, from its history.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct History {
    pub reopened: bool,
    pub closure_check: Option<Verdict>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenDataRow {
    pub tracking_code: String,
    pub kind: String,
    pub category: String,
    pub admin_unit_code: String,
    pub assigned_agency_id: Option<String>,
    pub channel: String,
    pub status: String,
    pub outcome: Option<String>,
    pub received_at: String,
    pub accepted_at: Option<String>,
    pub resolved_at: Option<String>,
    pub closed_at: Option<String>,
    pub acceptance_due: Option<NaiveDate>,
    pub resolution_due: Option<NaiveDate>,
    pub resolved_on_time: Option<bool>,
    pub days_to_resolve: Option<i32>,
    pub open: bool,
    pub overdue: bool,
    pub refusal_reason: Option<String>,
    pub rating: Option<String>,
    pub reopened: bool,
    pub closure_check: Option<String>,
    pub public_answer: Option<String>,
}

fn vietnam(at: NaiveDateTime) -> String {
    at.and_utc().with_timezone(&VIETNAM_OFFSET).to_rfc3339()
}

impl OpenDataRow {
    /// The row of a public petition, as it stands `today`.
    pub fn of(p: &Petition, history: History, today: NaiveDate) -> Self {
        let decision = p.decision.as_ref();
        OpenDataRow {
            tracking_code: p.tracking_code.to_string(),
            kind: p.kind.to_string(),
            category: p.category.to_string(),
            admin_unit_code: p.admin_unit_code.to_string(),
            assigned_agency_id: p.assigned_agency_id.as_ref().map(ToString::to_string),
            channel: p.channel.to_string(),
            status: p.status.to_string(),
            outcome: p.outcome().map(|o| o.to_string()),
            received_at: vietnam(p.received_at),
            accepted_at: p.accepted_at.map(vietnam),
            resolved_at: decision.map(|d| vietnam(d.resolved_at)),
            closed_at: p.closed_at.map(vietnam),
            acceptance_due: p.acceptance_due,
            resolution_due: p.resolution_due,
            resolved_on_time: decision.and_then(|d| d.on_time),
            days_to_resolve: decision.map(|d| d.days_to_resolve),
            open: p.status.is_open(),
            overdue: p.status.is_open() && p.clock.next_due.is_some_and(|due| due < today),
            refusal_reason: p.refusal.as_ref().map(|r| r.reason.to_string()),
            rating: p.rating.as_ref().map(|r| r.rating.to_string()),
            reopened: history.reopened,
            closure_check: history.closure_check.map(|v| v.to_string()),
            public_answer: decision.and_then(|d| d.public_answer.clone()),
        }
    }
}
