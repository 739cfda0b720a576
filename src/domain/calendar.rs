//! The Vietnamese working-day calendar and the Civil Code's way of counting periods (Arts. 147–148).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta, Weekday};

crate::text_enum! {
    /// How a listed day differs from the ordinary Monday–Friday week.
    pub enum DayKind {
        /// A public holiday of Labour Code Art. 112 (New Year, Tết, Hùng Kings, 30 April, 1 May, 2 September).
        PublicHoliday => "public_holiday",
        /// A day off the government grants in compensation or as a swap for a make-up working day.
        CompensatoryDayOff => "compensatory_day_off",
        /// A Saturday or Sunday worked to make up a swapped day off.
        MakeUpWorkingDay => "make_up_working_day",
    }
}

/// A day the calendar lists, with the announcement it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedDay {
    pub day: NaiveDate,
    pub kind: DayKind,
    pub name_vi: String,
    pub name_en: String,
    /// The law or the government's announcement that set it.
    pub source: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

crate::text_enum! {
    /// Whether the government has announced a year's holidays: until it has, the days listed for
    /// the year are derived from the Labour Code and deadlines that fall in it are flagged.
    pub enum YearStatus {
        Announced => "announced",
        Provisional => "provisional",
    }
}

/// A year of the holiday calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarYear {
    pub year: i32,
    pub status: YearStatus,
    /// The announcement, or while provisional, what the days were derived from.
    pub source: String,
    pub updated_at: NaiveDateTime,
}

impl DayKind {
    /// Make-up Saturdays are worked; every other listed day is off.
    pub fn is_working_day(self) -> bool {
        self == DayKind::MakeUpWorkingDay
    }
}

/// Monday–Friday, except the listed days. Each year's holidays are data (lunar dates move).
#[derive(Debug, Clone, Default)]
pub struct WorkingCalendar {
    listed_days: BTreeMap<NaiveDate, DayKind>,
    /// The years the government has announced, when known; a day outside them is counted on a
    /// provisional calendar.
    announced_years: Option<BTreeSet<i32>>,
}

impl WorkingCalendar {
    pub fn new(listed_days: impl IntoIterator<Item = (NaiveDate, DayKind)>) -> Self {
        WorkingCalendar { listed_days: listed_days.into_iter().collect(), announced_years: None }
    }

    /// The same calendar, knowing which years the government has announced.
    pub fn with_announced_years(self, years: impl IntoIterator<Item = i32>) -> Self {
        WorkingCalendar { announced_years: Some(years.into_iter().collect()), ..self }
    }

