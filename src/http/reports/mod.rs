//! What pakn publishes and reports over HTTP: the public lists of petitions, the public
//! statistics and their definitions, the open data, and the six-month and annual reports.

pub mod open_data;
pub mod periodic;
pub mod public_petitions;
pub mod statistics;
