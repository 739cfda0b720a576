//! The rules a filing must meet beyond its free text: where it may be, and when the decision a
//! complaint is about may be dated.

use std::ops::RangeInclusive;

use chrono::NaiveDate;

use crate::domain::FieldError;

/// Vietnam's extent including Hoàng Sa and Trường Sa (WGS84).
pub const LATITUDE: RangeInclusive<f64> = 6.0..=23.5;
pub const LONGITUDE: RangeInclusive<f64> = 102.0..=118.0;

pub const TITLE_CHARS: RangeInclusive<usize> = 5..=200;
pub const DESCRIPTION_CHARS: RangeInclusive<usize> = 20..=10_000;

pub fn check_coordinates(errors: &mut Vec<FieldError>, latitude: Option<f64>, longitude: Option<f64>) {
    match (latitude, longitude) {
        (Some(lat), Some(lon)) => {
            if !LATITUDE.contains(&lat) {
                errors.push(FieldError::new("location.lat", "must lie in Vietnam (6.0 to 23.5)"));
            }
            if !LONGITUDE.contains(&lon) {
                errors.push(FieldError::new("location.lon", "must lie in Vietnam (102.0 to 118.0)"));
            }
        }
        (None, None) => {}
        _ => errors.push(FieldError::new("location", "give both lat and lon, or neither")),
    }
}

/// A complaint names the decision or act complained about, which cannot be dated in the future.
pub fn check_decision_date(errors: &mut Vec<FieldError>, date: NaiveDate, today: NaiveDate) {
    if date > today {
        errors.push(FieldError::new("decision_reference.date", "cannot be in the future"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_must_lie_in_vietnam_and_come_in_pairs() {
        let mut errors = Vec::new();
        check_coordinates(&mut errors, Some(16.4637), Some(107.5909)); // Huế
        check_coordinates(&mut errors, Some(8.64), Some(111.92)); // Trường Sa
        assert!(errors.is_empty());
        check_coordinates(&mut errors, Some(48.85), Some(2.35));
        check_coordinates(&mut errors, Some(16.4), None);
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["location.lat", "location.lon", "location"]);
    }

    #[test]
    fn a_complained_decision_cannot_be_dated_in_the_future() {
        let today: NaiveDate = "2026-11-29".parse().unwrap();
        let mut errors = Vec::new();
        check_decision_date(&mut errors, today, today);
        assert!(errors.is_empty());
        check_decision_date(&mut errors, today.succ_opt().unwrap(), today);
        assert_eq!(errors[0].field, "decision_reference.date");
    }
}
