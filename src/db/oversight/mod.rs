//! The tables of supervision: the audit chain and its anchors, findings, recommendations and the
//! supervision rules.

pub mod anchors;
pub mod chain;
pub mod findings;
pub mod recommendations;
pub mod rules;
