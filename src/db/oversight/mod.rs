//! The tables of supervision: the audit chain and its anchors, findings, recommendations, closure
//! checks, the files that are their evidence, and the supervision rules.

pub mod anchors;
pub mod chain;
pub mod closure_checks;
pub mod files;
pub mod findings;
pub mod recommendations;
pub mod rules;
