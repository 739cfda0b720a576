//! pakn: citizens' complaints, denunciations, feedback and proposals, routed to the head of the
//! responsible agency and tracked to resolution. Layers: `domain` ← `service` ← `http`, with `db`
//! under `service` and `error` the one place errors become HTTP.

pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod http;
pub mod jobs;
pub mod mail;
pub mod security;
pub mod service;
pub mod startup;
pub mod storage;
pub mod telemetry;
