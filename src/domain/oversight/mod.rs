//! Supervision's rules: the audit chain's arithmetic, findings and recommendations, and closure
//! checks.

pub mod audit;
pub mod closure_checks;
pub mod recommendations;
pub mod rules;
