//! `pakn seed --demo`: accounts for every role and petitions for them to work on.

pub mod accounts;
pub mod petitions;
