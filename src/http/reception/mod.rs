//! Citizen reception over HTTP: the heads' schedules (kept by their agencies, public while
//! upcoming), citizens' bookings, each session's record, and the legal minimum with the months
//! that fall short of it.

pub mod bookings;
pub mod minimum;
pub mod public;
pub mod sessions;
mod wire;
