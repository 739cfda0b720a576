//! Free text as people type it: normalised to NFC (so "ế" is one character however it was typed),
//! trimmed, bounded in characters, and free of control characters and of the invisible ones that
//! disguise text (a right-to-left override makes `photo\u{202e}gnp.png` read as `photo.png` —
//! the reverse of its real ending).

use std::ops::RangeInclusive;

use unicode_normalization::UnicodeNormalization;

use super::FieldError;

/// Characters that change how text around them is shown without being seen: the bidirectional
/// controls, zero-width spaces and joiners, line and paragraph separators, the byte-order mark,
/// the soft hyphen, interlinear annotation and tag characters, and the blank fillers. No
/// Vietnamese or English text needs them; an attacker uses them to disguise names and file names.
/// (Variation selectors stay: emoji need them.)
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Whether `text` has a character no one-line (or, when `multiline`, several-line) text may
/// have: a control character other than line breaks and tabs, or an invisible formatting one.
/// (Line breaks are `\n` and `\r`; the Unicode line separators are refused everywhere.)
pub fn has_forbidden_characters(text: &str, multiline: bool) -> bool {
    text.chars().any(|c| (c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t'))) || is_invisible_format(c))
}

/// Normalises to NFC and trims; refuses control characters (line breaks and tabs only where
/// `multiline`) and lengths outside `chars`, noting the problem against `field`.
pub fn clean_text(
    errors: &mut Vec<FieldError>,
    field: &str,
    text: &str,
    chars: RangeInclusive<usize>,
    multiline: bool,
) -> String {
    // The longest length is counted as sent, as the schema's maxLength counts it; the shortest
    // after trimming, so that spaces do not make up a title.
    let sent_length = text.chars().count();
    let text: String = text.nfc().collect::<String>().trim().to_string();
    let length = text.chars().count();
    if length < *chars.start() || sent_length > *chars.end() {
        let counted = if sent_length > *chars.end() { sent_length } else { length };
        errors.push(FieldError::new(
            field,
            format!("must be {} to {} characters (it has {counted})", chars.start(), chars.end()),
        ));
    } else if has_forbidden_characters(&text, multiline) {
        errors.push(FieldError::new(field, "must not contain control characters or invisible formatting characters"));
    }
    text
}

/// An optional one-line text: absent or blank is None.
pub fn optional_text(errors: &mut Vec<FieldError>, field: &str, text: Option<&str>, max: usize) -> Option<String> {
    let text = text?.trim();
    if text.is_empty() {
        return None;
    }
    Some(clean_text(errors, field, text, 1..=max, false))
}

/// A name or note of the reference data (an agency's name, a holiday's source): trimmed, 1 to
/// `max` characters, no control characters (line breaks only where `multiline`), one message for
/// every problem. Reference data keeps these words; free text from citizens uses `clean_text`.
pub fn reference_text(errors: &mut Vec<FieldError>, field: &str, text: &str, max: usize, multiline: bool) -> String {
    let sent_length = text.chars().count();
    let text = text.trim();
    let bad_control = has_forbidden_characters(text, multiline);
    if text.is_empty() || sent_length > max || bad_control {
        errors.push(FieldError::new(field, format!("must be 1 to {max} characters with no control characters")));
    }
    text.to_string()
}

/// An optional `reference_text`: absent or blank is None.
pub fn optional_reference_text(
    errors: &mut Vec<FieldError>,
    field: &str,
    text: Option<&str>,
    max: usize,
) -> Option<String> {
    text.map(str::trim).filter(|t| !t.is_empty()).map(|t| reference_text(errors, field, t, max, false))
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
    fn direction_overrides_and_zero_width_characters_are_refused() {
        for disguised in ["Ảnh\u{202e}gnp.exe", "Nguyễn\u{200b}Văn A", "\u{feff}Tiêu đề", "Tiêu\u{2067}đề"]
        {
            let mut errors = Vec::new();
            clean_text(&mut errors, "title", disguised, TITLE_CHARS, false);
            assert_eq!(errors.len(), 1, "{disguised:?}");
        }
        let mut errors = Vec::new();
        reference_text(&mut errors, "name", "Sở\u{202d}Xây dựng", 300, false);
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn the_longest_length_counts_the_text_as_sent_like_the_schemas_max_length() {
        let mut errors = Vec::new();
        let padded = format!("\u{b}{}", "a".repeat(200));
        clean_text(&mut errors, "title", &padded, TITLE_CHARS, false);
        assert_eq!(errors.len(), 1, "201 characters sent, though 200 once trimmed");
    }

    #[test]
    fn lengths_are_counted_in_characters() {
        let mut errors = Vec::new();
        clean_text(&mut errors, "title", "Đất", TITLE_CHARS, false);
        assert_eq!(errors[0].message, "must be 5 to 200 characters (it has 3)");
    }

    #[test]
    fn reference_names_are_trimmed_and_bounded_with_one_message() {
        let mut errors = Vec::new();
        assert_eq!(reference_text(&mut errors, "name", "  Sở Xây dựng ", 300, false), "Sở Xây dựng");
        reference_text(&mut errors, "name", "Sở\tXây dựng", 300, false);
        reference_text(&mut errors, "name", "", 300, false);
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages, ["must be 1 to 300 characters with no control characters"; 2]);
        assert_eq!(optional_reference_text(&mut errors, "name_en", Some("  "), 300), None);
    }

    #[test]
    fn blank_optional_text_is_absent() {
        let mut errors = Vec::new();
        assert_eq!(optional_text(&mut errors, "address", Some("   "), 500), None);
        assert_eq!(optional_text(&mut errors, "address", Some(" 12 Lê Lợi "), 500).as_deref(), Some("12 Lê Lợi"));
        assert!(errors.is_empty());
    }
}
