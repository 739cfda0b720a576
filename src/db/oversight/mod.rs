//! The tables of supervision: the audit chain and its anchors, findings, recommendations, closure
//! checks and the supervision rules.

pub mod anchors;
pub mod chain;
pub mod closure_checks;
pub mod findings;
pub mod recommendations;
pub mod rules;
