//! Supervision over HTTP: the audit chain (verification, anchors, a petition's proven history),
//! findings, recommendations and their rules, the files that are their evidence, and closure
//! checks.

pub mod anchors;
pub mod audit;
pub mod closure_checks;
pub mod evidence;
pub mod findings;
pub mod recommendations;
pub mod rules;
pub mod trail;
