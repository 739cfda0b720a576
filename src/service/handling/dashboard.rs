//! An agency's work at a glance: its petitions by status, what is overdue, what falls due this
//! week, and how long answers take.

use chrono::{Datelike, NaiveDate, TimeDelta};

use crate::db::petitions::{self, AgencyFigures};
use crate::db::{DbConnection, agencies};
use crate::domain::authorization::{self, Action, Actor};
use crate::domain::ids::AgencyId;
use crate::service::{ServiceError, ServiceResult};

#[derive(Debug, Clone)]
pub struct Dashboard {
    pub agency_id: AgencyId,
    pub as_of: NaiveDate,
    /// The last day of this week (Sunday): "due this week" counts running deadlines up to it.
    pub week_ends: NaiveDate,
    pub figures: AgencyFigures,
}

pub fn dashboard(
    connection: &mut DbConnection,
    actor: &Actor,
    agency_id: &AgencyId,
    today: NaiveDate,
) -> ServiceResult<Dashboard> {
    agencies::find(connection, agency_id)?
        .ok_or_else(|| ServiceError::NotFound(format!("no agency has the id {agency_id}")))?;
    authorization::authorize(actor, &Action::ReadAgencyDashboard { agency_id }).map_err(|_| ServiceError::Forbidden)?;
    let week_ends = today + TimeDelta::days(6 - i64::from(today.weekday().num_days_from_monday()));
    let figures = petitions::agency_figures(connection, agency_id, today, week_ends)?;
    Ok(Dashboard { agency_id: agency_id.clone(), as_of: today, week_ends, figures })
}
