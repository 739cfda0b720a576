//! Citizen-reception days: the minimum rules, the sessions of the heads' schedules, and the
//! citizens' bookings.

pub mod bookings;
pub mod rules;
pub mod sessions;
