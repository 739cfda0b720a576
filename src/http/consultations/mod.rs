//! `/api/v1/consultations`, `/api/v1/public/consultations`, the consultation rules, the overseers'
//! listing and the subscriptions: public consultation, from the draft to the synthesis.

pub mod comments;
pub mod documents;
pub mod meetings;
pub mod oversight;
pub mod public;
pub mod publishing;
pub mod rules;
pub mod subscriptions;
pub mod synthesis;
mod wire;
