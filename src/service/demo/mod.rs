//! `pakn seed --demo`: accounts for every role, petitions for them to work on, and the ward
//! chairman's next reception sessions.

pub mod accounts;
pub mod petitions;
pub mod reception;
