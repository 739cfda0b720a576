//! The reference data every petition view reads — categories, administrative units, agencies, the
//! working calendar and the deadline rules in force — kept in memory, so that the public status
//! page costs the petition's own reads and not a dozen more; and the routing rules in force, which
//! every filing reads.
//!
//! Freshness: triggers bump `reference_version` in every change's own transaction, whoever makes
//! it. A process compares its copy with that number at most once a `RECHECK`, and at once after
//! its own administrators' edits (`changed`), so an edit shows here immediately and in another
//! pakn process on the same database within a second.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::{calendar, deadline_rules};
use crate::db::{DbConnection, admin_units, agencies, categories, reference_version, routing_rules};
use crate::domain::admin_unit::{AdminUnit, AdminUnitCode, UnitArea, UnitPath};
use crate::domain::agency::Agency;
use crate::domain::calendar::WorkingCalendar;
use crate::domain::category::{Category, CategoryCode};
use crate::domain::deadline::{DeadlineRule, Round};
use crate::domain::ids::AgencyId;
use crate::domain::petition::PetitionKind;
use crate::domain::routing::RoutingRule;
use crate::service::{ServiceError, ServiceResult};

/// How long a copy is served before the database's version is read again.
const RECHECK: Duration = Duration::from_secs(1);

/// The whole span of days a working calendar is loaded for: every year the API accepts.
const CALENDAR_SPAN: (i32, i32) = (*calendar::YEARS.start(), *calendar::YEARS.end());

#[derive(Default)]
pub struct ReferenceCache {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Bumped whenever the copy is dropped: a value read from the database before the drop is
    /// not kept after it.
    generation: u64,
    /// The database's version the copy was last found to match, and when.
    version: Option<i64>,
    checked_at: Option<Instant>,
    categories: HashMap<CategoryCode, Option<Category>>,
    /// Every version of a unit's code, oldest first, to pick the one valid on a day.
    units: HashMap<String, Vec<AdminUnit>>,
    /// Whether any unit ever lay under a code (`admin_units::has_units_under`).
    units_under: HashMap<String, bool>,
    agencies: HashMap<AgencyId, Option<Agency>>,
    agencies_by_code: HashMap<String, Option<Agency>>,
    rules: HashMap<(PetitionKind, Round), DeadlineRule>,
    calendar: Option<Arc<WorkingCalendar>>,
    /// The routing rules in force on one day (the newest asked for).
    routing: Option<(NaiveDate, Arc<Vec<RoutingRule>>)>,
}

impl State {
    fn drop_copy(&mut self) {
        let generation = self.generation + 1;
        *self = State { generation, ..State::default() };
    }
}

impl ReferenceCache {
    /// This process changed reference data: its copy is dropped now, not a second later.
    pub fn changed(&self) {
        self.lock().drop_copy();
    }

    pub fn category(&self, connection: &mut DbConnection, code: &CategoryCode) -> ServiceResult<Option<Category>> {
        self.cached(connection, |s| &mut s.categories, code, |c| Ok(categories::find(c, code)?))
    }

    pub fn agency(&self, connection: &mut DbConnection, id: &AgencyId) -> ServiceResult<Option<Agency>> {
        self.cached(connection, |s| &mut s.agencies, id, |c| Ok(agencies::find(c, id)?))
    }

    /// The agency with `code` (as the triage office is configured).
    pub fn agency_by_code(&self, connection: &mut DbConnection, code: &str) -> ServiceResult<Option<Agency>> {
        self.cached(
            connection,
            |s| &mut s.agencies_by_code,
            &code.to_string(),
            |c| Ok(agencies::find_by_code(c, code)?),
        )
    }

    /// The version of a unit's code valid on `day`.
    pub fn unit_on(
        &self,
        connection: &mut DbConnection,
        code: &AdminUnitCode,
        day: NaiveDate,
    ) -> ServiceResult<Option<AdminUnit>> {
        let versions = self.unit_versions(connection, code.as_str())?;
        Ok(versions.into_iter().find(|unit| unit.validity.contains(day)))
    }

    /// The path from the root down to a unit as it stood on `day`, as `admin_units::path_of`
    /// finds it in the database.
    pub fn unit_path_on(
        &self,
        connection: &mut DbConnection,
        code: &AdminUnitCode,
        day: NaiveDate,
    ) -> ServiceResult<Option<UnitPath>> {
        super::admin_units::path_through(code.as_str(), day, |code| self.unit_versions(connection, code))
    }