    /// Whether `day` falls in a year whose holidays are not yet announced (or not listed at all):
    /// a deadline counted to it may move once they are.
    pub fn is_provisional(&self, day: NaiveDate) -> bool {
        self.announced_years.as_ref().is_some_and(|years| !years.contains(&day.year()))
    }

    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        match self.listed_days.get(&day) {
            Some(DayKind::MakeUpWorkingDay) => true,
            Some(DayKind::PublicHoliday | DayKind::CompensatoryDayOff) => false,
            None => !matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// The day itself when it is a working day, else the first working day after it.
    /// Always ends: past the last listed day, every Monday is a working day.
    pub fn working_day_on_or_after(&self, mut day: NaiveDate) -> NaiveDate {
        while !self.is_working_day(day) {
            day = next(day);
        }
        day
    }

    /// The last day of a period of `days` calendar days after an event (the event's day not
    /// counted); if that day is a day off, the period runs to the end of the next working day.
    pub fn calendar_days_after(&self, event: NaiveDate, days: u32) -> NaiveDate {
        let last = event + TimeDelta::days(i64::from(days));
        self.working_day_on_or_after(last)
    }

    /// The last day of a period of `days` working days after an event (the event's day not counted).
    /// A period of zero working days ends on the event's day, or the next working day.
    pub fn working_days_after(&self, event: NaiveDate, days: u32) -> NaiveDate {
        let mut day = event;
        let mut counted = 0;
        while counted < days {
            day = next(day);
            if self.is_working_day(day) {
                counted += 1;
            }
        }
        self.working_day_on_or_after(day)
    }

    /// The working day `days` working days before `last_day` (for reminders ahead of a deadline).
    pub fn working_days_before(&self, last_day: NaiveDate, days: u32) -> NaiveDate {
        let mut day = last_day;
        let mut counted = 0;
        while counted < days {
            day -= TimeDelta::days(1);
            if self.is_working_day(day) {
                counted += 1;
            }
        }
        day
    }

    /// Working days from the day after `today` up to and including `last_day`; negative when
    /// `last_day` has passed (how many working days late).
    pub fn working_days_remaining(&self, today: NaiveDate, last_day: NaiveDate) -> i64 {
        let (from, to, sign) = if last_day >= today { (today, last_day, 1) } else { (last_day, today, -1) };
        let mut count = 0;
        let mut day = from;
        while day < to {
            day = next(day);
            if self.is_working_day(day) {
                count += 1;
            }
        }
        sign * count
    }
}

fn next(day: NaiveDate) -> NaiveDate {
    day.succ_opt().unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// A 2026 calendar with Tết, Hùng Kings' day in lieu, 30 April–1 May, and a New Year swap
    /// (Friday 2 January off, Saturday 10 January worked) like those the government announces.
    fn calendar_2026() -> WorkingCalendar {
        let mut days = vec![
            (day("2026-01-01"), DayKind::PublicHoliday),
            (day("2026-01-02"), DayKind::CompensatoryDayOff),
            (day("2026-01-10"), DayKind::MakeUpWorkingDay),
            (day("2026-04-27"), DayKind::CompensatoryDayOff),
            (day("2026-04-30"), DayKind::PublicHoliday),
            (day("2026-05-01"), DayKind::PublicHoliday),
        ];
        for tet in ["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"] {
            days.push((day(tet), DayKind::PublicHoliday));
        }
        WorkingCalendar::new(days)
    }

    #[test]
    fn weekends_holidays_and_days_off_are_not_working_days_but_a_make_up_saturday_is() {
        let calendar = calendar_2026();
        assert!(calendar.is_working_day(day("2026-03-02"))); // a Monday
        assert!(!calendar.is_working_day(day("2026-03-07"))); // a Saturday
        assert!(!calendar.is_working_day(day("2026-02-17"))); // Tết, a Tuesday
        assert!(!calendar.is_working_day(day("2026-01-02"))); // swapped Friday
        assert!(calendar.is_working_day(day("2026-01-10"))); // make-up Saturday
    }

    #[test]
    fn ten_working_days_from_the_friday_before_tet_end_the_second_friday_after_it() {
        // Filed Fri 13 Feb 2026. Mon 16 – Fri 20 Feb are Tết; counting starts Mon 23 Feb:
        // 23, 24, 25, 26, 27 Feb, 2, 3, 4, 5, 6 Mar → the tenth is Fri 6 March.
        assert_eq!(calendar_2026().working_days_after(day("2026-02-13"), 10), day("2026-03-06"));
    }

    #[test]
    fn thirty_days_ending_on_a_tet_holiday_run_to_the_end_of_the_next_working_day() {
        // Accepted 17 Jan 2026; the thirtieth day is Mon 16 Feb, the first day of Tết, so the period
        // ends with the next working day, Mon 23 Feb.
        assert_eq!(calendar_2026().calendar_days_after(day("2026-01-17"), 30), day("2026-02-23"));
    }

    #[test]
    fn a_calendar_period_ending_on_a_sunday_moves_to_monday() {
        // 5 March + 10 days = Sun 15 March → Mon 16 March.
        assert_eq!(calendar_2026().calendar_days_after(day("2026-03-05"), 10), day("2026-03-16"));
    }

    #[test]
    fn a_period_ending_on_a_weekday_stays_there() {
        // 5 March + 30 days = Sat 4 April → Mon 6 April; + 26 days = Tue 31 March stays.
        assert_eq!(calendar_2026().calendar_days_after(day("2026-03-05"), 30), day("2026-04-06"));
        assert_eq!(calendar_2026().calendar_days_after(day("2026-03-05"), 26), day("2026-03-31"));
    }

    #[test]
    fn the_make_up_saturday_counts_as_a_working_day() {
        // From Wed 7 Jan 2026: Thu 8, Fri 9, Sat 10 (make-up) → the third working day is Saturday 10.
        assert_eq!(calendar_2026().working_days_after(day("2026-01-07"), 3), day("2026-01-10"));
    }

    #[test]
    fn working_days_skip_a_holiday_that_bridges_a_weekend() {
        // From Wed 29 Apr 2026: Thu 30 Apr and Fri 1 May are holidays, then the weekend: the first
        // working day is Mon 4 May, the second Tue 5 May.
        assert_eq!(calendar_2026().working_days_after(day("2026-04-29"), 2), day("2026-05-05"));
    }

    #[test]
    fn the_compensatory_monday_after_hung_kings_day_is_skipped() {
        // Hùng Kings' day fell on Sun 26 Apr 2026; Mon 27 Apr is the day off in its place.
        assert_eq!(calendar_2026().working_days_after(day("2026-04-24"), 1), day("2026-04-28"));
    }

    #[test]
    fn new_years_swap_moves_the_friday_to_the_next_saturday() {
        // From Wed 31 Dec 2025: 1 Jan holiday, 2 Jan swapped away, weekend → Mon 5 Jan is the first.
        assert_eq!(calendar_2026().working_days_after(day("2025-12-31"), 1), day("2026-01-05"));
    }

    #[test]
    fn zero_working_days_end_on_the_event_day_or_the_next_working_day() {
        assert_eq!(calendar_2026().working_days_after(day("2026-03-04"), 0), day("2026-03-04"));
        assert_eq!(calendar_2026().working_days_after(day("2026-03-07"), 0), day("2026-03-09"));
    }

    #[test]
    fn working_days_remaining_counts_forwards_and_backwards() {
        let calendar = calendar_2026();
        assert_eq!(calendar.working_days_remaining(day("2026-02-13"), day("2026-02-24")), 2);
        assert_eq!(calendar.working_days_remaining(day("2026-03-04"), day("2026-03-04")), 0);
        assert_eq!(calendar.working_days_remaining(day("2026-03-09"), day("2026-03-05")), -2);
    }

    #[test]
    fn a_calendar_with_no_listed_days_is_the_plain_monday_to_friday_week() {
        let calendar = WorkingCalendar::default();
        assert_eq!(calendar.working_days_after(day("2026-03-06"), 1), day("2026-03-09"));
    }

    #[test]
    fn a_reminder_two_working_days_before_a_deadline_skips_back_over_tet() {
        // Due Mon 23 Feb 2026, the first working day after Tết: two working days before it are
        // Thu 12 and Fri 13 Feb, so the reminder goes out on Thu 12 Feb.
        assert_eq!(calendar_2026().working_days_before(day("2026-02-23"), 2), day("2026-02-12"));
    }

    #[test]
    fn a_reminder_counts_the_make_up_saturday_as_a_working_day() {
        // Due Mon 12 Jan 2026: the working days before it are Sat 10 Jan (worked) and Fri 9 Jan.
        assert_eq!(calendar_2026().working_days_before(day("2026-01-12"), 2), day("2026-01-09"));
        assert_eq!(calendar_2026().working_days_before(day("2026-01-12"), 1), day("2026-01-10"));
    }

    #[test]
    fn a_reminder_of_zero_days_falls_on_the_deadline_itself() {
        assert_eq!(calendar_2026().working_days_before(day("2026-03-06"), 0), day("2026-03-06"));
    }

    #[test]
    fn a_day_in_a_year_not_yet_announced_is_provisional() {
        let calendar = calendar_2026().with_announced_years([2025, 2026]);
        assert!(!calendar.is_provisional(day("2026-12-31")));
        assert!(calendar.is_provisional(day("2027-01-04")));
        assert!(
            !calendar_2026().is_provisional(day("2027-01-04")),
            "a calendar that knows no years assumes them known"
        );
    }
}
