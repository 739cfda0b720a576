//! The tables of personal data protection: notices, the access log, the rules, people's requests,
//! breaches, and the purges that retention rules call for.

pub mod breaches;
pub mod notices;
pub mod objections;
pub mod purge;
pub mod reads;
pub mod requests;
pub mod rules;
pub mod subjects;
