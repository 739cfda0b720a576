//! What pakn publishes over HTTP: the public lists of petitions, the public statistics and their
//! definitions (and, as they come, the open data and the periodic reports).

pub mod open_data;
pub mod public_petitions;
pub mod statistics;
