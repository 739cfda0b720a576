//! Supervision's rules: the audit chain's arithmetic, findings and recommendations (and, as they
//! come, closure checks).

pub mod audit;
pub mod recommendations;
pub mod rules;
