//! The people supervise (issue #13): the audit chain that makes the history tamper-evident,
//! monitors' findings, and recommendations tracked to their remedy (closure checks come next).

pub mod audit;
pub mod findings;
pub mod recommendations;
pub mod rules;
