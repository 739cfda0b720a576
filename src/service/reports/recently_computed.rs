//! Public figures as last computed for each query, served for up to
//! `PAKN_PUBLIC_STATS_MAX_AGE_SECONDS` (a minute by default): the statistics are sums over a year
//! of petitions and a public list's total a count of all that match, and a page thousands read at
//! once should not recount them for every reader — nor take longer as the petitions grow.
//!
//! When a kept value expires, one reader computes it again while the others are served the kept
//! one: at a million petitions the statistics take seconds, and every reader recomputing them at
//! once held every connection (a p99 of 4.3 s in `benches/RESULTS.md`, 2026-12-01 07:37). A value
//! is thus at most `max_age` plus one computation old. Before a query has a value, one reader
//! computes it and the others wait for it (for at most `max_age`): after a start under load,
//! sixteen readers each counting a year of a million petitions held the pool's connections for
//! seconds.
//!
//! Each process keeps its own: two processes behind a balancer may differ by that age, never more.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::service::ServiceResult;

/// Beyond this many queries kept, the expired ones go, and if none had, all of them: a client
/// asking for every period in turn must not grow the process.
const MOST_QUERIES: usize = 1_000;

/// By query and the day it was asked on (overdue figures count from today).
type Key<K> = (K, NaiveDate);

pub struct RecentlyComputed<K, V> {
    state: Mutex<State<K, V>>,
    /// Woken whenever a computation ends, for the readers waiting on a first one.
    computed_one: Condvar,
}

struct State<K, V> {
    computed: HashMap<Key<K>, Kept<V>>,
    /// The queries with no value yet that a reader is computing, since when.
    first_since: HashMap<Key<K>, Instant>,
}

struct Kept<V> {
    value: V,
    at: Instant,
    /// When a reader began computing it again, if one is.
    refreshing_since: Option<Instant>,
}

impl<K, V> Default for RecentlyComputed<K, V> {
    fn default() -> Self {
        let state = State { computed: HashMap::new(), first_since: HashMap::new() };
        RecentlyComputed { state: Mutex::new(state), computed_one: Condvar::new() }
    }
}

impl<K: Eq + Hash + Clone, V: Clone> RecentlyComputed<K, V> {
    /// The value for `query` computed less than `max_age` ago, or `compute`d now and kept; while
    /// another reader computes it again, the value kept before; while another computes it for the
    /// first time, that reader's value once it has it. A computation that failed, or has run longer
    /// than `max_age`, is taken over by the next reader.
    pub fn get_or_compute(
        &self,
        query: &K,
        today: NaiveDate,
        max_age: Duration,
        compute: impl FnOnce() -> ServiceResult<V>,
    ) -> ServiceResult<V> {
        let key = (query.clone(), today);
        let mut state = self.lock();
        loop {
            if let Some(kept) = state.computed.get_mut(&key) {
                let refreshing = kept.refreshing_since.is_some_and(|since| since.elapsed() < max_age);
                if kept.at.elapsed() < max_age || refreshing {
                    return Ok(kept.value.clone());
                }
                kept.refreshing_since = Some(Instant::now());
                break;
            }
            match state.first_since.get(&key).map(Instant::elapsed) {
                // A waiting reader keeps its request's connection: the first count takes about as
                // long as each of them would have taken to count it again.
                Some(running) if running < max_age => {
                    let waited = self.computed_one.wait_timeout(state, max_age - running);
                    state = waited.unwrap_or_else(PoisonError::into_inner).0;
                }
                _ => {
                    if !max_age.is_zero() {
                        state.first_since.insert(key.clone(), Instant::now());
                    }
                    break;
                }
            }
        }
        drop(state);
        let computed = compute();
        let mut state = self.lock();
        state.first_since.remove(&key);
        let value = match computed {
            Ok(value) => value,
            Err(error) => {
                if let Some(kept) = state.computed.get_mut(&key) {
                    kept.refreshing_since = None;
                }
                self.computed_one.notify_all();
                return Err(error);
            }
        };
        if !max_age.is_zero() {
            if state.computed.len() >= MOST_QUERIES {
                state.computed.retain(|_, kept| kept.at.elapsed() < max_age);
                if state.computed.len() >= MOST_QUERIES {
                    state.computed.clear();
                }
            }
            state.computed.insert(key, Kept { value: value.clone(), at: Instant::now(), refreshing_since: None });
        }
        self.computed_one.notify_all();
        Ok(value)
    }

