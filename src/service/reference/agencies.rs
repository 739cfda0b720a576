//! Agencies: listing and looking them up, and administrators creating and editing them. Every
//! change is checked whole, written in one transaction and recorded as an event.

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::json;

use crate::db::agencies::{self, AgencyChange, AgencyFilter, NewAgencyRow};
use crate::db::{self, DbConnection, admin_units};
use crate::domain::FieldError;
use crate::domain::account::{Email, check_phone};
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::agency::{Agency, AgencyCode, AgencyKind};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::{AgencyId, UserId};
use crate::domain::pagination::{Cursor, PageSize};
use crate::domain::text::{optional_reference_text, reference_text};
use crate::domain::validity::Validity;
use crate::service::page::Page;
use crate::service::{ServiceError, ServiceResult, events};

#[derive(Debug, Clone)]
pub struct AgencyQuery {
    pub kind: Option<AgencyKind>,
    pub admin_unit: Option<AdminUnitCode>,
    pub parent_id: Option<AgencyId>,
    pub valid_on: Option<NaiveDate>,
    pub size: PageSize,
    pub cursor: Option<Cursor>,
}

pub fn list(connection: &mut DbConnection, query: &AgencyQuery) -> ServiceResult<Page<Agency>> {
    let filter = AgencyFilter {
        kind: query.kind.map(|kind| kind.as_str().to_string()),
        admin_unit_code: query.admin_unit.as_ref().map(|code| code.as_str().to_string()),
        parent_id: query.parent_id.as_ref().map(ToString::to_string),
        valid_on: query.valid_on,
    };
    let after = query.cursor.as_ref().map(|cursor| cursor.0.as_str());
    let rows = agencies::list(connection, &filter, after, query.size.get() + 1)?;
    let total = agencies::count(connection, &filter)?;
    Ok(Page::from_rows(rows, query.size, total, |agency| agency.code.to_string()))
}

/// The agency with the id a client sent, whatever its dates; None when no agency has it (an id
/// that is no UUID included).
pub fn known(connection: &mut DbConnection, id: &str) -> ServiceResult<Option<Agency>> {
    match AgencyId::parse(id) {
        Ok(id) => Ok(agencies::find(connection, &id)?),
        Err(_) => Ok(None),
    }
}

/// The agency with the id a client sent, if it is in force on `day`.
pub fn in_force(connection: &mut DbConnection, id: &str, day: NaiveDate) -> ServiceResult<Option<Agency>> {
    Ok(known(connection, id)?.filter(|agency| agency.in_force_on(day)))
}

/// An agency with its parent, so that "who is above" needs no second request.
#[derive(Debug, Clone)]
pub struct AgencyDetail {
    pub agency: Agency,
    pub parent: Option<Agency>,
    pub successor: Option<Agency>,
}

pub fn find(connection: &mut DbConnection, id: &AgencyId) -> ServiceResult<AgencyDetail> {
    let agency =
        agencies::find(connection, id)?.ok_or_else(|| ServiceError::NotFound(format!("no agency has the id {id}")))?;
    let mut find_linked = |linked: &Option<AgencyId>| -> ServiceResult<Option<Agency>> {
        Ok(match linked {
            Some(id) => agencies::find(connection, id)?,
            None => None,
        })
    };
    let parent = find_linked(&agency.parent_id)?;
    let successor = find_linked(&agency.successor_id)?;
    Ok(AgencyDetail { agency, parent, successor })
}

/// An agency as an administrator describes it (for creation, or the whole of an update).
#[derive(Debug, Clone, Default)]
pub struct AgencyFields {
    pub code: String,
    pub name: String,
    pub name_en: Option<String>,
    pub kind: String,
    pub admin_unit_code: String,
    pub parent_id: Option<String>,
    pub head_title: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
    pub successor_id: Option<String>,
}

