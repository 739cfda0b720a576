//! Supervision and inspection: the audit chain that makes the history tamper-evident, findings,
//! recommendations and closure checks, and the steering committees' inspectors.

mod audit;
mod closure_checks;
mod inspectors;
mod recommendations;
