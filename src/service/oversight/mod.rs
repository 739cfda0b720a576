//! The people supervise (issue #13): the audit chain that makes the history tamper-evident,
//! monitors' findings, recommendations tracked to their remedy, the files that are their evidence, and closure
//! checks.

pub mod audit;
pub mod closure_checks;
pub mod evidence;
pub mod findings;
pub mod recommendations;
pub mod rules;
