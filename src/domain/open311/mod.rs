//! Open311 GeoReport v2 in pakn's words: the keys clients file with, the services (one per
//! category and kind a citizen may file without signing in), and what a petition's status is
//! called in the standard.

mod attributes;
mod status;

use chrono::NaiveDateTime;

use crate::domain::category::CategoryCode;
use crate::domain::ids::{Open311KeyId, UserId};
use crate::domain::petition::PetitionKind;

pub use attributes::{ATTRIBUTES, Attribute, Datatype, check as check_attributes};
pub use status::{StandardStatus, status_after, status_notes, step_kinds};

/// The kinds an Open311 client files: those the law lets anyone file without proving who they
/// are. Complaints and denunciations need an identified petitioner (signed in, or in person).
pub const KINDS: [PetitionKind; 2] = [PetitionKind::Feedback, PetitionKind::Proposal];

/// A key an administrator issued to a named Open311 client. Only its hash is stored.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientKey {
    pub id: Open311KeyId,
    /// The app or dashboard it was issued to; recorded on every petition it files.
    pub client_name: String,
    pub created_by: UserId,
    pub created_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
}

impl ClientKey {
    pub fn is_revoked(&self) -> bool {
        self.revoked_at.is_some()
    }
}

/// An Open311 service: a kind of petition about a category, written `feedback-land`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceCode {
    pub kind: PetitionKind,
    pub category: CategoryCode,
}

impl ServiceCode {
    /// A code a client sent; None when it names no kind Open311 files or no well-formed category.
    pub fn parse(text: &str) -> Option<Self> {
        let (kind, category) = text.split_once('-')?;
        let kind = kind.parse::<PetitionKind>().ok().filter(|kind| KINDS.contains(kind))?;
        Some(ServiceCode { kind, category: CategoryCode::parse(category).ok()? })
    }

    pub fn of(kind: PetitionKind, category: &CategoryCode) -> Option<Self> {
        KINDS.contains(&kind).then(|| ServiceCode { kind, category: category.clone() })
    }
}

impl std::fmt::Display for ServiceCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-{}", self.kind, self.category.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_service_code_is_a_kind_open311_files_and_a_category() {
        let code = ServiceCode::parse("feedback-environmental_pollution").expect("a code");
        assert_eq!((code.kind, code.category.as_str()), (PetitionKind::Feedback, "environmental_pollution"));
        assert_eq!(code.to_string(), "feedback-environmental_pollution");
        for refused in ["complaint-land", "denunciation-land", "feedback", "feedback-", "feedback-Land", "-land", ""] {
            assert_eq!(ServiceCode::parse(refused), None, "{refused}");
        }
    }
}
