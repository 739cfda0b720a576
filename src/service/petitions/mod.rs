//! Petitions: filing, reading and listing them, keeping their petitioners, evidence, the
//! conversation, second-time complaints, and who is told of what happens to them.

pub mod access;
pub mod appeals;
pub mod attachments;
pub mod filing;
pub mod messages;
pub mod notices;
pub mod petitioners;
pub mod public_pages;
pub mod queues;
pub mod tracking_codes;
pub mod views;
