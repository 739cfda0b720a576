//! Petitions: filing, following and reading them, their petitioners, evidence, conversation and
//! second-time complaints, and who is told of what happens to them.

pub mod appeals;
pub mod attachments;
pub mod filing;
pub mod messages;
pub mod notices;
pub mod petitioners;
pub mod views;
