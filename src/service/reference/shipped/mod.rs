//! The data pakn ships with: categories, the Vietnamese holiday calendar, samples of Huế's
//! administrative units and agencies, and the statutory deadline rules. Each set is installed once
//! under its versioned name (an administrator's later edits are never undone), all dated by the
//! same `now`; the calendar's corrections reach installed databases (`calendar`).

use chrono::{NaiveDate, NaiveDateTime};

use crate::db::agencies::{self, AgencyChange, NewAgencyRow};
use crate::db::categories::{self, NewCategoryRow};
use crate::db::personal_data::{notices, rules};
use crate::db::{self, DbConnection, deadline_rules, seeds};
use crate::domain::agency::AgencyKind;
use crate::domain::category::CategoryCode;
use crate::domain::deadline::{DeadlineRuleVersion, default_rules};
use crate::domain::ids::{AgencyId, DeadlineRuleId};
use crate::domain::personal_data::notice::PrivacyNotice;
use crate::domain::personal_data::rules::{DataProtectionRule, shipped_rules};
use crate::service::reference::admin_unit_import;

mod calendar;

use crate::service::{ServiceError, ServiceResult};
pub use calendar::{Reconciled, shipped_calendar};

const CATEGORIES: &str = include_str!("../../../../migrations/data/categories.csv");
const HUE_ADMIN_UNITS: &str = include_str!("../../../../migrations/data/hue_admin_units_sample.csv");
const HUE_AGENCIES: &str = include_str!("../../../../migrations/data/hue_agencies_sample.csv");
const PRIVACY_NOTICE_VI: &str = include_str!("../../../../migrations/data/privacy_notice_v1.vi.md");
const PRIVACY_NOTICE_EN: &str = include_str!("../../../../migrations/data/privacy_notice_v1.en.md");

type Installer = fn(&mut DbConnection, NaiveDateTime) -> ServiceResult<()>;

/// Installs every shipped data set not yet installed; returns the names installed now.
pub fn install(connection: &mut DbConnection, now: NaiveDateTime) -> ServiceResult<Vec<&'static str>> {
    let sets: [(&'static str, Installer); 7] = [
        ("categories-v1", install_categories),
        // A new name for each corrected version: installed databases then receive the correction.
        ("vn-calendar-2025-2027-v2", |c, now| calendar::reconcile(c, now).map(|_| ())),
        ("hue-admin-units-sample-2025", |c, now| admin_unit_import::import_csv(c, HUE_ADMIN_UNITS, now).map(|_| ())),
        ("hue-agencies-sample-2025", |c, now| install_agencies(c, now).map(|_| ())),
        ("statutory-deadline-rules-v1", install_deadline_rules),
        ("privacy-notice-v1", install_privacy_notice),
        ("data-protection-rules-v1", install_data_protection_rules),
    ];
    let mut installed = Vec::new();
    for (name, install_set) in sets {
        let newly = db::transaction(connection, |connection| {
            if seeds::is_applied(connection, name)? {
                return Ok::<bool, ServiceError>(false);
            }
            install_set(connection, now)?;
            seeds::mark_applied(connection, name, now)?;
            Ok(true)
        })?;
        if newly {
            installed.push(name);
        }
    }
    Ok(installed)
}

