//! The audit chain over the event log: sealing what was committed, verifying the whole chain,
//! publishing its head as an anchor, and proving one petition's history against an anchor.

pub mod anchors;
pub mod proof;
pub mod seal;
pub mod verify;

use crate::domain::oversight::audit::ChainHash;
use crate::service::ServiceError;

/// A hash read from the chain's tables that is not one: the tables were written around pakn.
fn stored_hash(text: &str) -> Result<ChainHash, ServiceError> {
    ChainHash::parse(text)
        .ok_or_else(|| ServiceError::Internal(anyhow::anyhow!("the audit chain holds {text:?} as a hash")))
}
