//! Supervision over HTTP: the audit chain (verification, anchors, a petition's proven history)
//! and, as they come, findings, recommendations and closure checks.

pub mod anchors;
pub mod audit;
pub mod trail;
