//! The people supervise (issue #13): the audit chain that makes the history tamper-evident,
//! monitors' findings, recommendations tracked to their remedy, and closure checks.

pub mod audit;
pub mod closure_checks;
pub mod findings;
pub mod recommendations;
pub mod rules;
