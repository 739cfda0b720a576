//! Comments on a consultation: made by verified citizens on the whole document or one section,
//! supported by others, hidden by the agency with a reason (never edited), and answered alone or in
//! a group. In public a commenter is "Công dân" and a short pseudonym, stable within one
//! consultation and unlinkable across consultations.

use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

use crate::domain::ids::{ConsultationAnswerId, ConsultationCommentId, ConsultationId, UserId};

crate::text_enum! {
    /// What the agency made of the comments an answer covers.
    pub enum AnswerPosition {
        Accepted => "accepted",
        PartlyAccepted => "partly_accepted",
        NotAccepted => "not_accepted",
    }
}

/// Why and by whom a comment was hidden from the public page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hiding {
    pub reason: String,
    pub hidden_by: UserId,
    pub hidden_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub id: ConsultationCommentId,
    pub consultation_id: ConsultationId,
    pub author_id: UserId,
    /// The section it is about; None for the whole document.
    pub section: Option<i32>,
    pub text: String,
    pub created_at: NaiveDateTime,
    pub hidden: Option<Hiding>,
    pub answer_id: Option<ConsultationAnswerId>,
    /// How many citizens support it.
    pub supports: i64,
}

impl Comment {
    pub fn is_visible(&self) -> bool {
        self.hidden.is_none()
    }
}

/// The agency's answer to one comment or to a group of similar ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub id: ConsultationAnswerId,
    pub consultation_id: ConsultationId,
    pub position: AnswerPosition,
    pub explanation: String,
    pub answered_by: UserId,
    pub answered_at: NaiveDateTime,
}

/// How a commenter is shown in public: "Công dân" and six hexadecimal digits derived from the
/// consultation and the person, the same on every comment they make on it, different elsewhere.
pub fn pseudonym(consultation: &ConsultationId, author: &UserId) -> String {
    let digest = Sha256::digest(format!("{consultation}:{author}").as_bytes());
    let short: String = digest.iter().take(3).map(|b| format!("{b:02x}")).collect();
    format!("Công dân {short}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pseudonym_is_stable_within_a_consultation_and_differs_across_them() {
        let one = ConsultationId::parse("7f1c2a52-0000-4000-8000-000000000001").unwrap();
        let two = ConsultationId::parse("7f1c2a52-0000-4000-8000-000000000002").unwrap();
        let person = UserId::parse("7f1c2a52-0000-4000-8000-0000000000aa").unwrap();
        assert_eq!(pseudonym(&one, &person), pseudonym(&one, &person));
        assert_ne!(pseudonym(&one, &person), pseudonym(&two, &person));
        assert!(pseudonym(&one, &person).starts_with("Công dân "));
        assert_eq!(pseudonym(&one, &person).chars().count(), "Công dân ".chars().count() + 6);
    }
}
