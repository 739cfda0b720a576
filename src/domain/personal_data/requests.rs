//! A person's requests over their data, each with the statutory clock it runs against (Decree
//! 356/2025/NĐ-CP Art. 5), and the correction of a petitioner's details.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::domain::ids::{DataRequestId, PetitionId, UserId};
use crate::domain::petition::petitioner::Petitioner;

crate::text_enum! {
    pub enum DataRequestKind {
        /// See and export everything pakn holds about me.
        Export => "export",
        /// Correct my details as the petitioner of a petition; its handling agency confirms.
        Correction => "correction",
        /// Erase my account where the law lets it go.
        Erasure => "erasure",
        /// Object to, or stop objecting to, processing the law does not require.
        Objection => "objection",
    }
}

crate::text_enum! {
    pub enum DataRequestStatus {
        /// Waiting for the handling agency (a correction).
        Open => "open",
        Completed => "completed",
        Refused => "refused",
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataRequest {
    pub id: DataRequestId,
    /// Gone once the account is erased: the request stays, counted, but names nobody.
    pub user_id: Option<UserId>,
    pub kind: DataRequestKind,
    pub status: DataRequestStatus,
    pub received_at: NaiveDateTime,
    pub due_at: NaiveDateTime,
    pub completed_at: Option<NaiveDateTime>,
    /// What was done, in words and counts: never the data itself.
    pub outcome: Option<String>,
    /// The petition a correction is about.
    pub petition_id: Option<PetitionId>,
    /// Who decided a correction.
    pub decided_by: Option<UserId>,
}

crate::text_enum! {
    /// Processing the handling laws do not require, which a person may object to.
    pub enum OptionalProcessing {
        /// E-mailed news of each step in their petitions' handling (the agency's written notices,
        /// the status page and the receipt stay).
        EmailUpdates => "email_updates",
    }
}

/// The details a petitioner asks to have corrected: only those given change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub full_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

impl Correction {
    pub fn is_empty(&self) -> bool {
        self.full_name.is_none() && self.email.is_none() && self.phone.is_none() && self.address.is_none()
    }

    /// The petitioner with the corrected details; co-petitioners are theirs to correct.
    pub fn applied_to(&self, petitioner: &Petitioner) -> Petitioner {
        let or = |new: &Option<String>, old: &Option<String>| new.clone().or_else(|| old.clone());
        Petitioner {
            full_name: or(&self.full_name, &petitioner.full_name),
            email: or(&self.email, &petitioner.email),
            phone: or(&self.phone, &petitioner.phone),
            address: or(&self.address, &petitioner.address),
            co_petitioners: petitioner.co_petitioners.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_correction_changes_only_the_details_it_gives() {
        let before = Petitioner {
            full_name: Some("Nguyễn Văn Dan".into()),
            email: Some("dan@example.vn".into()),
            phone: None,
            address: Some("12 Lê Lợi".into()),
            co_petitioners: Vec::new(),
        };
        let correction = Correction {
            full_name: Some("Nguyễn Văn Dân".into()),
            phone: Some("0914 123 456".into()),
            ..Correction::default()
        };
        let after = correction.applied_to(&before);
        assert_eq!(after.full_name.as_deref(), Some("Nguyễn Văn Dân"));
        assert_eq!(after.phone.as_deref(), Some("0914 123 456"));
        assert_eq!((after.email, after.address), (before.email, before.address));
        assert!(Correction::default().is_empty() && !correction.is_empty());
    }
}
