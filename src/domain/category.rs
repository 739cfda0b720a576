//! Petition categories: the subjects petitions are about, with stable machine codes.

/// A category's machine code: lower-case ASCII letters, digits and underscores, 2–64 long.
pub fn is_valid_category_code(code: &str) -> bool {
    (2..=64).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && code.as_bytes()[0].is_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_codes_are_snake_case_ascii() {
        assert!(is_valid_category_code("environmental_pollution"));
        assert!(!is_valid_category_code("Land"));
        assert!(!is_valid_category_code("đất_đai"));
        assert!(!is_valid_category_code("_land"));
        assert!(!is_valid_category_code("x"));
    }
}
