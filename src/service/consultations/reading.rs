//! Reading consultations: the public listing (filtered, a page at a time) and page of one
//! published consultation with its visible comments and answers; the signed-in read, which shows
//! drafts to their agency and overseers; one agency's own listing, drafts included; and the
//! overseers' listing with overdue syntheses.

use chrono::NaiveDate;

use super::{ConsultationView, agency_path, missing, readable, rules};
use crate::db::DbConnection;
use crate::db::consultations::{self as stored, comments};
use crate::db::oversight::findings::FindingsOf;
use crate::domain::account::Role;
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::authorization::{self, Action, Actor};
use crate::domain::consultations::consultation::SYNTHESIS_DUE;
use crate::domain::consultations::{Consultation, ConsultationKind, ConsultationStatus};
use crate::domain::ids::{AgencyId, ConsultationId};
use crate::domain::pagination::{Cursor, PageSize};
use crate::service::page::Page;
use crate::service::reference::admin_units;
use crate::service::{ServiceError, ServiceResult};

#[derive(Debug, Clone, Default)]
pub struct PublicQuery {
    /// About this unit or one under it.
    pub admin_unit: Option<AdminUnitCode>,
    pub kind: Option<ConsultationKind>,
    pub status: Option<ConsultationStatus>,
    /// Words in the title or summary, in any case.
    pub q: Option<String>,
    pub size: PageSize,
    pub cursor: Option<Cursor>,
}

/// The sort key: the latest published first.
fn key_of(x: &Consultation) -> String {
    format!("{}|{}", x.published_at.map(|at| at.format("%Y-%m-%dT%H:%M:%S%.6f").to_string()).unwrap_or_default(), x.id)
}

/// The published consultations the query matches, the latest published first.
pub fn list(connection: &mut DbConnection, query: &PublicQuery, today: NaiveDate) -> ServiceResult<Page<Consultation>> {
    if query.status == Some(ConsultationStatus::Draft) {
        return Err(ServiceError::invalid("status", "drafts are not public"));
    }
    let under = match &query.admin_unit {
        Some(unit) => {
            let path = admin_units::path_of(connection, unit.as_str(), today)?
                .ok_or_else(|| ServiceError::invalid("admin_unit", "is not an administrative unit"))?;
            Some(stored::ids_under(connection, &path)?)
        }
        None => None,
    };
    let words = query.q.as_ref().map(|q| q.to_lowercase());
    let matching: Vec<Consultation> = stored::published(connection)?
        .into_iter()
        .filter(|x| under.as_ref().is_none_or(|ids| ids.contains(&x.id)))
        .filter(|x| query.kind.is_none_or(|kind| x.kind == kind))
        .filter(|x| query.status.is_none_or(|status| x.status(today) == status))
        .filter(|x| {
            words.as_ref().is_none_or(|w| x.title.to_lowercase().contains(w) || x.summary.to_lowercase().contains(w))
        })
        .collect();
    let total = matching.len() as i64;
    let after: Vec<Consultation> = match &query.cursor {
        Some(Cursor(last)) => matching.into_iter().filter(|x| key_of(x) < *last).collect(),
        None => matching,
    };
    let rows: Vec<Consultation> = after.into_iter().take(query.size.get() as usize + 1).collect();
    Ok(Page::from_rows(rows, query.size, total, key_of))
}

/// What an agency's own listing asks for: the agency (the staff's own when not given), a status.
#[derive(Debug, Clone, Default)]
pub struct AgencyQuery {
    pub agency_id: Option<AgencyId>,
    pub status: Option<ConsultationStatus>,
    pub size: PageSize,
    pub cursor: Option<Cursor>,
}

/// The sort key of an agency's listing: the latest created first (drafts have no publishing day).
fn created_key(x: &Consultation) -> String {
    format!("{}|{}", x.created_at.format("%Y-%m-%dT%H:%M:%S%.6f"), x.id)
}

