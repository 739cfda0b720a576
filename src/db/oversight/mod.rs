//! The tables of supervision: the audit chain and its anchors.

pub mod anchors;
pub mod chain;
