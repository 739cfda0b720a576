//! The queries behind what pakn publishes and reports: figures counted by the database, grouped,
//! never by loading petitions.

pub mod statistics;