    /// The value for `query` computed less than `max_age` ago, if there is one: what
    /// [`get_or_compute`](Self::get_or_compute) would answer, found without a connection.
    pub fn fresh(&self, query: &K, today: NaiveDate, max_age: Duration) -> Option<V> {
        let state = self.lock();
        let kept = state.computed.get(&(query.clone(), today))?;
        (kept.at.elapsed() < max_age).then(|| kept.value.clone())
    }

    /// Never held across a computation; a panic while holding it leaves maps that are still whole.
    fn lock(&self) -> MutexGuard<'_, State<K, V>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use super::*;
    use crate::service::ServiceError;

    const DAY: NaiveDate = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a day");
    const AGE: Duration = Duration::from_millis(50);

    fn expired(kept: &RecentlyComputed<&'static str, u32>) {
        kept.get_or_compute(&"stats", DAY, AGE, || Ok(1)).expect("computed");
        std::thread::sleep(AGE * 2);
    }

    #[test]
    fn while_one_reader_computes_an_expired_value_again_the_others_are_served_the_kept_one() {
        let kept = RecentlyComputed::default();
        expired(&kept);
        let (started, computing) = mpsc::channel();
        let (finish, finishing) = mpsc::channel::<()>();
        let kept = &kept;
        std::thread::scope(|scope| {
            let refresher = scope.spawn(move || {
                kept.get_or_compute(&"stats", DAY, AGE, || {
                    started.send(()).expect("the test listens");
                    finishing.recv().expect("the test lets it finish");
                    Ok(2)
                })
            });
            computing.recv().expect("the refresh began");
            let meanwhile = kept.get_or_compute(&"stats", DAY, AGE, || panic!("a second reader recomputes"));
            assert_eq!(meanwhile.expect("the kept value"), 1);
            finish.send(()).expect("the refresher waits");
            assert_eq!(refresher.join().expect("no panic").expect("computed"), 2);
        });
        assert_eq!(kept.get_or_compute(&"stats", DAY, AGE, || panic!("fresh")).expect("kept"), 2);
    }

    #[test]
    fn a_refresh_that_failed_leaves_the_next_reader_to_try_again() {
        let kept = RecentlyComputed::default();
        expired(&kept);
        let failed = kept.get_or_compute(&"stats", DAY, AGE, || Err(ServiceError::invalid("x", "fails")));
        assert!(failed.is_err());
        assert_eq!(kept.get_or_compute(&"stats", DAY, AGE, || Ok(3)).expect("computed again"), 3);
    }

    #[test]
    fn a_value_is_found_without_computing_only_while_it_is_fresh() {
        let kept = RecentlyComputed::default();
        assert_eq!(kept.fresh(&"stats", DAY, AGE), None, "nothing computed yet");
        kept.get_or_compute(&"stats", DAY, AGE, || Ok(1)).expect("computed");
        assert_eq!(kept.fresh(&"stats", DAY, AGE), Some(1));
        assert_eq!(kept.fresh(&"other", DAY, AGE), None, "another query");
        std::thread::sleep(AGE);
        assert_eq!(kept.fresh(&"stats", DAY, AGE), None, "expired: computed again through get_or_compute");
    }

    #[test]
    fn a_new_day_is_computed_afresh() {
        let kept = RecentlyComputed::default();
        kept.get_or_compute(&"stats", DAY, AGE, || Ok(1)).expect("computed");
        let tomorrow = DAY.succ_opt().expect("a day");
        assert_eq!(kept.get_or_compute(&"stats", tomorrow, AGE, || Ok(2)).expect("computed"), 2);
    }

    #[test]
    fn before_a_query_has_a_value_one_reader_computes_it_and_the_others_wait_for_it() {
        let kept = RecentlyComputed::default();
        let (started, computing) = mpsc::channel();
        let (finish, finishing) = mpsc::channel::<()>();
        let long = Duration::from_secs(30);
        let kept = &kept;
        std::thread::scope(|scope| {
            let first = scope.spawn(move || {
                kept.get_or_compute(&"stats", DAY, long, || {
                    started.send(()).expect("the test listens");
                    finishing.recv().expect("the test lets it finish");
                    Ok(7)
                })
            });
            computing.recv().expect("the first computation began");
            let waiting =
                scope.spawn(|| kept.get_or_compute(&"stats", DAY, long, || panic!("a second reader computes")));
            std::thread::sleep(Duration::from_millis(50));
            assert!(!waiting.is_finished(), "the second reader waits");
            finish.send(()).expect("the first reader waits");
            assert_eq!(first.join().expect("no panic").expect("computed"), 7);
            assert_eq!(waiting.join().expect("no panic").expect("the first reader's value"), 7);
        });
    }
}
