//! The data pakn ships with: categories, the Vietnamese holiday calendar, and samples of Huế's
//! administrative units and agencies, each installed once (an administrator's later edits are
//! never undone).

use crate::db;

use crate::db::categories::{self, NewCategoryRow};
use crate::db::{DbConnection, now_utc, seeds};
use crate::service::{ServiceError, ServiceResult, reference::admin_unit_import};

const CATEGORIES: &str = include_str!("../../../migrations/data/categories.csv");
const CALENDAR: &str = include_str!("../../../migrations/data/vn_calendar_days.csv");
const HUE_ADMIN_UNITS: &str = include_str!("../../../migrations/data/hue_admin_units_sample.csv");

type Installer = fn(&mut DbConnection) -> ServiceResult<()>;

/// Installs every shipped data set not yet installed; returns the names installed now.
pub fn install(connection: &mut DbConnection) -> ServiceResult<Vec<&'static str>> {
    let sets: [(&'static str, Installer); 5] = [
        ("categories-v1", install_categories),
        ("vn-calendar-2025-2027", |c| crate::service::reference::calendar::import_csv(c, CALENDAR).map(|_| ())),
        ("hue-admin-units-sample-2025", |c| admin_unit_import::import_csv(c, HUE_ADMIN_UNITS).map(|_| ())),
        ("hue-agencies-sample-2025", |c| crate::service::reference::agencies::install_sample(c).map(|_| ())),
        ("statutory-deadline-rules-v1", crate::service::reference::deadline_rules::install_defaults),
    ];
    let mut installed = Vec::new();
    for (name, install_set) in sets {
        let newly = db::transaction(connection, |connection| {
            if seeds::is_applied(connection, name)? {
                return Ok::<bool, ServiceError>(false);
            }
            install_set(connection)?;
            seeds::mark_applied(connection, name)?;
            Ok(true)
        })?;
        if newly {
            installed.push(name);
        }
    }
    Ok(installed)
}

#[derive(Debug, serde::Deserialize)]
struct CategoryCsvRow {
    code: String,
    name_vi: String,
    name_en: String,
    description_vi: String,
    description_en: String,
    priority: bool,
    sort_order: i32,
}

fn install_categories(connection: &mut DbConnection) -> ServiceResult<()> {
    let now = now_utc();
    for row in csv::Reader::from_reader(CATEGORIES.as_bytes()).deserialize::<CategoryCsvRow>() {
        let row = row.map_err(|e| anyhow::anyhow!("shipped categories.csv is malformed: {e}"))?;
        if categories::find(connection, &row.code)?.is_none() {
            categories::insert(
                connection,
                &NewCategoryRow {
                    code: &row.code,
                    name_vi: &row.name_vi,
                    name_en: &row.name_en,
                    description_vi: &row.description_vi,
                    description_en: &row.description_en,
                    priority: row.priority,
                    sort_order: row.sort_order,
                    active: true,
                    created_at: now,
                    updated_at: now,
                },
            )?;
        }
    }
    Ok(())
}