impl AgencyFields {
    /// The fields as they are written, on creation and on every change.
    fn change(&self, now: NaiveDateTime) -> AgencyChange<'_> {
        AgencyChange {
            name: &self.name,
            name_en: self.name_en.as_deref(),
            kind: &self.kind,
            admin_unit_code: &self.admin_unit_code,
            parent_id: self.parent_id.as_deref(),
            head_title: &self.head_title,
            email: self.email.as_deref(),
            phone: self.phone.as_deref(),
            address: self.address.as_deref(),
            valid_from: self.valid_from,
            valid_to: self.valid_to,
            successor_id: self.successor_id.as_deref(),
            updated_at: now,
        }
    }

    pub fn of(agency: &Agency) -> Self {
        AgencyFields {
            code: agency.code.to_string(),
            name: agency.name.clone(),
            name_en: agency.name_en.clone(),
            kind: agency.kind.to_string(),
            admin_unit_code: agency.admin_unit_code.to_string(),
            parent_id: agency.parent_id.as_ref().map(ToString::to_string),
            head_title: agency.head_title.clone(),
            email: agency.email.clone(),
            phone: agency.phone.clone(),
            address: agency.address.clone(),
            valid_from: agency.validity.from,
            valid_to: agency.validity.to,
            successor_id: agency.successor_id.as_ref().map(ToString::to_string),
        }
    }

    /// Checks every field and every reference; `own_id` is the agency being edited, if any.
    fn check(mut self, connection: &mut DbConnection, own_id: Option<&AgencyId>) -> ServiceResult<Self> {
        let mut errors = Vec::new();
        if let Err(e) = AgencyCode::parse(&self.code) {
            errors.push(FieldError::new("code", e.to_string()));
        }
        self.name = reference_text(&mut errors, "name", &self.name, 300, false);
        self.name_en = optional_reference_text(&mut errors, "name_en", self.name_en.as_deref(), 300);
        if let Err(e) = self.kind.parse::<AgencyKind>() {
            errors.push(FieldError::new("kind", e.to_string()));
        }
        self.head_title = reference_text(&mut errors, "head_title", &self.head_title, 200, false);
        self.email = match self.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
            Some(email) => Email::parse(email).map_or_else(
                |m| {
                    errors.push(FieldError::new("email", m));
                    None
                },
                |e| Some(e.to_string()),
            ),
            None => None,
        };
        self.phone = match self.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            Some(phone) => check_phone(phone).map_or_else(
                |m| {
                    errors.push(FieldError::new("phone", m));
                    None
                },
                Some,
            ),
            None => None,
        };
        self.address = optional_reference_text(&mut errors, "address", self.address.as_deref(), 500);
        if let Err(e) = Validity::new(self.valid_from, self.valid_to) {
            errors.push(FieldError::new("valid_to", e.to_string()));
        }
        match AdminUnitCode::parse(&self.admin_unit_code) {
            Ok(code) if !admin_units::versions_of(connection, code.as_str())?.is_empty() => {}
            _ => errors.push(FieldError::new("admin_unit_code", "is not a known administrative unit")),
        }
        for (field, reference) in [("parent_id", &mut self.parent_id), ("successor_id", &mut self.successor_id)] {
            if let Some(id) = reference.as_deref() {
                match known(connection, id)? {
                    None => errors.push(FieldError::new(field, "no agency has this id")),
                    Some(agency) if Some(&agency.id) == own_id => {
                        errors.push(FieldError::new(field, "cannot be the agency itself"));
                    }
                    // Kept in the canonical spelling, as every other reference is.
                    Some(agency) => *reference = Some(agency.id.to_string()),
                }
            }
        }
        if let (Some(own_id), Some(parent_id)) = (own_id, &self.parent_id)
            && is_descendant(connection, &AgencyId::from_stored(parent_id.clone()), own_id)?
        {
            errors.push(FieldError::new("parent_id", "would make the agency its own ancestor"));
        }
        if errors.is_empty() { Ok(self) } else { Err(ServiceError::Invalid(errors)) }
    }
}

/// True when `candidate` sits under `ancestor` in the parent chain.
fn is_descendant(connection: &mut DbConnection, candidate: &AgencyId, ancestor: &AgencyId) -> ServiceResult<bool> {
    let mut current = Some(candidate.clone());
    for _ in 0..64 {
        match current {
            Some(id) if &id == ancestor => return Ok(true),
            Some(id) => current = agencies::find(connection, &id)?.and_then(|a| a.parent_id),
            None => return Ok(false),
        }
    }
    Ok(true) // a chain this deep is already a cycle
}

pub fn create(
    connection: &mut DbConnection,
    actor: &UserId,
    fields: AgencyFields,
    now: NaiveDateTime,
) -> ServiceResult<AgencyDetail> {
    db::transaction(connection, |c| {
        let fields = fields.check(c, None)?;
        if agencies::find_by_code(c, &fields.code)?.is_some() {
            return Err(ServiceError::Conflict(format!("an agency already has the code {}", fields.code)));
        }
        let id = AgencyId::from(uuid::Uuid::new_v4());
        agencies::insert(
            c,
            &NewAgencyRow { id: id.as_str(), code: &fields.code, created_at: now, fields: fields.change(now) },
        )?;
        events::record(
            c,
            Some(actor),
            EventKind::AgencyCreated,
            Subject::Agency(&id),
            json!({ "code": fields.code }),
            now,
        )?;
        find(c, &id)
    })
}

/// Applies `edit` to the agency's current fields and stores the result if it checks out.
pub fn update(
    connection: &mut DbConnection,
    actor: &UserId,
    id: &AgencyId,
    edit: impl FnOnce(&mut AgencyFields),
    now: NaiveDateTime,
) -> ServiceResult<AgencyDetail> {
    db::transaction(connection, |c| {
        let agency =
            agencies::find(c, id)?.ok_or_else(|| ServiceError::NotFound(format!("no agency has the id {id}")))?;
        let mut fields = AgencyFields::of(&agency);
        edit(&mut fields);
        fields.code = agency.code.to_string(); // codes are stable
        let fields = fields.check(c, Some(id))?;
        agencies::update(c, id, &fields.change(now))?;
        events::record(c, Some(actor), EventKind::AgencyUpdated, Subject::Agency(id), json!({}), now)?;
        find(c, id)
    })
}
