//! Following petitions: the full view for those allowed to see it, the public view anyone can
//! check by tracking code, listings by role, withdrawal, and unsealing a confidential identity.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use serde_json::json;

use crate::db::agencies::{self, AgencyRow};
use crate::db::categories::{self, CategoryRow};
use crate::db::events::{self as event_rows, EventRow};
use crate::db::identities;
use crate::db::petitions::{self, PageStart, PetitionFilter, PetitionOrder, PetitionRow, PetitionScope};
use crate::db::{self, DbConnection, admin_units};
use crate::domain::account::Role;
use crate::domain::authorization::{self, Action, Actor};
use crate::domain::deadline::Round;
use crate::domain::pagination::{Cursor, PageSize};
use crate::domain::petition::{PetitionKind, PetitionStatus};
use crate::domain::search::fold;
use crate::domain::time::vietnam_date;
use crate::domain::tracking_code::TrackingCode;
use crate::domain::workflow::{self, WorkflowAction};
use crate::service::events::{self, TimelineEntry};
use crate::service::handling::{denied, facts, load};
use crate::service::page::Page;
use crate::service::petitions::petitioners::{self as kept, Identity};
use crate::service::{Context, ServiceError, ServiceResult, reference::calendar};

/// Deadlines as people read them: the last day, whether it was met, how many working days are left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub due: NaiveDate,
    /// None while still open; Some(true) when done in time, Some(false) when done late.
    pub met: Option<bool>,
    pub overdue: bool,
    /// Working days from today to the last day (negative once passed); None once done.
    pub working_days_left: Option<i64>,
}

/// What the reader may know of the petitioner.
#[derive(Debug, Clone)]
pub enum PetitionerView {
    /// Nobody is named.
    Anonymous,
    /// Named, and the reader may see who.
    Named(Identity),
    /// Confidential: the reader sees a pseudonym (reception officers may unseal it, with a reason).
    Pseudonym { pseudonym: String, unsealable: bool },
    /// Kept offline: only the agency's register reference is online.
    Offline { pseudonym: String, register_reference: Option<String> },
}

#[derive(Debug, Clone)]
pub struct PetitionView {
    pub petition: PetitionRow,
    pub category: Option<CategoryRow>,
    pub unit_name: Option<String>,
    pub agency: Option<AgencyRow>,
    pub acceptance: Option<Deadline>,
    pub resolution: Option<Deadline>,
    pub timeline: Vec<EventRow>,
    pub petitioner: PetitionerView,
    pub related: Related,
    /// The workflow steps the reader may take now; empty on the public view.
    pub allowed_actions: Vec<WorkflowAction>,
}

/// The deadline for a step that is done once `done_at` is set.
fn deadline(
    connection: &mut DbConnection,
    due: Option<NaiveDate>,
    done_on: Option<NaiveDate>,
    today: NaiveDate,
) -> ServiceResult<Option<Deadline>> {
    let Some(due) = due else { return Ok(None) };
    Ok(Some(match done_on {
        Some(done) => Deadline { due, met: Some(done <= due), overdue: false, working_days_left: None },
        None => {
            let (first, last) = if today <= due { (today, due) } else { (due, today) };
            let calendar = calendar::working_calendar(connection, first, last + TimeDelta::days(1))?;
            Deadline {
                due,
                met: None,
                overdue: today > due,
                working_days_left: Some(calendar.working_days_remaining(today, due)),
            }
        }
    }))
}

/// The acceptance step is done when the petition was accepted, or otherwise left the agency's
/// intake (refused, merged, withdrawn: the day of that change).
fn acceptance_done_on(petition: &PetitionRow) -> Option<NaiveDate> {
    let waiting = [PetitionStatus::Received.as_str(), PetitionStatus::Transferred.as_str()];
    match petition.accepted_at {
        Some(at) => Some(vietnam_date(at)),
        None if !waiting.contains(&petition.status.as_str()) => Some(vietnam_date(petition.updated_at)),
        None => None,
    }
}