/// One agency's consultations, drafts included, the latest created first: for its staff, the
/// monitors and inspectors whose scope includes it, and administrators.
pub fn of_agency(
    connection: &mut DbConnection,
    actor: &Actor,
    query: &AgencyQuery,
    today: NaiveDate,
) -> ServiceResult<Page<Consultation>> {
    let agency_id = match (&query.agency_id, &actor.agency_id) {
        (Some(agency), _) => agency.clone(),
        (None, Some(own)) if matches!(actor.role, Role::Head | Role::Officer) => own.clone(),
        _ => return Err(ServiceError::invalid("agency_id", "is required")),
    };
    if crate::db::agencies::find(connection, &agency_id)?.is_none() {
        return Err(ServiceError::invalid("agency_id", "is not an agency"));
    }
    let unit_path = agency_path(connection, &agency_id, today)?;
    authorization::authorize(actor, &Action::ReadConsultation { agency_id: &agency_id, unit_path: &unit_path })
        .map_err(|_| ServiceError::Forbidden)?;
    let matching: Vec<Consultation> = stored::of_agency(connection, &agency_id)?
        .into_iter()
        .filter(|x| query.status.is_none_or(|status| x.status(today) == status))
        .collect();
    let total = matching.len() as i64;
    let after: Vec<Consultation> = match &query.cursor {
        Some(Cursor(last)) => matching.into_iter().filter(|x| created_key(x) < *last).collect(),
        None => matching,
    };
    let rows: Vec<Consultation> = after.into_iter().take(query.size.get() as usize + 1).collect();
    Ok(Page::from_rows(rows, query.size, total, created_key))
}

/// A published consultation with its visible comments and the answers; a draft is not found.
pub fn public(connection: &mut DbConnection, id: &ConsultationId) -> ServiceResult<ConsultationView> {
    let x = stored::find(connection, id)?.filter(Consultation::is_published).ok_or_else(|| missing(id))?;
    view(connection, x)
}

/// The consultation as the signed-in `actor` may read it (a draft only for its agency and
/// overseers), with its visible comments and the answers.
pub fn find(
    connection: &mut DbConnection,
    actor: &Actor,
    id: &ConsultationId,
    today: NaiveDate,
) -> ServiceResult<ConsultationView> {
    let x = readable(connection, actor, id, today)?;
    view(connection, x)
}

pub(super) fn view(connection: &mut DbConnection, x: Consultation) -> ServiceResult<ConsultationView> {
    let comments = comments::of_consultation(connection, &x.id)?;
    let answers = comments::answers_of(connection, &x.id)?;
    let meetings = crate::db::consultations::meetings::of_consultation(connection, &x.id)?;
    let documents = crate::db::consultations::documents::of_consultation(connection, &x.id)?;
    Ok(ConsultationView { consultation: x, comments, answers, meetings, documents })
}

/// A consultation as overseers list it, with the days its synthesis is overdue and how many
/// findings monitors and inspectors recorded about it.
#[derive(Debug, Clone)]
pub struct Overseen {
    pub consultation: Consultation,
    pub synthesis_overdue_days: Option<i64>,
    pub findings: i64,
}

/// The published consultations of agencies in the actor's scope (every one for administrators),
/// only those whose synthesis is overdue when `overdue_only`; at most 500, the latest first.
pub fn overseen(
    connection: &mut DbConnection,
    actor: &Actor,
    overdue_only: bool,
    today: NaiveDate,
) -> ServiceResult<Vec<Overseen>> {
    if actor.role != Role::Admin && !actor.role.oversees() {
        return Err(ServiceError::Forbidden);
    }
    let due_days = rules::rule(connection, SYNTHESIS_DUE)?.days;
    let mut listed = Vec::new();
    for x in stored::published(connection)? {
        let unit_path = agency_path(connection, &x.agency_id, today)?;
        let action = Action::ReadConsultation { agency_id: &x.agency_id, unit_path: &unit_path };
        let in_scope =
            actor.role == Role::Admin || (actor.role.oversees() && authorization::authorize(actor, &action).is_ok());
        let overdue = x.synthesis_overdue_days(due_days, today);
        if in_scope && (!overdue_only || overdue.is_some()) && listed.len() < 500 {
            let findings = crate::db::oversight::findings::count(connection, FindingsOf::Consultation(&x.id))?;
            listed.push(Overseen { consultation: x, synthesis_overdue_days: overdue, findings });
        }
    }
    Ok(listed)
}
