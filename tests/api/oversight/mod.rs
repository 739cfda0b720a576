//! Supervision: the audit chain that makes the history tamper-evident, findings and their
//! evidence, recommendations and closure checks.

mod audit;
mod closure_checks;
mod evidence;
mod findings;
mod recommendations;
