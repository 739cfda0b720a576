//! The reporting periods' days as administrators read and change them; each change an event.

use chrono::NaiveDateTime;
use serde_json::json;

use crate::db::reports::periods;
use crate::db::{self, DbConnection};
use crate::domain::FieldError;
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::UserId;
use crate::domain::reports::periods::{BoundsError, PeriodBounds, PeriodKind, every_year};
use crate::domain::text::reference_text;
use crate::service::{ServiceError, ServiceResult, events};

pub fn list(connection: &mut DbConnection) -> ServiceResult<Vec<PeriodBounds>> {
    Ok(periods::all(connection)?)
}

/// The days of a kind of report (every deployment has both, installed by its migration).
pub fn bounds(connection: &mut DbConnection, kind: PeriodKind) -> ServiceResult<PeriodBounds> {
    periods::find(connection, kind)?
        .ok_or_else(|| ServiceError::Internal(anyhow::anyhow!("the reporting period {kind} is missing")))
}

/// New days for a kind of report, as an administrator sends them.
#[derive(Debug, Clone)]
pub struct NewBounds {
    pub starts: (u32, u32),
    pub starts_previous_year: bool,
    pub ends: (u32, u32),
    pub basis: String,
}

pub fn replace(
    connection: &mut DbConnection,
    admin: &UserId,
    period: &str,
    new: NewBounds,
    now: NaiveDateTime,
) -> ServiceResult<PeriodBounds> {
    let kind: PeriodKind =
        period.parse().map_err(|_| ServiceError::NotFound(format!("no reporting period is named {period:?}")))?;
    let mut errors = Vec::<FieldError>::new();
    for (field, day) in [("starts", new.starts), ("ends", new.ends)] {
        if every_year(field, day).is_err() {
            errors.push(FieldError::new(field, "must be a month and day that every year has (not 29 February)"));
        }
    }
    let basis = reference_text(&mut errors, "basis", &new.basis, 1_000, false);
    ServiceError::unless_valid(errors)?;
    let bounds = PeriodBounds {
        kind,
        starts: new.starts,
        starts_previous_year: new.starts_previous_year,
        ends: new.ends,
        basis,
        changed_by: Some(admin.clone()),
        updated_at: now,
    };
    if let Err(BoundsError::Span | BoundsError::NotEveryYear(_)) = bounds.check() {
        return Err(ServiceError::invalid("ends", "the period must end after it starts and last at most a year"));
    }
    db::transaction(connection, |c| {
        periods::replace(c, &bounds)?;
        let data = json!({
            "starts": format!("{:02}-{:02}", bounds.starts.0, bounds.starts.1),
            "starts_previous_year": bounds.starts_previous_year,
            "ends": format!("{:02}-{:02}", bounds.ends.0, bounds.ends.1),
        });
        events::record(c, Some(admin), EventKind::ReportPeriodChanged, Subject::ReportPeriod(kind), data, now)?;
        Ok(bounds)
    })
}
