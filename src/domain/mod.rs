//! Pure rules of the domain: no actix, no diesel, no I/O, no clock reads.

pub mod account;
pub mod admin_unit;
pub mod agency;
pub mod authorization;
pub mod calendar;
pub mod category;
mod common_passwords;
pub mod consultations;
pub mod deadline;
pub mod events;
pub mod evidence;
pub mod field_error;
pub mod ids;
pub mod notice;
pub mod open311;
pub mod outbox;
pub mod oversight;
pub mod pagination;
pub mod personal_data;
pub mod petition;
pub mod reception;
pub mod reports;
pub mod routing;
pub mod rule_period;
pub mod search;
pub mod text;
pub mod text_enum;
pub mod throttle;
pub mod time;
pub mod tracking_code;
pub mod validity;
pub mod workflow;

pub use field_error::FieldError;
pub use text_enum::UnknownValue;
