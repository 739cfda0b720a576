//! The people supervise (issue #13): the audit chain that makes the history tamper-evident, and
//! (as they come) monitors' findings, recommendations and closure checks.

pub mod audit;