    /// What a filter by a unit covers, as `admin_units::area_of` finds it in the database.
    pub fn unit_area_on(
        &self,
        connection: &mut DbConnection,
        code: &AdminUnitCode,
        day: NaiveDate,
    ) -> ServiceResult<UnitArea> {
        let path = self.unit_path_on(connection, code, day)?.unwrap_or_else(|| UnitPath::from_codes([code.as_str()]));
        let has_units_under = self.cached(
            connection,
            |s| &mut s.units_under,
            &code.to_string(),
            |c| Ok(admin_units::has_units_under(c, code.as_str())?),
        )?;
        Ok(UnitArea::of(path, has_units_under))
    }

    fn unit_versions(&self, connection: &mut DbConnection, code: &str) -> ServiceResult<Vec<AdminUnit>> {
        self.cached(connection, |s| &mut s.units, &code.to_string(), |c| Ok(admin_units::versions_of(c, code)?))
    }

    /// The deadline rule in force for a kind and round.
    pub fn deadline_rule(
        &self,
        connection: &mut DbConnection,
        kind: PetitionKind,
        round: Round,
    ) -> ServiceResult<DeadlineRule> {
        self.cached(connection, |s| &mut s.rules, &(kind, round), |c| deadline_rules::current(c, kind, round))
    }

    /// The working calendar over every year the API accepts, knowing which are announced.
    pub fn calendar(&self, connection: &mut DbConnection) -> ServiceResult<Arc<WorkingCalendar>> {
        let generation = self.fresh(connection)?;
        if let Some(calendar) = &self.lock().calendar {
            return Ok(Arc::clone(calendar));
        }
        let (first, last) = CALENDAR_SPAN;
        let (Some(first), Some(last)) = (NaiveDate::from_ymd_opt(first, 1, 1), NaiveDate::from_ymd_opt(last, 12, 31))
        else {
            return Err(ServiceError::Internal(anyhow::anyhow!(
                "the calendar's years {first}–{last} are not real years"
            )));
        };
        let loaded = Arc::new(calendar::working_calendar(connection, first, last)?);
        let mut state = self.lock();
        if state.generation == generation {
            state.calendar = Some(Arc::clone(&loaded));
        }
        Ok(loaded)
    }

    /// Every routing rule in force on `day`.
    pub fn routing_rules_on(
        &self,
        connection: &mut DbConnection,
        day: NaiveDate,
    ) -> ServiceResult<Arc<Vec<RoutingRule>>> {
        let generation = self.fresh(connection)?;
        if let Some((kept_day, rules)) = &self.lock().routing
            && *kept_day == day
        {
            return Ok(Arc::clone(rules));
        }
        let loaded: Arc<Vec<RoutingRule>> =
            Arc::new(routing_rules::valid_on(connection, day, None)?.into_iter().map(|record| record.rule).collect());
        let mut state = self.lock();
        if state.generation == generation {
            state.routing = Some((day, Arc::clone(&loaded)));
        }
        Ok(loaded)
    }

    /// The generation of this process's copy: it moves whenever the copy is dropped, so that
    /// what was made from the reference data (a rendered public page) is known to be stale.
    pub fn generation(&self, connection: &mut DbConnection) -> ServiceResult<u64> {
        self.fresh(connection)
    }

    /// The value kept under `key` in one of the maps, or `load`ed and kept — unless the copy was
    /// dropped meanwhile, when the value may predate the change that dropped it.
    fn cached<K, V>(
        &self,
        connection: &mut DbConnection,
        map: impl Fn(&mut State) -> &mut HashMap<K, V>,
        key: &K,
        load: impl FnOnce(&mut DbConnection) -> ServiceResult<V>,
    ) -> ServiceResult<V>
    where
        K: Eq + Hash + Clone,
        V: Clone,
    {
        let generation = self.fresh(connection)?;
        if let Some(value) = map(&mut self.lock()).get(key) {
            return Ok(value.clone());
        }
        let value = load(connection)?;
        let mut state = self.lock();
        if state.generation == generation {
            map(&mut state).insert(key.clone(), value.clone());
        }
        Ok(value)
    }

    /// Drops the copy when the database's version has moved since it was last read; returns the
    /// copy's generation.
    fn fresh(&self, connection: &mut DbConnection) -> ServiceResult<u64> {
        {
            let state = self.lock();
            if state.checked_at.is_some_and(|at| at.elapsed() < RECHECK) {
                return Ok(state.generation);
            }
        }
        let version = reference_version::current(connection)?;
        let mut state = self.lock();
        if state.version != Some(version) {
            state.drop_copy();
            state.version = Some(version);
        }
        state.checked_at = Some(Instant::now());
        Ok(state.generation)
    }

    /// The lock is never held across a database read; a panic while holding it leaves maps that
    /// are still whole, so a poisoned lock is taken as it is.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
