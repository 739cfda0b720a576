//! Petition categories: the subjects petitions are about, with stable machine codes.

use chrono::NaiveDateTime;

/// A category's machine code: lower-case ASCII letters, digits and underscores, 2–64 long.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CategoryCode(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("must be 2 to 64 lower-case letters, digits and underscores")]
pub struct InvalidCategoryCode;

impl CategoryCode {
    pub fn parse(text: &str) -> Result<Self, InvalidCategoryCode> {
        if is_valid_category_code(text) { Ok(CategoryCode(text.to_string())) } else { Err(InvalidCategoryCode) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for CategoryCode {
    type Err = InvalidCategoryCode;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        CategoryCode::parse(text)
    }
}

impl std::fmt::Display for CategoryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn is_valid_category_code(code: &str) -> bool {
    (2..=64).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        && code.as_bytes()[0].is_ascii_lowercase()
}

/// A category as citizens choose it, in both languages.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    pub code: CategoryCode,
    pub name_vi: String,
    pub name_en: String,
    pub description_vi: String,
    pub description_en: String,
    /// One of the subjects the provincial plan asks to resolve first.
    pub priority: bool,
    pub sort_order: i32,
    /// False once retired: no longer offered for new petitions, still named by old ones.
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_codes_are_snake_case_ascii() {
        assert!(CategoryCode::parse("environmental_pollution").is_ok());
        assert!(CategoryCode::parse("Land").is_err());
        assert!(CategoryCode::parse("đất_đai").is_err());
        assert!(CategoryCode::parse("_land").is_err());
        assert!(CategoryCode::parse("x").is_err());
    }
}
