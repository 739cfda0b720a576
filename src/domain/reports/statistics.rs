//! The public statistics: which petitions they cover, the counts the database returns for a
//! group of them, and the figures derived from those counts — rates withheld for groups too small
//! to mean something, percentiles by nearest rank from a histogram of days.

use serde::Serialize;

use crate::domain::petition::{PetitionStatus, RefusalReason};

/// The public petitions (what the public lists, statistics and open data cover), as SQL over
/// `petitions`: not denunciations, not confidential, not withdrawn before acceptance. Written
/// once, so that the listing, the figures and the export agree, and literally, so that SQLite
/// matches it to the partial index built on the same words.
pub const PUBLIC_PETITIONS_SQL: &str = "petitions.kind <> 'denunciation' AND petitions.confidential = FALSE \
     AND NOT (petitions.status = 'withdrawn' AND petitions.accepted_at IS NULL)";

/// The statuses in which a petition still waits on its agency, as a SQL list.
pub fn open_statuses_sql() -> String {
    let quoted: Vec<String> = PetitionStatus::OPEN.iter().map(|s| format!("'{}'", s.as_str())).collect();
    quoted.join(", ")
}

/// What the database counts for a group of public petitions received in the period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub received: i64,
    pub accepted: i64,
    pub refused: i64,
    pub resolved: i64,
    pub resolved_on_time: i64,
    pub resolved_late: i64,
    pub open: i64,
    pub overdue_now: i64,
    /// Open petitions by how long ago they were received: under 30 days, 30–89, 90–179, 180 or more.
    pub open_by_age: [i64; 4],
    pub satisfied: i64,
    pub acceptable: i64,
    pub dissatisfied: i64,
    pub reopened: i64,
    /// Answered at least once: answered now, or reopened since.
    pub answered_ever: i64,
    /// Given a verdict by a monitor's closure check; and of those, contested by one.
    pub closures_checked: i64,
    pub closures_contested: i64,
}

/// The figures of one group as published.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    pub received: i64,
    pub accepted: i64,
    pub refused: i64,
    pub refused_by_reason: Vec<ReasonCount>,
    pub resolved: i64,
    pub resolved_on_time: i64,
    pub resolved_late: i64,
    pub open: i64,
    pub overdue_now: i64,
    pub open_by_age: OpenByAge,
    pub days_to_resolve: DaysToResolve,
    pub satisfaction: Satisfaction,
    pub reopened: i64,
    pub closures_checked: i64,
    pub closures_contested: i64,
    /// Null when withheld (too few petitions) or when nothing to divide by.
    pub rates: Option<Rates>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReasonCount {
    pub reason: RefusalReason,
    pub count: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct OpenByAge {
    pub under_30_days: i64,
    pub from_30_to_89_days: i64,
    pub from_90_to_179_days: i64,
    pub from_180_days: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DaysToResolve {
    pub median: Option<i32>,
    pub p90: Option<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Satisfaction {
    pub rated: i64,
    pub satisfied: i64,
    pub acceptable: i64,
    pub dissatisfied: i64,
}

/// Shares between 0 and 1, rounded to four places; each null when its denominator is zero.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rates {
    pub on_time: Option<f64>,
    pub reopened: Option<f64>,
    pub contested_closures: Option<f64>,
    pub satisfied: Option<f64>,
    pub dissatisfied: Option<f64>,
}

impl Figures {
    /// The group's figures; its rates only when it received at least `minimum` petitions.
    pub fn of(counts: Counts, refusals: Vec<ReasonCount>, days: &[(i32, i64)], minimum: i64) -> Self {
        let rated = counts.satisfied + counts.acceptable + counts.dissatisfied;
        let rates = (counts.received >= minimum).then(|| Rates {
            on_time: share(counts.resolved_on_time, counts.resolved_on_time + counts.resolved_late),
            reopened: share(counts.reopened, counts.answered_ever),
            contested_closures: share(counts.closures_contested, counts.closures_checked),
            satisfied: share(counts.satisfied, rated),
            dissatisfied: share(counts.dissatisfied, rated),
        });
        let [a, b, c, d] = counts.open_by_age;
        Figures {
            received: counts.received,
            accepted: counts.accepted,
            refused: counts.refused,
            refused_by_reason: refusals,
            resolved: counts.resolved,
            resolved_on_time: counts.resolved_on_time,
            resolved_late: counts.resolved_late,
            open: counts.open,
            overdue_now: counts.overdue_now,
            open_by_age: OpenByAge {
                under_30_days: a,
                from_30_to_89_days: b,
                from_90_to_179_days: c,
                from_180_days: d,
            },
            days_to_resolve: DaysToResolve { median: nearest_rank(days, 50), p90: nearest_rank(days, 90) },
            satisfaction: Satisfaction {
                rated,
                satisfied: counts.satisfied,
                acceptable: counts.acceptable,
                dissatisfied: counts.dissatisfied,
            },
            reopened: counts.reopened,
            closures_checked: counts.closures_checked,
            closures_contested: counts.closures_contested,
            rates,
        }
    }
}

fn share(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 / whole as f64 * 10_000.0).round() / 10_000.0)
}

/// The `percent`-th percentile by nearest rank of a histogram (value, how many) sorted by value:
/// the smallest value whose cumulative count reaches `percent`% of the total.
pub fn nearest_rank(histogram: &[(i32, i64)], percent: i64) -> Option<i32> {
    let total: i64 = histogram.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return None;
    }
    // ceil(percent × total / 100), in integers.
    let rank = (percent * total + 99) / 100;
    let mut seen = 0;
    histogram.iter().find_map(|(value, n)| {
        seen += n;
        (seen >= rank).then_some(*value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_taken_by_nearest_rank() {
        // 1, 2, 2, 3, 10: the median is the 3rd value, the 90th percentile the 5th.
        let days = [(1, 1), (2, 2), (3, 1), (10, 1)];
        assert_eq!(nearest_rank(&days, 50), Some(2));
        assert_eq!(nearest_rank(&days, 90), Some(10));
        assert_eq!(nearest_rank(&[], 50), None);
        assert_eq!(nearest_rank(&[(7, 1)], 90), Some(7));
    }

    #[test]
    fn a_small_groups_rates_are_withheld_and_its_counts_shown() {
        let counts = Counts { received: 19, resolved: 10, resolved_on_time: 9, resolved_late: 1, ..Counts::default() };
        let small = Figures::of(counts, vec![], &[], 20);
        assert_eq!((small.received, small.rates), (19, None));
        let enough = Figures::of(Counts { received: 20, ..counts }, vec![], &[], 20);
        let rates = enough.rates.unwrap();
        assert_eq!((rates.on_time, rates.satisfied), (Some(0.9), None), "no one rated: no share");
    }

    #[test]
    fn the_reopen_rate_counts_petitions_answered_once_even_if_reopened_since() {
        // Two answered, one of them reopened and not yet answered again: one of two, never above 1.
        let counts = Counts { received: 20, resolved: 1, reopened: 1, answered_ever: 2, ..Counts::default() };
        assert_eq!(Figures::of(counts, vec![], &[], 20).rates.unwrap().reopened, Some(0.5));
    }
}
