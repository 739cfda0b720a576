//! The reference data's resources: administrative units, agencies, categories, holidays, and the
//! deadline and routing rules.

pub mod admin_units;
pub mod agencies;
pub mod categories;
pub mod deadline_rules;
pub mod holidays;
pub mod routing_rules;
