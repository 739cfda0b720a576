//! Personal data as Law 91/2025/QH15 and Decree 356/2025/NĐ-CP require: the notice people are
//! shown, the rules of retention and the law's clocks, the purges they call for, each person's
//! export and erasure, the access log as monitors read it, and breaches. The notice and the
//! access log are written where they happen (filing, registration, reads), through
//! `db::personal_data`; this capability reads and governs them.

pub mod breaches;
pub mod corrections;
pub mod erasure;
pub mod export;
pub mod notices;
pub mod objections;
pub mod reads;
pub mod requests;
pub mod retention;
pub mod rules;
