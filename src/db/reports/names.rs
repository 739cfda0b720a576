//! The names a report's tables print beside the codes they count: the units and the agencies the
//! groups name, each list read in one query rather than one a row.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{Date, Nullable, Text};

use super::quoted;
use crate::db::DbConnection;

#[derive(QueryableByName)]
struct UnitVersion {
    #[diesel(sql_type = Text)]
    code: String,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Nullable<Date>)]
    valid_from: Option<NaiveDate>,
    #[diesel(sql_type = Nullable<Date>)]
    valid_to: Option<NaiveDate>,
}

fn listed<'a>(values: impl Iterator<Item = &'a str>) -> String {
    values.map(quoted).collect::<Vec<_>>().join(", ")
}

/// Each unit's name: the version in force on `day`, else its newest (a unit dissolved since still
/// names the petitions it received). Codes no version has are left out.
pub fn units(connection: &mut DbConnection, codes: &[&str], day: NaiveDate) -> QueryResult<BTreeMap<String, String>> {
    if codes.is_empty() {
        return Ok(BTreeMap::new());
    }
    let sql = format!(
        "SELECT code, name, valid_from, valid_to FROM admin_units WHERE code IN ({})",
        listed(codes.iter().copied())
    );
    let mut versions: Vec<UnitVersion> = diesel::sql_query(sql).load(connection)?;
    // Oldest first ("since ever" before any day), so that the last kept of a code is its newest.
    versions.sort_by_key(|v| v.valid_from);
    let mut newest: BTreeMap<String, String> = BTreeMap::new();
    let mut in_force: BTreeMap<String, String> = BTreeMap::new();
    for version in versions {
        let started = version.valid_from.is_none_or(|from| from <= day);
        let not_ended = version.valid_to.is_none_or(|to| to >= day);
        if started && not_ended {
            in_force.entry(version.code.clone()).or_insert_with(|| version.name.clone());
        }
        newest.insert(version.code, version.name);
    }
    newest.extend(in_force);
    Ok(newest)
}

#[derive(QueryableByName)]
struct AgencyName {
    #[diesel(sql_type = Text)]
    id: String,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Nullable<Text>)]
    name_en: Option<String>,
}

/// Each agency's name in Vietnamese and, where it has one, in English.
pub fn agencies(
    connection: &mut DbConnection,
    ids: &[&str],
) -> QueryResult<BTreeMap<String, (String, Option<String>)>> {
    if ids.is_empty() {
        return Ok(BTreeMap::new());
    }
    let sql = format!("SELECT id, name, name_en FROM agencies WHERE id IN ({})", listed(ids.iter().copied()));
    let rows: Vec<AgencyName> = diesel::sql_query(sql).load(connection)?;
    Ok(rows.into_iter().map(|a| (a.id, (a.name, a.name_en))).collect())
}
