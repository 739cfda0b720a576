//! Supervision's rules: the audit chain's arithmetic (and, as they come, findings,
//! recommendations and closure checks).

pub mod audit;
