//! The public statistics as last computed for each query, served for up to
//! `PAKN_PUBLIC_STATS_MAX_AGE_SECONDS` (a minute by default): the figures are sums over a year of
//! petitions, and a page thousands read at once should not recount them for every reader.
//!
//! Each process keeps its own: two processes behind a balancer may differ by that age, never more.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::statistics::{Statistics, StatisticsQuery};
use crate::service::ServiceResult;

/// Beyond this many queries kept, the expired ones go, and if none had, all of them: a client
/// asking for every period in turn must not grow the process.
const MOST_QUERIES: usize = 1_000;

#[derive(Default)]
pub struct PublishedStatistics {
    /// By query and the day it was asked on (overdue figures count from today).
    computed: Mutex<HashMap<(StatisticsQuery, NaiveDate), (Instant, Statistics)>>,
}

impl PublishedStatistics {
    /// The figures for `query` computed less than `max_age` ago, or `compute`d now and kept.
    pub fn get_or_compute(
        &self,
        query: &StatisticsQuery,
        today: NaiveDate,
        max_age: Duration,
        compute: impl FnOnce() -> ServiceResult<Statistics>,
    ) -> ServiceResult<Statistics> {
        let key = (query.clone(), today);
        if let Some((at, statistics)) = self.lock().get(&key)
            && at.elapsed() < max_age
        {
            return Ok(statistics.clone());
        }
        let statistics = compute()?;
        if !max_age.is_zero() {
            let mut computed = self.lock();
            if computed.len() >= MOST_QUERIES {
                computed.retain(|_, (at, _)| at.elapsed() < max_age);
                if computed.len() >= MOST_QUERIES {
                    computed.clear();
                }
            }
            computed.insert(key, (Instant::now(), statistics.clone()));
        }
        Ok(statistics)
    }

    /// Never held across a computation; a panic while holding it leaves a map that is still whole.
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(StatisticsQuery, NaiveDate), (Instant, Statistics)>> {
        self.computed.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
