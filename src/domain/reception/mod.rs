//! Citizen reception (tiếp công dân): heads of agencies receive citizens in person on a published
//! schedule, citizens book a slot, and each session is recorded with the petitions it received.
//! The law sets a minimum of reception days per kind of agency, which changes over time.

pub mod minimum;
pub mod month;
pub mod sessions;
