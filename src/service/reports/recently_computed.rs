//! Public figures as last computed for each query, served for up to
//! `PAKN_PUBLIC_STATS_MAX_AGE_SECONDS` (a minute by default): the statistics are sums over a year
//! of petitions and a public list's total a count of all that match, and a page thousands read at
//! once should not recount them for every reader — nor take longer as the petitions grow.
//!
//! Each process keeps its own: two processes behind a balancer may differ by that age, never more.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::service::ServiceResult;

/// Beyond this many queries kept, the expired ones go, and if none had, all of them: a client
/// asking for every period in turn must not grow the process.
const MOST_QUERIES: usize = 1_000;

pub struct RecentlyComputed<K, V> {
    /// By query and the day it was asked on (overdue figures count from today).
    computed: Mutex<HashMap<(K, NaiveDate), (Instant, V)>>,
}

impl<K, V> Default for RecentlyComputed<K, V> {
    fn default() -> Self {
        RecentlyComputed { computed: Mutex::new(HashMap::new()) }
    }
}

impl<K: Eq + Hash + Clone, V: Clone> RecentlyComputed<K, V> {
    /// The value for `query` computed less than `max_age` ago, or `compute`d now and kept.
    pub fn get_or_compute(
        &self,
        query: &K,
        today: NaiveDate,
        max_age: Duration,
        compute: impl FnOnce() -> ServiceResult<V>,
    ) -> ServiceResult<V> {
        let key = (query.clone(), today);
        if let Some((at, value)) = self.lock().get(&key)
            && at.elapsed() < max_age
        {
            return Ok(value.clone());
        }
        let value = compute()?;
        if !max_age.is_zero() {
            let mut computed = self.lock();
            if computed.len() >= MOST_QUERIES {
                computed.retain(|_, (at, _)| at.elapsed() < max_age);
                if computed.len() >= MOST_QUERIES {
                    computed.clear();
                }
            }
            computed.insert(key, (Instant::now(), value.clone()));
        }
        Ok(value)
    }

    /// Never held across a computation; a panic while holding it leaves a map that is still whole.
    fn lock(&self) -> MutexGuard<'_, HashMap<(K, NaiveDate), (Instant, V)>> {
        self.computed.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
