//! The reporting periods: a six-month report (`2026-H1`) or an annual one (`2026`), and the days
//! each covers — a rule administrators edit, since Vietnamese reporting periods close weeks
//! before the report is due and provinces set their own cut-offs.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::ids::UserId;

crate::text_enum! {
    /// The two kinds of periodic report.
    pub enum PeriodKind {
        /// The six-month report (due before 1 June).
        HalfYear => "half_year",
        /// The annual report (due before 10 November).
        Year => "year",
    }
}

/// A report's period as asked for: `2026-H1` or `2026`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportPeriod {
    pub kind: PeriodKind,
    pub year: i32,
}

impl ReportPeriod {
    pub fn parse(text: &str) -> Option<Self> {
        let (year, kind) = match text.strip_suffix("-H1") {
            Some(year) => (year, PeriodKind::HalfYear),
            None => (text, PeriodKind::Year),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year.parse().ok().filter(|y| (2000..=9998).contains(y))?;
        Some(ReportPeriod { kind, year })
    }
}

impl std::fmt::Display for ReportPeriod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.kind {
            PeriodKind::HalfYear => write!(f, "{}-H1", self.year),
            PeriodKind::Year => write!(f, "{}", self.year),
        }
    }
}

/// The days a kind of report covers, as a month and day that hold in every year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodBounds {
    pub kind: PeriodKind,
    /// (month, day) of the first day, in the report's year or the one before.
    pub starts: (u32, u32),
    pub starts_previous_year: bool,
    /// (month, day) of the last day, in the report's year.
    pub ends: (u32, u32),
    pub basis: String,
    pub changed_by: Option<UserId>,
    pub updated_at: NaiveDateTime,
}

/// Why bounds cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BoundsError {
    /// The month and day are not a date in every year (29 February is not).
    NotEveryYear(&'static str),
    /// The period would end before it starts, or last more than a year.
    Span,
}

/// A month and day that exist in every year.
pub fn every_year(field: &'static str, (month, day): (u32, u32)) -> Result<(u32, u32), BoundsError> {
    // 2026 is not a leap year: a date that exists in it exists in every year.
    NaiveDate::from_ymd_opt(2026, month, day).map(|_| (month, day)).ok_or(BoundsError::NotEveryYear(field))
}

impl PeriodBounds {
    /// The first and last days of `year`'s report.
    pub fn days(&self, year: i32) -> Result<(NaiveDate, NaiveDate), BoundsError> {
        let start_year = if self.starts_previous_year { year - 1 } else { year };
        let first = NaiveDate::from_ymd_opt(start_year, self.starts.0, self.starts.1)
            .ok_or(BoundsError::NotEveryYear("starts"))?;
        let last = NaiveDate::from_ymd_opt(year, self.ends.0, self.ends.1).ok_or(BoundsError::NotEveryYear("ends"))?;
        // A year's span: 365 days after the first at most, 366 across a 29 February.
        if last < first || (last - first).num_days() > 366 {
            return Err(BoundsError::Span);
        }
        Ok((first, last))
    }

    /// Checks bounds before they are kept: a period ends after it starts and lasts a year at
    /// most in every year (checked on a common year, so a leap year adds at most its one day).
    pub fn check(&self) -> Result<(), BoundsError> {
        let (first, last) = self.days(2026)?;
        if (last - first).num_days() > 364 { Err(BoundsError::Span) } else { Ok(()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(starts: (u32, u32), previous: bool, ends: (u32, u32)) -> PeriodBounds {
        PeriodBounds {
            kind: PeriodKind::HalfYear,
            starts,
            starts_previous_year: previous,
            ends,
            basis: String::new(),
            changed_by: None,
            updated_at: NaiveDateTime::MIN,
        }
    }

    #[test]
    fn a_period_is_a_half_year_or_a_year() {
        assert_eq!(ReportPeriod::parse("2026-H1"), Some(ReportPeriod { kind: PeriodKind::HalfYear, year: 2026 }));
        assert_eq!(ReportPeriod::parse("2026"), Some(ReportPeriod { kind: PeriodKind::Year, year: 2026 }));
        for wrong in ["2026-H2", "26", "+2026", "2026-h1", "", "1999", "02026"] {
            assert_eq!(ReportPeriod::parse(wrong), None, "{wrong}");
        }
        assert_eq!(ReportPeriod::parse("2026-H1").unwrap().to_string(), "2026-H1");
    }

    #[test]
    fn the_days_start_in_the_year_before_when_the_rule_says_so() {
        let half = bounds((11, 15), true, (5, 14));
        let first = NaiveDate::from_ymd_opt(2025, 11, 15).unwrap();
        assert_eq!(half.days(2026), Ok((first, NaiveDate::from_ymd_opt(2026, 5, 14).unwrap())));
        assert_eq!(bounds((1, 1), false, (12, 31)).days(2026).map(|(f, _)| f.to_string()), Ok("2026-01-01".into()));
        assert_eq!(bounds((6, 1), false, (5, 31)).days(2026), Err(BoundsError::Span));
        assert_eq!(bounds((1, 1), true, (12, 31)).check(), Err(BoundsError::Span), "two years");
        // From 1 March of the year before to 1 March: a year and a day, refused; kept bounds hold
        // in a leap year too.
        assert_eq!(bounds((3, 1), true, (3, 1)).check(), Err(BoundsError::Span));
        let year = bounds((3, 1), true, (2, 28));
        assert_eq!(year.check(), Ok(()));
        assert!(year.days(2024).is_ok() && year.days(2025).is_ok(), "across 29 February 2024 too");
        assert_eq!(every_year("starts", (2, 29)), Err(BoundsError::NotEveryYear("starts")));
    }
}
