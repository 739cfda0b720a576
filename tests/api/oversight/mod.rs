//! Supervision: the audit chain that makes the history tamper-evident (and, as they come,
//! findings, recommendations and closure checks).

mod audit;
mod recommendations;
