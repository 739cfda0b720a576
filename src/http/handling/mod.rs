//! The handling workflow's steps on a petition, and moving petitions after a reorganisation.

pub mod reorganisation;
pub mod steps;