/// The resolution step is done when the petition was resolved, or left the agency's hands.
fn resolution_done_on(petition: &PetitionRow) -> Option<NaiveDate> {
    match petition.resolved_at {
        Some(at) => Some(vietnam_date(at)),
        None if petition.next_due.is_none() => Some(vietnam_date(petition.updated_at)),
        None => None,
    }
}

fn assemble(
    connection: &mut DbConnection,
    petition: PetitionRow,
    public_only: bool,
    petitioner: PetitionerView,
    today: NaiveDate,
) -> ServiceResult<PetitionView> {
    let category = categories::find(connection, &petition.category_code)?;
    let unit_name =
        admin_units::find_valid_on(connection, &petition.admin_unit_code, vietnam_date(petition.received_at))?
            .map(|unit| unit.name);
    let agency = match &petition.assigned_agency_id {
        Some(id) => agencies::find(connection, id)?,
        None => None,
    };
    let acceptance = deadline(connection, petition.acceptance_due, acceptance_done_on(&petition), today)?;
    let resolution = deadline(connection, petition.resolution_due, resolution_done_on(&petition), today)?;
    let timeline = event_rows::timeline(connection, &petition.id, public_only)?;
    Ok(PetitionView {
        petition,
        category,
        unit_name,
        agency,
        acceptance,
        resolution,
        timeline,
        petitioner,
        // The full view fills these in; the public page shows neither.
        related: Related::default(),
        allowed_actions: Vec::new(),
    })
}

/// (id, tracking code) of a petition.
pub type PetitionLink = (String, String);

/// The petitions this one points to, and the one pointing back (an appeal against it).
#[derive(Debug, Clone, Default)]
pub struct Related {
    pub merged_into: Option<PetitionLink>,
    pub appeal_of: Option<PetitionLink>,
    pub appealed_by: Option<PetitionLink>,
    pub competent_agency: Option<AgencyRow>,
}

fn related(connection: &mut DbConnection, petition: &PetitionRow) -> ServiceResult<Related> {
    let mut link = |id: &Option<String>| -> ServiceResult<Option<PetitionLink>> {
        Ok(match id {
            Some(id) => petitions::find(connection, id)?.map(|p| (p.id, p.tracking_code)),
            None => None,
        })
    };
    let merged_into = link(&petition.merged_into_id)?;
    let appeal_of = link(&petition.appeal_of_id)?;
    // Only a first-time complaint can be appealed: nothing else needs the query.
    let appealable = petition.kind == PetitionKind::Complaint.as_str() && petition.round == Round::First.as_str();
    let appealed_by = match appealable {
        true => petitions::appeal_of(connection, &petition.id)?.map(|p| (p.id, p.tracking_code)),
        false => None,
    };
    let competent_agency = match &petition.competent_agency_id {
        Some(id) => agencies::find(connection, id)?,
        None => None,
    };
    Ok(Related { merged_into, appeal_of, appealed_by, competent_agency })
}

/// What `actor` may know of the petitioner.
fn petitioner_view(
    connection: &mut DbConnection,
    context: &Context,
    petition: &PetitionRow,
    actor: &Actor,
) -> ServiceResult<PetitionerView> {
    let Some(row) = identities::find(connection, &petition.id)? else { return Ok(PetitionerView::Anonymous) };
    let is_petitioner = petition.petitioner_id.as_deref() == Some(actor.user_id.as_str());
    let unsealable = authorization::authorize(actor, &Action::UnsealIdentity(facts(petition))).is_ok();
    Ok(match row.storage.as_str() {
        "anonymous" => PetitionerView::Anonymous,
        "offline" => PetitionerView::Offline {
            pseudonym: row.pseudonym.clone(),
            register_reference: unsealable.then(|| row.offline_reference.clone()).flatten(),
        },
        "sealed" if is_petitioner => {
            kept::open(context, &row)?.map_or(PetitionerView::Anonymous, PetitionerView::Named)
        }
        "sealed" => PetitionerView::Pseudonym { pseudonym: row.pseudonym.clone(), unsealable },
        _ => kept::open(context, &row)?.map_or(PetitionerView::Anonymous, PetitionerView::Named),
    })
}

