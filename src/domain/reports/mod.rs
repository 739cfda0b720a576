//! What pakn publishes and reports: which petitions the public sees, how each public figure is
//! defined and computed from counts, and (as it comes) the periodic report's tables.

pub mod definitions;
pub mod open_data;
pub mod statistics;
