//! Personal data as Law 91/2025/QH15 and Decree 356/2025/NĐ-CP require: the privacy notice and
//! when it was shown, the log of staff reading a person's data, the rules of retention and the
//! law's clocks, a person's requests over their data, and breaches.

pub mod breach;
pub mod notice;
pub mod reads;
pub mod requests;
pub mod rules;
