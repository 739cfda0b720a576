//! The handling workflow's steps on a petition, and moving petitions after a reorganisation.

pub mod agency_work;
pub mod steps;
