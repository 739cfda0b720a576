//! A person's requests over their data, each with the statutory clock it runs against.

use chrono::NaiveDateTime;

use crate::domain::ids::{DataRequestId, UserId};

crate::text_enum! {
    pub enum DataRequestKind {
        /// See and export everything pakn holds about me.
        Export => "export",
        /// Erase my account where the law lets it go.
        Erasure => "erasure",
    }
}

crate::text_enum! {
    pub enum DataRequestStatus {
        Completed => "completed",
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
}
