//! Agencies: listing, looking up, and the shipped sample of Huế's agencies.

use crate::db;
use chrono::NaiveDate;

use crate::db::agencies::{self, AgencyChange, AgencyFilter, AgencyRow, NewAgencyRow};
use crate::db::{DbConnection, now_utc};
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::agency::AgencyKind;
use crate::domain::pagination::{Cursor, PageSize};
use crate::service::page::Page;
use crate::service::{ServiceError, ServiceResult};

#[derive(Debug, Clone)]
pub struct AgencyQuery {
    pub kind: Option<AgencyKind>,
    pub admin_unit: Option<AdminUnitCode>,
    pub parent_id: Option<uuid::Uuid>,
    pub valid_on: Option<NaiveDate>,
    pub size: PageSize,
    pub cursor: Option<Cursor>,
}

pub fn list(connection: &mut DbConnection, query: &AgencyQuery) -> ServiceResult<Page<AgencyRow>> {
    let filter = AgencyFilter {
        kind: query.kind.map(|kind| kind.as_str().to_string()),
        admin_unit_code: query.admin_unit.as_ref().map(|code| code.as_str().to_string()),
        parent_id: query.parent_id.map(|id| id.to_string()),
        valid_on: query.valid_on,
    };
    let after = query.cursor.as_ref().map(|cursor| cursor.0.as_str());
    let rows = agencies::list(connection, &filter, after, query.size.get() + 1)?;
    let total = agencies::count(connection, &filter)?;
    Ok(Page::from_rows(rows, query.size, total, |row| row.code.clone()))
}

/// The agency with the id a client sent, whatever its dates; None when no agency has it (an id
/// that is no UUID included).
pub fn known(connection: &mut DbConnection, id: &str) -> ServiceResult<Option<AgencyRow>> {
    if uuid::Uuid::parse_str(id).is_err() {
        return Ok(None);
    }
    Ok(agencies::find(connection, id)?)
}

/// The agency with the id a client sent, if it is in force on `day`.
pub fn in_force(connection: &mut DbConnection, id: &str, day: NaiveDate) -> ServiceResult<Option<AgencyRow>> {
    Ok(known(connection, id)?.filter(|agency| agency.in_force_on(day)))
}

/// An agency with its parent, so that "who is above" needs no second request.
#[derive(Debug, Clone)]
pub struct AgencyDetail {
    pub agency: AgencyRow,
    pub parent: Option<AgencyRow>,
    pub successor: Option<AgencyRow>,
}

pub fn find(connection: &mut DbConnection, id: uuid::Uuid) -> ServiceResult<AgencyDetail> {
    let agency = agencies::find(connection, &id.to_string())?
        .ok_or_else(|| ServiceError::NotFound(format!("no agency has the id {id}")))?;
    let parent = match &agency.parent_id {
        Some(parent_id) => agencies::find(connection, parent_id)?,
        None => None,
    };
    let successor = match &agency.successor_id {
        Some(successor_id) => agencies::find(connection, successor_id)?,
        None => None,
    };
    Ok(AgencyDetail { agency, parent, successor })
}

const HUE_AGENCIES_SAMPLE: &str = include_str!("../../../migrations/data/hue_agencies_sample.csv");

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
/// were added. Installed once with the reference data; administrators edit them afterwards.
/// Parents are named by code and must come earlier in the file or already exist.
pub fn install_sample(connection: &mut DbConnection) -> ServiceResult<usize> {
    db::transaction(connection, |connection| {
        let now = now_utc();
        let mut added = 0;
        let rows: Vec<AgencyCsvRow> = csv::Reader::from_reader(HUE_AGENCIES_SAMPLE.as_bytes())
            .deserialize()
            .collect::<Result<_, _>>()
            .map_err(|e| anyhow::anyhow!("shipped hue_agencies_sample.csv is malformed: {e}"))?;
        // Successors may come later in the file, so they are linked once every row exists.
        for row in &rows {
            if agencies::find_by_code(connection, &row.code)?.is_some() {
                continue;
            }
            let parent_id = id_of(connection, row.parent_code.as_deref())?;
            let id = uuid::Uuid::new_v4().to_string();
            agencies::insert(
                connection,
                &NewAgencyRow {
                    id: &id,
                    code: &row.code,
                    created_at: now,
                    fields: AgencyChange {
                        name: &row.name,
                        name_en: row.name_en.as_deref(),
                        kind: row.kind.as_str(),
                        admin_unit_code: &row.admin_unit_code,
                        parent_id: parent_id.as_deref(),
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
        for row in rows.iter().filter(|row| row.successor_code.is_some()) {
            let successor_id = id_of(connection, row.successor_code.as_deref())?;
            agencies::set_successor(connection, &row.code, successor_id.as_deref())?;
        }
        Ok(added)
    })
}

fn id_of(connection: &mut DbConnection, code: Option<&str>) -> ServiceResult<Option<String>> {
    let Some(code) = code else { return Ok(None) };
    match agencies::find_by_code(connection, code)? {
        Some(agency) => Ok(Some(agency.id)),
        None => Err(ServiceError::Internal(anyhow::anyhow!("sample agency {code} is referenced before it exists"))),
    }
}
