//! Petitions and their sub-resources: filing, reading, queues, evidence, messages, identity.

pub mod attachments;
pub mod endpoints;
pub mod messages;
pub mod responses;
