//! Supervision: the audit chain that makes the history tamper-evident, findings,
//! recommendations and closure checks.

mod audit;
mod closure_checks;
mod evidence;
mod recommendations;
