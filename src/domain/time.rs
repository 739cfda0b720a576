//! Vietnam's civil time: dates people read and deadlines count in Asia/Ho_Chi_Minh (UTC+7, no DST).

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, TimeDelta};

const SECONDS_EAST_OF_UTC: i32 = 7 * 3600;

/// UTC+7; checked when compiling, so it cannot fail at run time.
pub const VIETNAM_OFFSET: FixedOffset = match FixedOffset::east_opt(SECONDS_EAST_OF_UTC) {
    Some(offset) => offset,
    None => panic!("UTC+7 is a valid offset"),
};

/// The calendar date in Vietnam at a UTC instant.
pub fn vietnam_date(utc: NaiveDateTime) -> NaiveDate {
    (utc + TimeDelta::seconds(i64::from(SECONDS_EAST_OF_UTC))).date()
}

/// The UTC instant at which a Vietnamese day ends (24:00 local, Civil Code Art. 148).
pub fn end_of_vietnam_day_utc(day: NaiveDate) -> NaiveDateTime {
    let next_midnight = day.succ_opt().unwrap_or(day).and_time(chrono::NaiveTime::MIN);
    next_midnight - TimeDelta::seconds(i64::from(SECONDS_EAST_OF_UTC))
}

/// The UTC instants [from, before) that the Vietnamese days `from` to `to` (inclusive) span.
pub fn vietnam_days(from: NaiveDate, to: NaiveDate) -> (NaiveDateTime, NaiveDateTime) {
    let start = from.pred_opt().map_or(NaiveDateTime::MIN, end_of_vietnam_day_utc);
    (start, end_of_vietnam_day_utc(to))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instant(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    #[test]
    fn five_in_the_evening_utc_is_already_the_next_day_in_hue() {
        assert_eq!(vietnam_date(instant("2026-02-16 16:59:59")), "2026-02-16".parse().unwrap());
        assert_eq!(vietnam_date(instant("2026-02-16 17:00:00")), "2026-02-17".parse().unwrap());
    }

    #[test]
    fn a_vietnamese_day_ends_at_five_pm_utc() {
        assert_eq!(end_of_vietnam_day_utc("2026-03-02".parse().unwrap()), instant("2026-03-02 17:00:00"));
    }

    #[test]
    fn the_offset_is_seven_hours_east() {
        assert_eq!(VIETNAM_OFFSET.local_minus_utc(), 7 * 3600);
    }
}
