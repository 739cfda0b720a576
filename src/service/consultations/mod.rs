//! Public consultation: an agency drafts and publishes a plan, project, compensation plan or
//! policy draft for a window no shorter than its kind's rule, extends it with a notice; verified
//! citizens comment and support; the agency hides abuse with a reason, answers every comment and
//! publishes its synthesis; people following a unit hear of new ones; monitors see drafts, hidden
//! comments and overdue syntheses in their scope. Each change is an event in its transaction.

pub mod comments;
pub mod documents;
pub mod meetings;
mod notify;
pub mod publishing;
pub mod reading;
pub mod rules;
pub mod subscriptions;
pub mod sweep;
pub mod synthesis;

use chrono::NaiveDate;

use crate::db::{DbConnection, agencies};
use crate::domain::admin_unit::UnitPath;
use crate::domain::authorization::{self, Action, Actor};
use crate::domain::consultations::{Answer, Comment, Consultation, Document, Meeting};
use crate::domain::ids::{AgencyId, ConsultationId};
use crate::service::reference::admin_units;
use crate::service::{ServiceError, ServiceResult};

/// A consultation with its comments and the answers given, for the reader to shape.
#[derive(Debug, Clone)]
pub struct ConsultationView {
    pub consultation: Consultation,
    pub comments: Vec<Comment>,
    pub answers: Vec<Answer>,
    pub meetings: Vec<Meeting>,
    pub documents: Vec<Document>,
}

fn missing(id: &ConsultationId) -> ServiceError {
    ServiceError::NotFound(format!("no consultation has the id {id}"))
}

/// The path of the unit the agency serves, for the overseers' scope.
fn agency_path(c: &mut DbConnection, agency_id: &AgencyId, today: NaiveDate) -> ServiceResult<UnitPath> {
    let agency = agencies::find(c, agency_id)?
        .ok_or_else(|| ServiceError::Internal(anyhow::anyhow!("the agency {agency_id} is missing")))?;
    admin_units::path_or_unit(c, agency.admin_unit_code.as_str(), today)
}

/// Whether `actor` may see what only the agency and its overseers see: drafts, hidden comments.
fn may_read_internals(c: &mut DbConnection, actor: &Actor, x: &Consultation, today: NaiveDate) -> ServiceResult<bool> {
    let unit_path = agency_path(c, &x.agency_id, today)?;
    Ok(authorization::authorize(actor, &Action::ReadConsultation { agency_id: &x.agency_id, unit_path: &unit_path })
        .is_ok())
}

/// The consultation as `actor` may know it: a draft only for its agency and overseers (404 to
/// everyone else), a published one for anyone signed in.
pub(crate) fn readable(
    c: &mut DbConnection,
    actor: &Actor,
    id: &ConsultationId,
    today: NaiveDate,
) -> ServiceResult<Consultation> {
    let found = crate::db::consultations::find(c, id)?.ok_or_else(|| missing(id))?;
    if !found.is_published() && !may_read_internals(c, actor, &found, today)? {
        return Err(missing(id));
    }
    Ok(found)
}

/// The consultation, for a step only its agency's staff (and administrators) take: 404 when the
/// actor may not know it, 403 when they may read but not act.
pub(crate) fn managed(
    c: &mut DbConnection,
    actor: &Actor,
    id: &ConsultationId,
    today: NaiveDate,
) -> ServiceResult<Consultation> {
    let found = readable(c, actor, id, today)?;
    authorization::authorize(actor, &Action::ManageConsultation { agency_id: &found.agency_id })
        .map_err(|_| ServiceError::Forbidden)?;
    Ok(found)
}
