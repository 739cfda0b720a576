//! The queries behind what pakn publishes and reports: figures counted by the database, grouped,
//! never by loading petitions.
//!
//! The SQL is written out because the figures are many conditional sums diesel's DSL cannot
//! group; every value put into it is typed (instants, ids, codes, paths) and quoted here, never
//! text from a request.

pub mod periodic;
pub mod periods;
pub mod statistics;

use chrono::NaiveDateTime;

fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn instant(at: NaiveDateTime) -> String {
    quoted(&at.format("%Y-%m-%d %H:%M:%S").to_string())
}

/// `, <how many rows meet condition> AS name`, for a SELECT list.
fn count_when(condition: &str, name: &str) -> String {
    format!(", COALESCE(SUM(CASE WHEN {condition} THEN 1 ELSE 0 END), 0) AS {name}")
}

/// ` AND petitions.admin_unit_path` within `unit`'s subtree (nothing without a unit).
fn within(unit: Option<&crate::domain::admin_unit::UnitPath>) -> String {
    unit.map_or_else(String::new, |unit| {
        let (from, to) = crate::db::petitions::subtree(unit);
        format!(" AND petitions.admin_unit_path >= {} AND petitions.admin_unit_path < {}", quoted(&from), quoted(&to))
    })
}
