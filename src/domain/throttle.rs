//! How repeated attempts are slowed: a number of free attempts within a window, then a wait
//! before each further attempt that doubles up to a ceiling. A fixed block is the case where the
//! first wait is already the longest.

use chrono::{NaiveDateTime, TimeDelta};

/// At most `free_attempts` within `window`; after that each attempt must wait, `first_wait`
/// for the first one past the limit, doubling each time up to `longest_wait`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub free_attempts: i32,
    pub window: TimeDelta,
    pub first_wait: TimeDelta,
    pub longest_wait: TimeDelta,
}

impl Limit {
    /// `free_attempts` within `window`, then nothing more for `block`.
    pub const fn blocking(free_attempts: i32, window: TimeDelta, block: TimeDelta) -> Self {
        Limit { free_attempts, window, first_wait: block, longest_wait: block }
    }

    /// The wait after the attempt numbered `attempt` (1-based) in the window, if it must wait.
    fn wait_after(&self, attempt: i32) -> Option<TimeDelta> {
        let past_limit = attempt - self.free_attempts;
        if past_limit < 0 {
            return None;
        }
        let doublings = u32::try_from(past_limit).unwrap_or(0).min(20);
        let wait = self.first_wait.checked_mul(1 << doublings).unwrap_or(self.longest_wait);
        Some(wait.min(self.longest_wait))
    }
}

/// The attempts counted under one key (an account, a client address, a recipient…).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counter {
    pub attempts: i32,
    pub window_started_at: NaiveDateTime,
    /// No attempt is admitted before this.
    pub wait_until: Option<NaiveDateTime>,
}

/// What became of one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// Go ahead; the counter to keep.
    Admitted(Counter),
    /// Too soon: come back in this long. The counter is unchanged.
    Refused { retry_after: TimeDelta },
}

impl Counter {
    pub fn fresh(now: NaiveDateTime) -> Self {
        Counter { attempts: 0, window_started_at: now, wait_until: None }
    }

    /// Counts one attempt at `now` under `limit`.
    pub fn attempt(&self, limit: &Limit, now: NaiveDateTime) -> Attempt {
        if let Some(until) = self.wait_until.filter(|until| *until > now) {
            return Attempt::Refused { retry_after: until - now };
        }
        let window_over = self.window_started_at + limit.window <= now;
        let (before, window_started_at) = if window_over { (0, now) } else { (self.attempts, self.window_started_at) };
        let attempts = before + 1;
        let wait_until = limit.wait_after(attempts).map(|wait| now + wait);
        Attempt::Admitted(Counter { attempts, window_started_at, wait_until })
    }

    /// Takes back one counted attempt (it turned out to be legitimate), lifting the wait when
    /// the count falls below the limit again.
    pub fn give_back(&self, limit: &Limit) -> Counter {
        let attempts = (self.attempts - 1).max(0);
        let wait_until = if attempts < limit.free_attempts { None } else { self.wait_until };
        Counter { attempts, window_started_at: self.window_started_at, wait_until }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> NaiveDateTime {
        chrono::DateTime::from_timestamp(1_800_000_000 + seconds, 0).unwrap().naive_utc()
    }

    const GROWING: Limit = Limit {
        free_attempts: 3,
        window: TimeDelta::minutes(15),
        first_wait: TimeDelta::seconds(30),
        longest_wait: TimeDelta::minutes(2),
    };

    fn admitted(attempt: Attempt) -> Counter {
        match attempt {
            Attempt::Admitted(counter) => counter,
            Attempt::Refused { retry_after } => panic!("refused for {retry_after}"),
        }
    }

    #[test]
    fn the_free_attempts_pass_and_the_last_of_them_starts_the_wait() {
        let mut counter = Counter::fresh(at(0));
        for _ in 0..2 {
            counter = admitted(counter.attempt(&GROWING, at(0)));
            assert_eq!(counter.wait_until, None);
        }
        counter = admitted(counter.attempt(&GROWING, at(0)));
        assert_eq!(counter.wait_until, Some(at(30)));
        assert_eq!(counter.attempt(&GROWING, at(10)), Attempt::Refused { retry_after: TimeDelta::seconds(20) });
    }

    #[test]
    fn each_attempt_past_the_limit_doubles_the_wait_up_to_the_longest() {
        let mut counter = Counter { attempts: 3, window_started_at: at(0), wait_until: Some(at(30)) };
        let mut now = 30;
        for expected in [60, 120, 120] {
            counter = admitted(counter.attempt(&GROWING, at(now)));
            assert_eq!(counter.wait_until, Some(at(now + expected)));
            now += expected;
        }
    }

    #[test]
    fn a_refused_attempt_is_not_counted() {
        let counter = Counter { attempts: 3, window_started_at: at(0), wait_until: Some(at(30)) };
        assert!(matches!(counter.attempt(&GROWING, at(5)), Attempt::Refused { .. }));
        assert_eq!(admitted(counter.attempt(&GROWING, at(30))).attempts, 4);
    }

    #[test]
    fn a_new_window_starts_the_count_again_once_no_wait_is_pending() {
        let counter = Counter { attempts: 2, window_started_at: at(0), wait_until: None };
        let next = admitted(counter.attempt(&GROWING, at(15 * 60)));
        assert_eq!((next.attempts, next.window_started_at), (1, at(15 * 60)));
    }

    #[test]
    fn a_fixed_block_refuses_everything_for_its_whole_length() {
        let limit = Limit::blocking(2, TimeDelta::hours(1), TimeDelta::hours(1));
        let counter = admitted(Counter::fresh(at(0)).attempt(&limit, at(0)));
        let counter = admitted(counter.attempt(&limit, at(1)));
        assert_eq!(counter.attempt(&limit, at(3599)), Attempt::Refused { retry_after: TimeDelta::seconds(2) });
    }

    #[test]
    fn giving_back_an_attempt_lifts_the_wait_below_the_limit() {
        let counter = Counter { attempts: 3, window_started_at: at(0), wait_until: Some(at(30)) };
        let given = counter.give_back(&GROWING);
        assert_eq!((given.attempts, given.wait_until), (2, None));
    }
}
