//! A period in days with the basis it comes from, as administrators set the supervision and the
//! consultation rules: one check for both, so they accept and refuse alike.

use super::FieldError;
use super::text::reference_text;

/// The longest period such a rule may set.
pub const MAX_DAYS: i32 = 365;

/// `days` from 1 to `MAX_DAYS` and a one-line `basis`, each problem noted against its field.
pub fn checked(errors: &mut Vec<FieldError>, days: i64, basis: &str) -> (i32, String) {
    let days = i32::try_from(days).ok().filter(|days| (1..=MAX_DAYS).contains(days));
    if days.is_none() {
        errors.push(FieldError::new("days", format!("must be from 1 to {MAX_DAYS}")));
    }
    (days.unwrap_or(1), reference_text(errors, "basis", basis, 1_000, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_outside_a_day_to_a_year_and_an_empty_basis_are_both_named() {
        let mut errors = Vec::new();
        checked(&mut errors, 366, " ");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["days", "basis"]);
        let mut fine = Vec::new();
        assert_eq!(checked(&mut fine, 30, "Luật Đất đai 2024 Điều 87"), (30, "Luật Đất đai 2024 Điều 87".to_string()));
        assert!(fine.is_empty());
    }
}
