//! Free text as people type it: normalised to NFC (so "ế" is one character however it was typed),
//! trimmed, bounded in characters, and free of control characters.

use std::ops::RangeInclusive;

use unicode_normalization::UnicodeNormalization;

use super::FieldError;

/// Normalises to NFC and trims; refuses control characters (line breaks and tabs only where
/// `multiline`) and lengths outside `chars`, noting the problem against `field`.
pub fn clean_text(
    errors: &mut Vec<FieldError>,
    field: &str,
    text: &str,
    chars: RangeInclusive<usize>,
    multiline: bool,
) -> String {
    let text: String = text.nfc().collect::<String>().trim().to_string();
    let length = text.chars().count();
    if !chars.contains(&length) {
        errors.push(FieldError::new(
            field,
            format!("must be {} to {} characters (it has {length})", chars.start(), chars.end()),
        ));
    } else if text.chars().any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t'))) {
        errors.push(FieldError::new(field, "must not contain control characters"));
    }
    text
}

/// A required one-line or multi-line text of 1 to `max` characters.
pub fn required_text(errors: &mut Vec<FieldError>, field: &str, text: &str, max: usize, multiline: bool) -> String {
    clean_text(errors, field, text, 1..=max, multiline)
}

/// An optional one-line text: absent or blank is None.
pub fn optional_text(errors: &mut Vec<FieldError>, field: &str, text: Option<&str>, max: usize) -> Option<String> {
    let text = text?.trim();
    if text.is_empty() {
        return None;
    }
    Some(clean_text(errors, field, text, 1..=max, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TITLE_CHARS: RangeInclusive<usize> = 5..=200;
    const DESCRIPTION_CHARS: RangeInclusive<usize> = 20..=10_000;

    #[test]
    fn text_is_normalised_to_nfc_and_trimmed() {
        let mut errors = Vec::new();
        // "Đất" written with a combining horn and acute (NFD) becomes the precomposed form.
        let decomposed = "  Ðe\u{302}\u{301}t đai bị lấn chiếm  ";
        let cleaned = clean_text(&mut errors, "title", decomposed, TITLE_CHARS, false);
        assert!(errors.is_empty());
        assert_eq!(cleaned, "Ðết đai bị lấn chiếm");
        assert_eq!(cleaned.chars().count(), 20, "ế is one character, not three");
    }

    #[test]
    fn control_characters_are_refused_but_line_breaks_allowed_in_descriptions() {
        let mut errors = Vec::new();
        clean_text(&mut errors, "title", "Tiêu đề\u{7}", TITLE_CHARS, false);
        clean_text(&mut errors, "title", "Hai\ndòng", TITLE_CHARS, false);
        assert_eq!(errors.len(), 2);
        let mut errors = Vec::new();
        clean_text(&mut errors, "description", "Dòng một đủ dài.\nDòng hai cũng vậy.", DESCRIPTION_CHARS, true);
        assert!(errors.is_empty());
    }

    #[test]
    fn lengths_are_counted_in_characters() {
        let mut errors = Vec::new();
        clean_text(&mut errors, "title", "Đất", TITLE_CHARS, false);
        assert_eq!(errors[0].message, "must be 5 to 200 characters (it has 3)");
    }

    #[test]
    fn blank_optional_text_is_absent() {
        let mut errors = Vec::new();
        assert_eq!(optional_text(&mut errors, "address", Some("   "), 500), None);
        assert_eq!(optional_text(&mut errors, "address", Some(" 12 Lê Lợi "), 500).as_deref(), Some("12 Lê Lợi"));
        assert!(errors.is_empty());
    }
}
