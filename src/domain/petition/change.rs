//! A change to a stored petition, as a workflow step, the deadline sweep or a reorganisation
//! writes it: a field left `None` is not touched; `Some(None)` clears it.

use chrono::{NaiveDate, NaiveDateTime};

use super::{Decision, Petition, PetitionStatus, RatingGiven, Refusal};
use crate::domain::admin_unit::{AdminUnitCode, UnitPath};
use crate::domain::deadline::{Complexity, DeadlineClock};
use crate::domain::ids::{AgencyId, PetitionId, UserId};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PetitionChange {
    pub status: Option<PetitionStatus>,
    pub assigned_agency_id: Option<Option<AgencyId>>,
    /// The unit (and its path) after a reorganisation merged the old one.
    pub admin_unit: Option<(AdminUnitCode, UnitPath)>,
    pub assignee_id: Option<Option<UserId>>,
    pub acceptance_due: Option<Option<NaiveDate>>,
    pub resolution_due: Option<Option<NaiveDate>>,
    pub resolution_period_end: Option<Option<NaiveDate>>,
    pub complexity: Option<Option<Complexity>>,
    pub remote_area: Option<bool>,
    pub accepted_at: Option<Option<NaiveDateTime>>,
    pub extensions_used: Option<i32>,
    pub refusal: Option<Option<Refusal>>,
    pub decision: Option<Option<Decision>>,
    pub closed_at: Option<Option<NaiveDateTime>>,
    pub rating: Option<Option<RatingGiven>>,
    pub merged_into_id: Option<Option<PetitionId>>,
    pub routing_basis: Option<Option<String>>,
    pub reached_agency_at: Option<NaiveDateTime>,
    pub suspended_at: Option<Option<NaiveDateTime>>,
    pub clock: Option<DeadlineClock>,
}

impl PetitionChange {
    /// The petition as it will read once the change is stored at `now` (its version moved on).
    pub fn applied_to(&self, before: &Petition, now: NaiveDateTime) -> Petition {
        fn set<T: Clone>(field: &mut T, value: &Option<T>) {
            if let Some(value) = value {
                *field = value.clone();
            }
        }
        let mut after = before.clone();
        set(&mut after.status, &self.status);
        set(&mut after.assigned_agency_id, &self.assigned_agency_id);
        if let Some((code, path)) = &self.admin_unit {
            after.admin_unit_code = code.clone();
            after.unit_path = path.clone();
        }
        set(&mut after.assignee_id, &self.assignee_id);
        set(&mut after.acceptance_due, &self.acceptance_due);
        set(&mut after.resolution_due, &self.resolution_due);
        set(&mut after.resolution_period_end, &self.resolution_period_end);
        set(&mut after.complexity, &self.complexity);
        set(&mut after.remote_area, &self.remote_area);
        set(&mut after.accepted_at, &self.accepted_at);
        set(&mut after.extensions_used, &self.extensions_used);
        set(&mut after.refusal, &self.refusal);
        set(&mut after.decision, &self.decision);
        set(&mut after.closed_at, &self.closed_at);
        set(&mut after.rating, &self.rating);
        set(&mut after.merged_into_id, &self.merged_into_id);
        set(&mut after.routing_basis, &self.routing_basis);
        set(&mut after.reached_agency_at, &self.reached_agency_at);
        set(&mut after.suspended_at, &self.suspended_at);
        set(&mut after.clock, &self.clock);
        after.version = before.version + 1;
        after.updated_at = now;
        after
    }
}
