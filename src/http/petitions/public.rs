//! `GET /api/v1/public/petitions/{tracking_code}`: the public status page, for anyone.

use std::time::Instant;

use actix_web::{HttpRequest, HttpResponse, web};

use crate::http::conditional;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use super::responses::{
    AgencyName, CodeAndNames, Deadlines, ResponsibleHead, UnitReference, category_names, deadlines, head_of,
};
use crate::domain::events::EventKind;
use crate::domain::petition::{Decision, Outcome, PetitionKind, PetitionStatus};
use crate::domain::tracking_code::TrackingCode;
use crate::error::ApiError;
use crate::http::signed_in::client_address;
use crate::http::wire::vietnam_time;
use crate::service::petitions::views::{self, PetitionView};
use crate::service::{Context, ServiceError};

pub async fn get_public_petition(
    context: web::Data<Context>,
    request: HttpRequest,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (code, client) = (code.into_inner(), client_address(&request));
    let page = context
        .run(move |c, context| {
            let now = Instant::now();
            // A kept page costs its stamp; any other, its row (with the stamp) and its timeline.
            if TrackingCode::parse(&code).is_some_and(|code| context.public_pages.holds(&code)) {
                let stamp = views::public_stamp(c, context, &code, &client)?;
                if let Some(page) = context.public_pages.get(&stamp, now) {
                    return Ok(page);
                }
            }
            let (stamp, view) = views::public_with_stamp(c, context, &code, &client)?;
            let page = conditional::rendered(&PublicPetitionResponse::from(view))
                .map_err(|e| ServiceError::Internal(anyhow::anyhow!("rendering a public page: {e}")))?;
            Ok(context.public_pages.keep(stamp, page, now))
        })
        .await?;
    // Repeat lookups (a citizen refreshing, a news story's readers) get 304 while nothing changed.
    Ok(conditional::public_page(&request, &page))
}

/// What anyone may know of a petition: no title, no description, no person, no address.
#[derive(Debug, Serialize)]
pub struct PublicPetitionResponse {
    tracking_code: TrackingCode,
    kind: PetitionKind,
    category: Option<CodeAndNames>,
    admin_unit: UnitReference,
    status: PetitionStatus,
    outcome: Option<Outcome>,
    assigned_agency: Option<AgencyName>,
    responsible_head: Option<ResponsibleHead>,
    deadlines: Deadlines,
    /// The decision once there is one, with what of the answer may be published.
    answer: Option<PublicAnswer>,
    timeline: Vec<PublicTimelineEntry>,
    filed_at: DateTime<FixedOffset>,
}

#[derive(Debug, Serialize)]
pub struct PublicAnswer {
    outcome: Outcome,
    /// The published text: null when nothing of the answer may be published.
    text: Option<String>,
    decision_number: Option<String>,
    decision_date: Option<NaiveDate>,
    answered_at: DateTime<FixedOffset>,
}

impl From<Decision> for PublicAnswer {
    fn from(decision: Decision) -> Self {
        PublicAnswer {
            outcome: decision.outcome,
            text: decision.public_answer,
            decision_number: decision.number,
            decision_date: decision.date,
            answered_at: vietnam_time(decision.resolved_at),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct PublicTimelineEntry {
    kind: EventKind,
    occurred_at: DateTime<FixedOffset>,
    note: Option<String>,
}

impl From<PetitionView> for PublicPetitionResponse {
    fn from(mut view: PetitionView) -> Self {
        let category = category_names(&view);
        let deadlines = deadlines(&mut view);
        let p = view.petition;
        PublicPetitionResponse {
            outcome: p.outcome(),
            tracking_code: p.tracking_code,
            kind: p.kind,
            category,
            admin_unit: UnitReference { code: p.admin_unit_code, name: view.unit_name },
            status: p.status,
            responsible_head: head_of(&view.agency),
            assigned_agency: view.agency.map(Into::into),
            deadlines,
            answer: p.decision.map(Into::into),
            timeline: view
                .timeline
                .into_iter()
                .map(|e| PublicTimelineEntry { kind: e.kind, occurred_at: vietnam_time(e.occurred_at), note: e.note })
                .collect(),
            filed_at: vietnam_time(p.received_at),
        }
    }
}
