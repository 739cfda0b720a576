//! A personal data breach as an administrator records it: what happened, when it was discovered
//! (the notification clock runs from then), and the people it touched, named by account or by
//! petition so that a confidential petitioner is reached without being listed.

use chrono::NaiveDateTime;

use crate::domain::ids::{BreachId, PetitionId, UserId};

/// Someone a breach touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Affected {
    Account(UserId),
    /// The petitioner of a petition, whoever they are.
    Petitioner(PetitionId),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breach {
    pub id: BreachId,
    pub summary: String,
    pub occurred_at: Option<NaiveDateTime>,
    pub discovered_at: NaiveDateTime,
    pub recorded_at: NaiveDateTime,
    pub recorded_by: UserId,
    /// When the authority must have been notified by (the rule's period after discovery).
    pub authority_due_at: NaiveDateTime,
    pub authority_notified_at: Option<NaiveDateTime>,
    pub people_notified_at: Option<NaiveDateTime>,
    /// What the people were told.
    pub notice: Option<String>,
    pub affected: Vec<Affected>,
}
