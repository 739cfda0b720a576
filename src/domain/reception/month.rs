//! A month judged against the minimum: the distinct days the head receives in person (held, or
//! still on the schedule) counted per month, or per week for a weekly rule — each week counted
//! in the month its Monday falls in, whole, even when it ends in the next month.

use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};

use super::minimum::{Per, ReceptionRule};

/// A calendar month, written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    first_day: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("must be a month written YYYY-MM")]
pub struct NotAMonth;

impl Month {
    pub fn parse(text: &str) -> Result<Self, NotAMonth> {
        let (year, month) = text.split_once('-').ok_or(NotAMonth)?;
        let well_formed = year.len() == 4 && month.len() == 2;
        let (year, month) = (year.parse::<i32>().map_err(|_| NotAMonth)?, month.parse::<u32>().map_err(|_| NotAMonth)?);
        let first_day = NaiveDate::from_ymd_opt(year, month, 1).filter(|_| well_formed).ok_or(NotAMonth)?;
        if !(2000..=2999).contains(&year) {
            return Err(NotAMonth);
        }
        Ok(Month { first_day })
    }

    pub fn of(day: NaiveDate) -> Self {
        Month { first_day: day.with_day(1).unwrap_or(day) }
    }

    pub fn first_day(self) -> NaiveDate {
        self.first_day
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day - TimeDelta::days(1)
    }

    pub fn next(self) -> Self {
        let (year, month) = (self.first_day.year(), self.first_day.month());
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        };
        Month { first_day: next.unwrap_or(self.first_day) }
    }

    pub fn previous(self) -> Self {
        Month::of(self.first_day - TimeDelta::days(1))
    }

    /// The Mondays that fall in the month: the weeks a weekly rule judges in it.
    pub fn mondays(self) -> Vec<NaiveDate> {
        let offset = (7 - self.first_day.weekday().num_days_from_monday()) % 7;
        let first = self.first_day + TimeDelta::days(i64::from(offset));
        std::iter::successors(Some(first), |day| Some(*day + TimeDelta::days(7)))
            .take_while(|day| *day <= self.last_day())
            .collect()
    }

    /// The days whose sessions the month's judgement reads under a rule counted `per`.
    pub fn span(self, per: Per) -> (NaiveDate, NaiveDate) {
        match (per, self.mondays().last()) {
            (Per::Week, Some(last_monday)) => (self.first_day, *last_monday + TimeDelta::days(6)),
            _ => (self.first_day, self.last_day()),
        }
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.first_day.format("%Y-%m"))
    }
}

/// The month's account under its rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    /// Days owed in the month: the rule's days, times the weeks for a weekly rule.
    pub required: i32,
    /// Days that count, up to what each period owes.
    pub counted: i32,
    /// The weeks (by their Monday) with fewer days than the rule asks; empty for a monthly rule.
    pub short_weeks: Vec<NaiveDate>,
}

impl Judgement {
    pub fn short_by(&self) -> i32 {
        (self.required - self.counted).max(0)
    }

    pub fn is_short(&self) -> bool {
        self.short_by() > 0
    }
}

/// Judges `month` under `rule`, given the days the head received or is to receive in person.
pub fn judge(month: Month, rule: &ReceptionRule, reception_days: &[NaiveDate]) -> Judgement {
    let mut days = reception_days.to_vec();
    days.sort_unstable();
    days.dedup();
    let within = |from: NaiveDate, to: NaiveDate| days.iter().filter(|day| from <= **day && **day <= to).count();
    let owed = rule.days;
    match rule.per {
        Per::Month => {
            let held = within(month.first_day(), month.last_day());
            Judgement { required: owed, counted: owed.min(count(held)), short_weeks: Vec::new() }
        }
        Per::Week => {
            let mondays = month.mondays();
            let mut judgement =
                Judgement { required: owed * count(mondays.len()), counted: 0, short_weeks: Vec::new() };
            for monday in mondays {
                debug_assert_eq!(monday.weekday(), Weekday::Mon);
                let held = count(within(monday, monday + TimeDelta::days(6)));
                judgement.counted += owed.min(held);
                if held < owed {
                    judgement.short_weeks.push(monday);
                }
            }
            judgement
        }
    }
}

fn count(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agency::AgencyKind;
    use crate::domain::ids::ReceptionRuleId;

    fn rule(days: i32, per: Per) -> ReceptionRule {
        ReceptionRule {
            id: ReceptionRuleId::from(uuid::Uuid::nil()),
            agency_kind: AgencyKind::CommunePeoplesCommittee,
            days,
            per,
            basis: "test".into(),
            effective_from: "2014-07-01".parse().unwrap(),
            effective_to: None,
            created_by: None,
            created_at: chrono::NaiveDateTime::default(),
        }
    }

    fn days(list: &[&str]) -> Vec<NaiveDate> {
        list.iter().map(|day| day.parse().unwrap()).collect()
    }

    #[test]
    fn a_month_is_written_year_dash_month() {
        assert_eq!(Month::parse("2026-07").unwrap().to_string(), "2026-07");
        assert_eq!(Month::parse("2026-12").unwrap().next().to_string(), "2027-01");
        assert_eq!(Month::parse("2027-01").unwrap().previous().to_string(), "2026-12");
        for bad in ["2026-7", "2026-13", "26-07", "2026/07", "", "2026-07-01", "abcd-ef"] {
            assert_eq!(Month::parse(bad), Err(NotAMonth), "{bad}");
        }
    }

    #[test]
    fn june_2026_has_five_weeks_starting_in_it_the_last_ending_in_july() {
        let june = Month::parse("2026-06").unwrap();
        assert_eq!(june.mondays(), days(&["2026-06-01", "2026-06-08", "2026-06-15", "2026-06-22", "2026-06-29"]));
        assert_eq!(june.span(Per::Week), ("2026-06-01".parse().unwrap(), "2026-07-05".parse().unwrap()));
        assert_eq!(june.span(Per::Month), ("2026-06-01".parse().unwrap(), "2026-06-30".parse().unwrap()));
    }

    #[test]
    fn under_a_weekly_rule_every_week_needs_its_day() {
        let june = Month::parse("2026-06").unwrap();
        let held = days(&["2026-06-03", "2026-06-04", "2026-06-10", "2026-06-24", "2026-07-02"]);
        let judgement = judge(june, &rule(1, Per::Week), &held);
        assert_eq!((judgement.required, judgement.counted, judgement.short_by()), (5, 4, 1));
        assert_eq!(judgement.short_weeks, days(&["2026-06-15"]));
    }

    #[test]
    fn under_a_monthly_rule_distinct_days_count_and_extra_days_do_not_make_up_other_months() {
        let july = Month::parse("2026-07").unwrap();
        let one_day_twice = judge(july, &rule(2, Per::Month), &days(&["2026-07-08", "2026-07-08", "2026-08-01"]));
        assert_eq!((one_day_twice.required, one_day_twice.counted, one_day_twice.is_short()), (2, 1, true));
        let plenty = judge(july, &rule(2, Per::Month), &days(&["2026-07-08", "2026-07-15", "2026-07-22"]));
        assert_eq!((plenty.counted, plenty.is_short()), (2, false));
    }
}
