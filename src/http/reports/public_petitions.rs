//! `GET /api/v1/public/petitions` and `/api/v1/public/awaiting`: the public petitions, newest
//! first, and those still waiting for an answer, the longest wait first — for anyone, redacted to
//! kind, category, unit, status, agency, dates, deadlines met or missed and the published answer.

use std::time::Instant;

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::category::CategoryCode;
use crate::domain::ids::AgencyId;
use crate::domain::petition::{Outcome, Petition, PetitionKind, PetitionStatus};
use crate::domain::tracking_code::TrackingCode;
use crate::error::ApiError;
use crate::http::conditional;
use crate::http::extract::QueryCheck;
use crate::http::wire::{ListResponse, vietnam_time};
use crate::service::reports::public_petitions::{self, PublicList, PublicQuery};
use crate::service::{Context, ServiceError};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublicListParams {
    kind: Option<String>,
    category: Option<String>,
    admin_unit: Option<String>,
    agency: Option<String>,
    status: Option<String>,
    from: Option<String>,
    to: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

fn public_query(params: &PublicListParams) -> Result<PublicQuery, ApiError> {
    let mut check = QueryCheck::default();
    let query = PublicQuery {
        kind: check.optional("kind", params.kind.as_deref(), str::parse::<PetitionKind>),
        category: check.optional("category", params.category.as_deref(), |t| {
            CategoryCode::parse(t).map_err(|_| "is not a category code")
        }),
        admin_unit: check.optional("admin_unit", params.admin_unit.as_deref(), AdminUnitCode::parse),
        agency: check
            .optional("agency", params.agency.as_deref(), |t| AgencyId::parse(t).map_err(|_| "is not an agency id")),
        status: check.optional("status", params.status.as_deref(), str::parse::<PetitionStatus>),
        from: check.date("from", params.from.as_deref()),
        to: check.date("to", params.to.as_deref()),
        size: check.page_size(params.limit.as_deref()),
        cursor: check.cursor(params.cursor.as_deref()),
    };
    check.finish()?;
    Ok(query)
}

/// What anyone may know of a public petition: no title, description, person or address.
#[derive(Debug, Serialize)]
pub struct PublicPetitionSummary {
    tracking_code: TrackingCode,
    kind: PetitionKind,
    category: String,
    admin_unit_code: AdminUnitCode,
    status: PetitionStatus,
    outcome: Option<Outcome>,
    assigned_agency_id: Option<AgencyId>,
    received_at: DateTime<FixedOffset>,
    accepted_at: Option<DateTime<FixedOffset>>,
    resolved_at: Option<DateTime<FixedOffset>>,
    closed_at: Option<DateTime<FixedOffset>>,
    acceptance_due: Option<NaiveDate>,
    resolution_due: Option<NaiveDate>,
    /// Answered by the resolution deadline then in force; null until answered, or without one.
    resolved_on_time: Option<bool>,
    /// Still waiting, and its running deadline has passed.
    overdue: bool,
    /// What of the answer may be published; null when nothing.
    public_answer: Option<String>,
}

impl PublicPetitionSummary {
    fn of(p: Petition, today: NaiveDate) -> Self {
        let overdue = p.status.is_open() && p.clock.next_due.is_some_and(|due| due < today);
        let outcome = p.outcome();
        let (resolved_at, resolved_on_time, public_answer) = match p.decision {
            Some(d) => (Some(vietnam_time(d.resolved_at)), d.on_time, d.public_answer),
            None => (None, None, None),
        };
        PublicPetitionSummary {
            tracking_code: p.tracking_code,
            kind: p.kind,
            category: p.category.to_string(),
            admin_unit_code: p.admin_unit_code,
            status: p.status,
            outcome,
            assigned_agency_id: p.assigned_agency_id,
            received_at: vietnam_time(p.received_at),
            accepted_at: p.accepted_at.map(vietnam_time),
            resolved_at,
            closed_at: p.closed_at.map(vietnam_time),
            acceptance_due: p.acceptance_due,
            resolution_due: p.resolution_due,
            resolved_on_time,
            overdue,
            public_answer,
        }
    }
}

pub async fn list_public_petitions(
    context: web::Data<Context>,
    request: HttpRequest,
    params: web::Query<PublicListParams>,
) -> Result<HttpResponse, ApiError> {
    kept_page(context, request, &params, PublicList::Newest).await
}

pub async fn list_awaiting_petitions(
    context: web::Data<Context>,
    request: HttpRequest,
    params: web::Query<PublicListParams>,
) -> Result<HttpResponse, ApiError> {
    kept_page(context, request, &params, PublicList::Awaiting).await
}

/// The page as this process last rendered it while its stamp is unchanged (read at most once a
/// second, `ListStamp`), else rendered now and kept; 304 to a reader who sends its ETag back.
async fn kept_page(
    context: web::Data<Context>,
    request: HttpRequest,
    params: &PublicListParams,
    list: PublicList,
) -> Result<HttpResponse, ApiError> {
    let query = public_query(params)?;
    let page = context
        .run(move |c, context| {
            let (page, now) = (public_petitions::list_page(c, context, &query, list)?, Instant::now());
            if let Some(page) = context.public_lists.recent(&page, now) {
                return Ok(page);
            }
            let stamp = public_petitions::stamp(c, context, page)?;
            if let Some(page) = context.public_lists.get(&stamp, now) {
                return Ok(page);
            }
            let today = stamp.today;
            let list =
                ListResponse::from_page(public_petitions::page(c, &stamp)?, |p| PublicPetitionSummary::of(p, today));
            let page = conditional::rendered(&list)
                .map_err(|e| ServiceError::Internal(anyhow::anyhow!("rendering a public list: {e}")))?;
            Ok(context.public_lists.keep(stamp, page, now))
        })
        .await?;
    Ok(conditional::public_page(&request, &page))
}