/// The full petition for someone allowed to read it; 404 for anyone else.
pub fn find_for(
    connection: &mut DbConnection,
    context: &Context,
    id: &str,
    actor: &Actor,
) -> ServiceResult<PetitionView> {
    let petition = load(connection, id)?;
    authorization::authorize(actor, &Action::ReadPetition(facts(&petition))).map_err(|d| denied(d, id))?;
    view_for(connection, context, petition, actor)
}

/// The petition as it stands right after `actor` took a step on it, even when the step put it
/// out of their reach (a transfer to another agency): they were allowed to act on it just now.
pub fn view_after_step(
    connection: &mut DbConnection,
    context: &Context,
    id: &str,
    actor: &Actor,
) -> ServiceResult<PetitionView> {
    let petition = load(connection, id)?;
    view_for(connection, context, petition, actor)
}

fn view_for(
    connection: &mut DbConnection,
    context: &Context,
    petition: PetitionRow,
    actor: &Actor,
) -> ServiceResult<PetitionView> {
    let petitioner = petitioner_view(connection, context, &petition, actor)?;
    // The petitioner reads what the public reads of the handling; staff read everything.
    let public_only = actor.role == Role::Citizen;
    let allowed_actions = match petition.status.parse() {
        Ok(status) => workflow::open_actions(status, actor.role, facts(&petition).standing_of(actor)),
        Err(_) => Vec::new(),
    };
    let related = related(connection, &petition)?;
    let view = assemble(connection, petition, public_only, petitioner, context.clock.today_in_vietnam())?;
    Ok(PetitionView { allowed_actions, related, ..view })
}

/// The public status page: by tracking code, for anyone. A mistyped code (its check symbol fails)
/// is answered exactly like an unknown one.
pub fn find_public(connection: &mut DbConnection, context: &Context, code: &str) -> ServiceResult<PetitionView> {
    let not_found = || ServiceError::NotFound("no petition has this tracking code".into());
    let code = TrackingCode::parse(code).ok_or_else(not_found)?;
    let petition = petitions::find_by_tracking_code(connection, code.as_str())?.ok_or_else(not_found)?;
    assemble(connection, petition, true, PetitionerView::Anonymous, context.clock.today_in_vietnam())
}

/// Who a queue is filtered to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssigneeFilter {
    Me,
    User(String),
}

#[derive(Debug, Clone)]
pub struct PetitionQuery {
    pub text: Option<String>,
    pub status: Option<String>,
    pub kind: Option<String>,
    pub category: Option<String>,
    pub admin_unit: Option<String>,
    pub assignee: Option<AssigneeFilter>,
    pub overdue: bool,
    pub due_before: Option<NaiveDate>,
    pub order: PetitionOrder,
    pub mine_only: bool,
    pub size: PageSize,
    pub cursor: Option<Cursor>,
}

