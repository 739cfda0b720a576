//! The access log: each read of a person's data by staff, who read it (their role and agency at
//! the time) and why, when an unsealing needed a reason.

use chrono::NaiveDateTime;

use crate::domain::account::Role;
use crate::domain::ids::{AgencyId, AttachmentId, DataReadId, PetitionId, UserId};

crate::text_enum! {
    /// What was read.
    pub enum RecordRead {
        /// A petition's petitioner block: name, contacts, address, co-petitioners.
        Petitioner => "petitioner",
        /// A confidential identity, unsealed by a reception officer.
        Identity => "identity",
        /// An evidence file (it may show anyone's data).
        Attachment => "attachment",
        /// An account's contact details.
        Account => "account",
    }
}

/// Whose data: a petition's petitioner, or an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOf {
    Petition(PetitionId),
    Attachment(PetitionId, AttachmentId),
    Account(UserId),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataRead {
    pub id: DataReadId,
    pub read_at: NaiveDateTime,
    pub reader_id: UserId,
    pub reader_role: Role,
    pub reader_agency_id: Option<AgencyId>,
    pub record: RecordRead,
    pub of: ReadOf,
    pub reason: Option<String>,
}