fn shipped_file_broken(file: &str, error: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(anyhow::anyhow!("shipped {file} is malformed: {error}"))
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

fn install_categories(connection: &mut DbConnection, now: NaiveDateTime) -> ServiceResult<()> {
    for row in csv::Reader::from_reader(CATEGORIES.as_bytes()).deserialize::<CategoryCsvRow>() {
        let row = row.map_err(|e| shipped_file_broken("categories.csv", e))?;
        let code = CategoryCode::parse(&row.code).map_err(|e| shipped_file_broken("categories.csv", e))?;
        if categories::find(connection, &code)?.is_none() {
            categories::insert(
                connection,
                &NewCategoryRow {
                    code: code.as_str(),
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

#[derive(Debug, serde::Deserialize)]
struct AgencyCsvRow {
    code: String,
    name: String,
    name_en: Option<String>,
    kind: AgencyKind,
    admin_unit_code: String,
    parent_code: Option<String>,
    head_title: String,
    email: Option<String>,
    phone: Option<String>,
    address: Option<String>,
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
    successor_code: Option<String>,
}

/// Adds the sample of Huế's agencies that are not there yet (matched by code); returns how many
/// were added. Parents are named by code and must come earlier in the file or already exist.
pub fn install_agencies(connection: &mut DbConnection, now: NaiveDateTime) -> ServiceResult<usize> {
    db::transaction(connection, |connection| {
        let mut added = 0;
        let rows: Vec<AgencyCsvRow> = csv::Reader::from_reader(HUE_AGENCIES.as_bytes())
            .deserialize()
            .collect::<Result<_, _>>()
            .map_err(|e| shipped_file_broken("hue_agencies_sample.csv", e))?;
        for row in &rows {
            if agencies::find_by_code(connection, &row.code)?.is_some() {
                continue;
            }
            let parent_id = id_of(connection, row.parent_code.as_deref())?;
            let id = AgencyId::from(uuid::Uuid::new_v4());
            agencies::insert(
                connection,
                &NewAgencyRow {
                    id: id.as_str(),
                    code: &row.code,
                    created_at: now,
                    fields: AgencyChange {
                        name: &row.name,
                        name_en: row.name_en.as_deref(),
                        kind: row.kind.as_str(),
                        admin_unit_code: &row.admin_unit_code,
                        parent_id: parent_id.as_ref().map(AgencyId::as_str),
                        head_title: &row.head_title,
                        email: row.email.as_deref(),
                        phone: row.phone.as_deref(),
                        address: row.address.as_deref(),
                        valid_from: row.valid_from,
                        valid_to: row.valid_to,
                        // Successors may come later in the file: linked below.
                        successor_id: None,
                        updated_at: now,
                    },
                },
            )?;
            added += 1;
        }
        // Successors may come later in the file, so they are linked once every row exists.
        for row in rows.iter().filter(|row| row.successor_code.is_some()) {
            let successor_id = id_of(connection, row.successor_code.as_deref())?;
            agencies::set_successor(connection, &row.code, successor_id.as_ref().map(AgencyId::as_str))?;
        }
        Ok(added)
    })
}

fn id_of(connection: &mut DbConnection, code: Option<&str>) -> ServiceResult<Option<AgencyId>> {
    let Some(code) = code else { return Ok(None) };
    match agencies::find_by_code(connection, code)? {
        Some(agency) => Ok(Some(agency.id)),
        None => Err(shipped_file_broken("hue_agencies_sample.csv", format!("{code} is referenced before it exists"))),
    }
}

/// The statutory defaults, for every kind and round that has no rule yet.
fn install_deadline_rules(connection: &mut DbConnection, now: NaiveDateTime) -> ServiceResult<()> {
    for rule in default_rules() {
        if deadline_rules::current(connection, rule.kind, rule.round)?.is_none() {
            let id = DeadlineRuleId::from(uuid::Uuid::new_v4());
            let version = DeadlineRuleVersion { id, rule, valid_from: now, valid_to: None, changed_by: None };
            deadline_rules::insert(connection, &version)?;
        }
    }
    Ok(())
}

/// The first privacy notice, when none was published yet.
fn install_privacy_notice(connection: &mut DbConnection, now: NaiveDateTime) -> ServiceResult<()> {
    if notices::current(connection)?.is_none() {
        let notice = PrivacyNotice {
            version: 1,
            text_vi: PRIVACY_NOTICE_VI.into(),
            text_en: PRIVACY_NOTICE_EN.into(),
            published_at: now,
        };
        notices::insert(connection, &notice, None)?;
    }
    Ok(())
}

/// The shipped retention periods and clocks, for every rule not set yet.
fn install_data_protection_rules(connection: &mut DbConnection, now: NaiveDateTime) -> ServiceResult<()> {
    for (name, period, basis) in shipped_rules() {
        if rules::find(connection, name)?.is_none() {
            rules::save(connection, &DataProtectionRule { name, period, basis, changed_by: None, updated_at: now })?;
        }
    }
    Ok(())
}