/// Petitions the actor may see, newest first: citizens their own, staff their agency's,
/// monitors those in their unit, administrators all.
pub fn list(
    connection: &mut DbConnection,
    actor: &Actor,
    query: &PetitionQuery,
    today: NaiveDate,
) -> ServiceResult<Page<PetitionRow>> {
    let scope = if query.mine_only || actor.role == Role::Citizen {
        PetitionScope::Petitioner(actor.user_id.clone())
    } else {
        match actor.role {
            Role::Officer | Role::Head => PetitionScope::Agency(actor.agency_id.clone().unwrap_or_default()),
            Role::Monitor => match &actor.scope_admin_unit {
                Some(unit) => {
                    let path = crate::service::reference::admin_units::path_of(connection, unit, today)?
                        .unwrap_or_else(|| format!("{unit}/"));
                    PetitionScope::UnitPath(path)
                }
                None => PetitionScope::Petitioner(actor.user_id.clone()),
            },
            Role::Admin => PetitionScope::All,
            Role::Citizen => PetitionScope::Petitioner(actor.user_id.clone()),
        }
    };
    let words = query
        .text
        .as_deref()
        .map(fold)
        .unwrap_or_default()
        .split(' ')
        .filter(|w| !w.is_empty())
        .take(8)
        .map(String::from)
        .collect();
    let unit_path = match &query.admin_unit {
        // A unit unknown today matches nothing rather than everything.
        Some(unit) => Some(
            crate::service::reference::admin_units::path_of(connection, unit, today)?
                .unwrap_or_else(|| format!("{unit}/")),
        ),
        None => None,
    };
    let filter = PetitionFilter {
        scope,
        words,
        status: query.status.clone(),
        kind: query.kind.clone(),
        category: query.category.clone(),
        unit_path,
        assignee_id: query.assignee.as_ref().map(|a| match a {
            AssigneeFilter::Me => actor.user_id.clone(),
            AssigneeFilter::User(id) => id.clone(),
        }),
        overdue_on: query.overdue.then_some(today),
        // "Due before" a day: the last day of the deadline falls before it.
        due_by: query.due_before.map(|day| day - TimeDelta::days(1)),
        order: query.order,
    };
    let after = match &query.cursor {
        Some(cursor) => Some(page_start(&cursor.0, query.order)?),
        None => None,
    };
    let (rows, total) = petitions::page(connection, &filter, after, query.size.get() + 1)?;
    Ok(Page::from_rows(rows, query.size, total, |row| match query.order {
        PetitionOrder::Filed => format!("f|{}|{}", row.created_at.format("%Y-%m-%dT%H:%M:%S%.f"), row.id),
        PetitionOrder::Deadline => {
            format!("d|{}|{}", row.next_due.map(|d| d.to_string()).unwrap_or_default(), row.id)
        }
    }))
}

/// Reads back a cursor this API gave out for the same order.
fn page_start(cursor: &str, order: PetitionOrder) -> ServiceResult<PageStart> {
    let invalid = || ServiceError::invalid("cursor", "is not a cursor this API gave out for this sort");
    let mut parts = cursor.splitn(3, '|');
    let (Some(tag), Some(key), Some(id)) = (parts.next(), parts.next(), parts.next()) else { return Err(invalid()) };
    match (tag, order) {
        ("f", PetitionOrder::Filed) => Ok(PageStart::Filed(
            NaiveDateTime::parse_from_str(key, "%Y-%m-%dT%H:%M:%S%.f").map_err(|_| invalid())?,
            id.to_string(),
        )),
        ("d", PetitionOrder::Deadline) => {
            Ok(PageStart::Deadline(key.parse::<NaiveDate>().map_err(|_| invalid())?, id.to_string()))
        }
        _ => Err(invalid()),
    }
}

/// A reception officer of the handling agency sees a confidential identity; who and why is
/// recorded in the petition's internal history first.
pub fn unseal(
    connection: &mut DbConnection,
    context: &Context,
    id: &str,
    actor: &Actor,
    reason: &str,
) -> ServiceResult<PetitionerView> {
    let now = context.now();
    db::transaction(connection, |c| {
        let petition = load(c, id)?;
        authorization::authorize(actor, &Action::UnsealIdentity(facts(&petition))).map_err(|d| denied(d, id))?;
        let row =
            identities::find(c, id)?.ok_or_else(|| ServiceError::NotFound("this petition names nobody".into()))?;
        events::record_on_petition(
            c,
            id,
            TimelineEntry {
                actor_id: Some(&actor.user_id),
                kind: "petition.identity_unsealed",
                public: false,
                note: None,
                data: json!({ "reason": reason }),
            },
            now,
        )?;
        Ok(match row.storage.as_str() {
            "offline" => PetitionerView::Offline {
                pseudonym: row.pseudonym.clone(),
                register_reference: row.offline_reference.clone(),
            },
            _ => kept::open(context, &row)?.map_or(PetitionerView::Anonymous, PetitionerView::Named),
        })
    })
}
