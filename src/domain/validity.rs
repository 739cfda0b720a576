//! Effective dating: units, agencies and rules are valid over a span of days, so history survives
//! reorganisations such as Vietnam's of 1 July 2025.

use chrono::NaiveDate;

/// The days a record is in force, both ends included; an open end means "since ever" or "still".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Validity {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("valid_to ({to}) is before valid_from ({from})")]
pub struct EndsBeforeItStarts {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Validity {
    pub fn new(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Self, EndsBeforeItStarts> {
        match (from, to) {
            (Some(from), Some(to)) if to < from => Err(EndsBeforeItStarts { from, to }),
            _ => Ok(Validity { from, to }),
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|from| from <= day) && self.to.is_none_or(|to| day <= to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_former_district_is_valid_until_the_last_day_of_june_2025_inclusive() {
        let district = Validity::new(None, Some(day("2025-06-30"))).unwrap();
        assert!(district.contains(day("2020-01-01")));
        assert!(district.contains(day("2025-06-30")));
        assert!(!district.contains(day("2025-07-01")));
    }

    #[test]
    fn a_merged_ward_is_valid_from_the_first_of_july_2025_onwards() {
        let ward = Validity::new(Some(day("2025-07-01")), None).unwrap();
        assert!(!ward.contains(day("2025-06-30")));
        assert!(ward.contains(day("2030-01-01")));
    }

    #[test]
    fn a_span_that_ends_before_it_starts_is_refused() {
        assert!(Validity::new(Some(day("2025-07-01")), Some(day("2025-06-30"))).is_err());
        assert!(Validity::new(Some(day("2025-07-01")), Some(day("2025-07-01"))).is_ok());
    }
}
