//! What pakn publishes and reports: the public lists of petitions, the public statistics, the
//! open data, and the six-month and annual reports.

mod open_data;
mod periodic;
mod public_statistics;
