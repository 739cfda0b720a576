//! Petitions: the four kinds the law distinguishes, where a petition is (status) apart from what
//! was decided (outcome), how it arrived (channel), and the rules a filing must meet.

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use super::FieldError;

crate::text_enum! {
    pub enum PetitionKind {
        /// Khiếu nại: against an administrative decision or act (Law on Complaints 2011).
        Complaint => "complaint",
        /// Tố cáo: a violation of law by an official or body (Law on Denunciations 2018).
        Denunciation => "denunciation",
        /// Phản ánh: a problem to fix.
        Feedback => "feedback",
        /// Kiến nghị: a proposal or request to change something.
        Proposal => "proposal",
    }
}

impl PetitionKind {
    /// The law does not handle anonymous complaints or denunciations as such.
    pub fn allows_anonymous(self) -> bool {
        matches!(self, PetitionKind::Feedback | PetitionKind::Proposal)
    }
}

crate::text_enum! {
    /// Where the petition is in its handling.
    pub enum PetitionStatus {
        Received => "received",
        Accepted => "accepted",
        InProgress => "in_progress",
        Resolved => "resolved",
        Closed => "closed",
        Refused => "refused",
        Transferred => "transferred",
        Withdrawn => "withdrawn",
        Merged => "merged",
    }
}

impl PetitionStatus {
    /// A petitioner may withdraw until the petition is decided or otherwise finished.
    pub fn can_be_withdrawn(self) -> bool {
        matches!(
            self,
            PetitionStatus::Received
                | PetitionStatus::Accepted
                | PetitionStatus::InProgress
                | PetitionStatus::Transferred
        )
    }
}

crate::text_enum! {
    /// What was decided, separate from the status.
    pub enum Outcome {
        Upheld => "upheld",
        PartlyUpheld => "partly_upheld",
        Rejected => "rejected",
        /// For feedback and proposals: answered.
        Answered => "answered",
    }
}

crate::text_enum! {
    /// How the petition reached the administration.
    pub enum Channel {
        Web => "web",
        Mobile => "mobile",
        InPerson => "in_person",
        Post => "post",
        Phone => "phone",
        Email => "email",
    }
}

impl Channel {
    /// The channels an officer records a petition from on someone's behalf.
    pub fn is_offline(self) -> bool {
        matches!(self, Channel::InPerson | Channel::Post | Channel::Phone | Channel::Email)
    }
}

/// Vietnam's extent including Hoàng Sa and Trường Sa (WGS84).
pub const LATITUDE: std::ops::RangeInclusive<f64> = 6.0..=23.5;
pub const LONGITUDE: std::ops::RangeInclusive<f64> = 102.0..=118.0;

pub const TITLE_CHARS: std::ops::RangeInclusive<usize> = 5..=200;
pub const DESCRIPTION_CHARS: std::ops::RangeInclusive<usize> = 20..=10_000;

/// Normalises to NFC and trims; refuses control characters (line breaks and tabs only where
/// `multiline`) and lengths outside `chars`.
pub fn clean_text(
    errors: &mut Vec<FieldError>,
    field: &str,
    text: &str,
    chars: std::ops::RangeInclusive<usize>,
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

/// An optional free text: absent or blank is None.
pub fn clean_optional(errors: &mut Vec<FieldError>, field: &str, text: Option<&str>, max: usize) -> Option<String> {
    let text = text?.trim();
    if text.is_empty() {
        return None;
    }
    Some(clean_text(errors, field, text, 1..=max, false))
}

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
    fn only_feedback_and_proposals_may_be_anonymous() {
        assert!(PetitionKind::Feedback.allows_anonymous());
        assert!(PetitionKind::Proposal.allows_anonymous());
        assert!(!PetitionKind::Complaint.allows_anonymous());
        assert!(!PetitionKind::Denunciation.allows_anonymous());
    }
}
