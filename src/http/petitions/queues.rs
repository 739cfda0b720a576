//! `GET /api/v1/petitions` and `GET /api/v1/me/petitions`: petitions by role — citizens their
//! own, staff their agency's, monitors their unit's, administrators all — filtered, searched and
//! sorted, a page at a time.

use actix_web::web;
use serde::Deserialize;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::category::CategoryCode;
use crate::domain::ids::{AgencyId, PetitionId, UserId};
use crate::domain::petition::{Petition, PetitionKind, PetitionStatus};
use crate::domain::tracking_code::TrackingCode;
use crate::error::ApiError;
use crate::http::extract::QueryCheck;
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, vietnam_time};
use crate::service::Context;
use crate::service::petitions::queues::{self, AssigneeFilter, PetitionOrder, PetitionQuery};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    q: Option<String>,
    status: Option<String>,
    kind: Option<String>,
    category: Option<String>,
    admin_unit: Option<String>,
    assignee: Option<String>,
    overdue: Option<String>,
    due_before: Option<String>,
    sort: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
}

fn petition_query(params: &ListParams, mine_only: bool) -> Result<PetitionQuery, ApiError> {
    let mut check = QueryCheck::default();
    let query = PetitionQuery {
        text: check.optional("q", params.q.as_deref(), |t| {
            if t.chars().count() <= 200 && !crate::domain::text::has_forbidden_characters(t, false) {
                Ok(t.to_string())
            } else {
                Err("must be at most 200 characters")
            }
        }),
        status: check.optional("status", params.status.as_deref(), str::parse::<PetitionStatus>),
        kind: check.optional("kind", params.kind.as_deref(), str::parse::<PetitionKind>),
        category: check.optional("category", params.category.as_deref(), |t| {
            CategoryCode::parse(t).map_err(|_| "is not a category code")
        }),
        admin_unit: check.optional("admin_unit", params.admin_unit.as_deref(), AdminUnitCode::parse),
        assignee: check.optional("assignee", params.assignee.as_deref(), |t| match t {
            "me" => Ok(AssigneeFilter::Me),
            _ => UserId::parse(t).map(AssigneeFilter::User).map_err(|_| "must be me or a user id"),
        }),
        overdue: check
            .optional("overdue", params.overdue.as_deref(), |t| match t {
                "true" => Ok(true),
                "false" => Ok(false),
                _ => Err("must be true or false"),
            })
            .unwrap_or(false),
        due_before: check.date("due_before", params.due_before.as_deref()),
        order: check
            .optional("sort", params.sort.as_deref(), |t| match t {
                "filed" => Ok(PetitionOrder::Filed),
                "deadline" => Ok(PetitionOrder::Deadline),
                _ => Err("must be filed (newest first) or deadline (soonest first)"),
            })
            .unwrap_or(PetitionOrder::Filed),
        mine_only,
        size: check.page_size(params.limit.as_deref()),
        cursor: check.cursor(params.cursor.as_deref()),
    };
    check.finish()?;
    Ok(query)
}

/// Petitions by role: citizens their own, staff their agency's, monitors their unit's, administrators all.
pub async fn list_petitions(
    context: web::Data<Context>,
    signed_in: SignedIn,
    params: web::Query<ListParams>,
) -> Result<web::Json<ListResponse<PetitionSummary>>, ApiError> {
    list(&context, signed_in, &params, false).await
}

/// The signed-in user's own petitions, newest first.
pub async fn list_my_petitions(
    context: web::Data<Context>,
    signed_in: SignedIn,
    params: web::Query<ListParams>,
) -> Result<web::Json<ListResponse<PetitionSummary>>, ApiError> {
    list(&context, signed_in, &params, true).await
}

async fn list(
    context: &Context,
    signed_in: SignedIn,
    params: &ListParams,
    mine_only: bool,
) -> Result<web::Json<ListResponse<PetitionSummary>>, ApiError> {
    let query = petition_query(params, mine_only)?;
    let (actor, today) = (signed_in.actor().clone(), context.today());
    let page = context.run(move |c, _| queues::list(c, &actor, &query, today)).await?;
    Ok(web::Json(ListResponse::from_page(page, PetitionSummary::from)))
}

/// A line of a listing: enough to pick the petition, nothing about the petitioner.
#[derive(Debug, Serialize)]
pub struct PetitionSummary {
    id: PetitionId,
    tracking_code: TrackingCode,
    kind: PetitionKind,
    category: String,
    status: PetitionStatus,
    title: String,
    admin_unit_code: AdminUnitCode,
    assigned_agency_id: Option<AgencyId>,
    assignee_id: Option<UserId>,
    acceptance_due: Option<NaiveDate>,
    resolution_due: Option<NaiveDate>,
    /// The deadline running now (acceptance or resolution); null once none runs.
    next_due: Option<NaiveDate>,
    created_at: DateTime<FixedOffset>,
}

impl From<Petition> for PetitionSummary {
    fn from(p: Petition) -> Self {
        PetitionSummary {
            id: p.id,
            tracking_code: p.tracking_code,
            kind: p.kind,
            category: p.category.to_string(),
            status: p.status,
            title: p.title,
            admin_unit_code: p.admin_unit_code,
            assigned_agency_id: p.assigned_agency_id,
            assignee_id: p.assignee_id,
            acceptance_due: p.acceptance_due,
            resolution_due: p.resolution_due,
            next_due: p.clock.next_due,
            created_at: vietnam_time(p.created_at),
        }
    }
}
