//! Reference data: administrative units, agencies, categories, the holiday calendar, and the
//! deadline and routing rules; what pakn ships with, and administrators' edits.

pub mod admin_unit_import;
pub mod admin_units;
pub mod agencies;
pub mod cache;
pub mod calendar;
pub mod categories;
pub mod deadline_rules;
pub mod routing_rules;
pub mod shipped;
