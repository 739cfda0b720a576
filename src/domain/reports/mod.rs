//! What pakn publishes and reports: which petitions the public sees, how each public figure is
//! defined and computed from counts, and the six-month and annual reports' periods and tables.

pub mod definitions;
pub mod open_data;
pub mod periodic;
pub mod periods;
pub mod statistics;
