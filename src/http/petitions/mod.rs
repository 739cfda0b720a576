//! Petitions and their sub-resources: filing, reading one, queues, the public status page, the
//! petitioner's identity, evidence and messages; `responses` holds their JSON shapes.

pub mod attachments;
pub mod filing;
pub mod identity;
pub mod messages;
pub mod petition;
pub mod public;
pub mod queues;
pub mod responses;
