//! The queries behind what pakn publishes and reports: figures counted by the database, grouped,
//! never by loading petitions.
//!
//! The SQL is written out because the figures are many conditional sums diesel's DSL cannot
//! group; every value put into it is typed (instants, ids, codes, paths) and quoted here, never
//! text from a request.

pub mod names;
pub mod periodic;
pub mod periods;
pub mod petition_counts;
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

/// Reads the `|`-joined counts a query gives as one text column: the number of columns varies
/// with the query, and a row type per query would repeat every name the figures already have.
fn numbers(counts: &str) -> diesel::QueryResult<Vec<i64>> {
    counts
        .split('|')
        .map(|n| {
            n.parse().map_err(|_| diesel::result::Error::DeserializationError(format!("counts {counts:?}").into()))
        })
        .collect()
}

/// The counts as one text column, `|`-joined (see `numbers`).
fn joined(counts: &[String]) -> String {
    let texts: Vec<String> = counts.iter().map(|count| format!("CAST({count} AS TEXT)")).collect();
    texts.join(" || '|' || ")
}
