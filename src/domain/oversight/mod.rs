//! Supervision's rules: the audit chain's arithmetic, findings and recommendations, and closure
//! checks, and the files that are their evidence.

pub mod audit;
pub mod closure_checks;
pub mod files;
pub mod recommendations;
pub mod rules;
