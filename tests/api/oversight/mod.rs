//! Supervision and inspection: the audit chain that makes the history tamper-evident, findings
//! and their evidence, recommendations and closure checks, and the steering committees'
//! inspectors.

mod audit;
mod closure_checks;
mod evidence;
mod findings;
mod inspectors;
mod recommendations;
