//! What pakn publishes: the public lists of petitions and the public statistics (and, as they
//! come, the open data and the periodic reports).

mod open_data;
mod public_statistics;
