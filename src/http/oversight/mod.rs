//! Supervision over HTTP: the audit chain (verification, anchors, a petition's proven history),
//! findings, recommendations and their rules (closure checks come next).

pub mod anchors;
pub mod audit;
pub mod findings;
pub mod recommendations;
pub mod rules;
pub mod trail;
