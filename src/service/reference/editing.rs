//! Administrators editing the reference data: agencies, categories and the holiday calendar.
//! Every change is checked whole, written in one transaction and recorded as an event.

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::json;

use crate::db::agencies::{self, AgencyChange, AgencyRow, NewAgencyRow};
use crate::db::calendar::{self, CalendarDayRow, NewCalendarDayRow};
use crate::db::categories::{self, CategoryChange, CategoryRow, NewCategoryRow};
use crate::db::{self, DbConnection, admin_units};
use crate::domain::FieldError;
use crate::domain::account::{Email, check_phone};
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::agency::AgencyKind;
use crate::domain::calendar::DayKind;
use crate::domain::category::is_valid_category_code;
use crate::domain::validity::Validity;
use crate::service::{ServiceError, ServiceResult, events};

/// A text field of bounded length, one line (or several when `multiline`).
fn text(errors: &mut Vec<FieldError>, field: &str, value: &str, max: usize, multiline: bool) -> String {
    let value = value.trim();
    let length = value.chars().count();
    let bad_control = value.chars().any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')));
    if length == 0 || length > max || bad_control {
        errors.push(FieldError::new(field, format!("must be 1 to {max} characters with no control characters")));
    }
    value.to_string()
}

fn optional_text(errors: &mut Vec<FieldError>, field: &str, value: Option<&str>, max: usize) -> Option<String> {
    value.map(str::trim).filter(|v| !v.is_empty()).map(|v| text(errors, field, v, max, false))
}

fn finish<T>(errors: Vec<FieldError>, value: T) -> ServiceResult<T> {
    if errors.is_empty() { Ok(value) } else { Err(ServiceError::Invalid(errors)) }
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

    pub fn from_row(row: &AgencyRow) -> Self {
        AgencyFields {
            code: row.code.clone(),
            name: row.name.clone(),
            name_en: row.name_en.clone(),
            kind: row.kind.clone(),
            admin_unit_code: row.admin_unit_code.clone(),
            parent_id: row.parent_id.clone(),
            head_title: row.head_title.clone(),
            email: row.email.clone(),
            phone: row.phone.clone(),
            address: row.address.clone(),
            valid_from: row.valid_from,
            valid_to: row.valid_to,
            successor_id: row.successor_id.clone(),
        }
    }

    /// Checks every field and every reference; `own_id` is the agency being edited, if any.
    fn check(mut self, connection: &mut DbConnection, own_id: Option<&str>) -> ServiceResult<Self> {
        let mut errors = Vec::new();
        let code_ok = (2..=64).contains(&self.code.len())
            && self.code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !self.code.starts_with('-');
        if !code_ok {
            errors.push(FieldError::new("code", "must be 2 to 64 lower-case letters, digits and hyphens"));
        }
        self.name = text(&mut errors, "name", &self.name, 300, false);
        self.name_en = optional_text(&mut errors, "name_en", self.name_en.as_deref(), 300);
        if let Err(e) = self.kind.parse::<AgencyKind>() {
            errors.push(FieldError::new("kind", e.to_string()));
        }
        self.head_title = text(&mut errors, "head_title", &self.head_title, 200, false);
        self.email = match self.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
            Some(email) => Email::parse(email).map(|e| Some(e.to_string())).unwrap_or_else(|m| {
                errors.push(FieldError::new("email", m));
                None
            }),
            None => None,
        };
        self.phone = match self.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            Some(phone) => check_phone(phone).map(Some).unwrap_or_else(|m| {
                errors.push(FieldError::new("phone", m));
                None
            }),
            None => None,
        };
        self.address = optional_text(&mut errors, "address", self.address.as_deref(), 500);
        if let Err(e) = Validity::new(self.valid_from, self.valid_to) {
            errors.push(FieldError::new("valid_to", e.to_string()));
        }
        match AdminUnitCode::parse(&self.admin_unit_code) {
            Ok(code) if !admin_units::versions_of(connection, code.as_str())?.is_empty() => {}
            _ => errors.push(FieldError::new("admin_unit_code", "is not a known administrative unit")),
        }
        for (field, reference) in [("parent_id", &self.parent_id), ("successor_id", &self.successor_id)] {
            if let Some(id) = reference {
                let exists = crate::service::reference::agencies::known(connection, id)?.is_some();
                if !exists {
                    errors.push(FieldError::new(field, "no agency has this id"));
                } else if Some(id.as_str()) == own_id {
                    errors.push(FieldError::new(field, "cannot be the agency itself"));
                }
            }
        }
        if let (Some(own_id), Some(parent_id)) = (own_id, &self.parent_id)
            && is_descendant(connection, parent_id, own_id)?
        {
            errors.push(FieldError::new("parent_id", "would make the agency its own ancestor"));
        }
        finish(errors, self)
    }
}

/// True when `candidate` sits under `ancestor` in the parent chain.
fn is_descendant(connection: &mut DbConnection, candidate: &str, ancestor: &str) -> ServiceResult<bool> {
    let mut current = Some(candidate.to_string());
    for _ in 0..64 {
        match current {
            Some(id) if id == ancestor => return Ok(true),
            Some(id) => current = agencies::find(connection, &id)?.and_then(|a| a.parent_id),
            None => return Ok(false),
        }
    }
    Ok(true) // a chain this deep is already a cycle
}

pub fn create_agency(
    connection: &mut DbConnection,
    actor: &str,
    fields: AgencyFields,
    now: NaiveDateTime,
) -> ServiceResult<AgencyRow> {
    db::transaction(connection, |c| {
        let fields = fields.check(c, None)?;
        if agencies::find_by_code(c, &fields.code)?.is_some() {
            return Err(ServiceError::Conflict(format!("an agency already has the code {}", fields.code)));
        }
        let id = uuid::Uuid::new_v4().to_string();
        agencies::insert(
            c,
            &NewAgencyRow { id: &id, code: &fields.code, created_at: now, fields: fields.change(now) },
        )?;
        events::record(c, Some(actor), "agency.created", ("agency", &id), json!({ "code": fields.code }), now)?;
        agencies::find(c, &id)?.ok_or_else(|| ServiceError::NotFound("the new agency vanished".into()))
    })
}

/// Applies `edit` to the agency's current fields and stores the result if it checks out.
pub fn update_agency(
    connection: &mut DbConnection,
    actor: &str,
    id: &str,
    edit: impl FnOnce(&mut AgencyFields),
    now: NaiveDateTime,
) -> ServiceResult<AgencyRow> {
    db::transaction(connection, |c| {
        let row = agencies::find(c, id)?.ok_or_else(|| ServiceError::NotFound(format!("no agency has the id {id}")))?;
        let mut fields = AgencyFields::from_row(&row);
        edit(&mut fields);
        fields.code = row.code.clone(); // codes are stable
        let fields = fields.check(c, Some(id))?;
        agencies::update(c, id, &fields.change(now))?;
        events::record(c, Some(actor), "agency.updated", ("agency", id), json!({}), now)?;
        agencies::find(c, id)?.ok_or_else(|| ServiceError::NotFound("the agency vanished".into()))
    })
}

#[derive(Debug, Clone, Default)]
pub struct CategoryFields {
    pub name_vi: String,
    pub name_en: String,
    pub description_vi: String,
    pub description_en: String,
    pub priority: bool,
    pub sort_order: i32,
    pub active: bool,
}

impl CategoryFields {
    fn check(mut self) -> ServiceResult<Self> {
        let mut errors = Vec::new();
        self.name_vi = text(&mut errors, "name_vi", &self.name_vi, 200, false);
        self.name_en = text(&mut errors, "name_en", &self.name_en, 200, false);
        for (field, value) in
            [("description_vi", &mut self.description_vi), ("description_en", &mut self.description_en)]
        {
            if !value.trim().is_empty() {
                *value = text(&mut errors, field, value, 2000, true);
            }
        }
        if !(0..=100_000).contains(&self.sort_order) {
            errors.push(FieldError::new("sort_order", "must be from 0 to 100000"));
        }
        finish(errors, self)
    }

    pub fn from_row(row: &CategoryRow) -> Self {
        CategoryFields {
            name_vi: row.name_vi.clone(),
            name_en: row.name_en.clone(),
            description_vi: row.description_vi.clone(),
            description_en: row.description_en.clone(),
            priority: row.priority,
            sort_order: row.sort_order,
            active: row.active,
        }
    }
}

pub fn create_category(
    connection: &mut DbConnection,
    actor: &str,
    code: &str,
    fields: CategoryFields,
    now: NaiveDateTime,
) -> ServiceResult<CategoryRow> {
    let mut errors = Vec::new();
    if !is_valid_category_code(code) {
        errors.push(FieldError::new("code", "must be 2 to 64 lower-case letters, digits and underscores"));
    }
    let fields = match fields.check() {
        Ok(fields) => fields,
        Err(ServiceError::Invalid(mut more)) => {
            errors.append(&mut more);
            return Err(ServiceError::Invalid(errors));
        }
        Err(other) => return Err(other),
    };
    finish(errors, ())?;
    db::transaction(connection, |c| {
        if categories::find(c, code)?.is_some() {
            return Err(ServiceError::Conflict(format!("a category already has the code {code}")));
        }
        categories::insert(
            c,
            &NewCategoryRow {
                code,
                name_vi: &fields.name_vi,
                name_en: &fields.name_en,
                description_vi: &fields.description_vi,
                description_en: &fields.description_en,
                priority: fields.priority,
                sort_order: fields.sort_order,
                active: true,
                created_at: now,
                updated_at: now,
            },
        )?;
        events::record(c, Some(actor), "category.created", ("category", code), json!({}), now)?;
        categories::find(c, code)?.ok_or_else(|| ServiceError::NotFound("the new category vanished".into()))
    })
}

/// Categories are retired (`active = false`), never deleted: petitions keep pointing at them.
pub fn update_category(
    connection: &mut DbConnection,
    actor: &str,
    code: &str,
    edit: impl FnOnce(&mut CategoryFields),
    now: NaiveDateTime,
) -> ServiceResult<CategoryRow> {
    db::transaction(connection, |c| {
        let row = categories::find(c, code)?
            .ok_or_else(|| ServiceError::NotFound(format!("no category has the code {code:?}")))?;
        let mut fields = CategoryFields::from_row(&row);
        edit(&mut fields);
        let fields = fields.check()?;
        categories::update(
            c,
            code,
            &CategoryChange {
                name_vi: &fields.name_vi,
                name_en: &fields.name_en,
                description_vi: &fields.description_vi,
                description_en: &fields.description_en,
                priority: fields.priority,
                sort_order: fields.sort_order,
                active: fields.active,
                updated_at: now,
            },
        )?;
        events::record(
            c,
            Some(actor),
            "category.updated",
            ("category", code),
            json!({ "active": fields.active }),
            now,
        )?;
        categories::find(c, code)?.ok_or_else(|| ServiceError::NotFound("the category vanished".into()))
    })
}

/// What the calendar says of a listed day.
#[derive(Debug, Clone)]
pub struct CalendarEntry {
    pub kind: String,
    pub name_vi: String,
    pub name_en: String,
    pub source: String,
}

/// Lists a day in the calendar, or replaces what it said. True when the day was not listed before.
pub fn put_calendar_day(
    connection: &mut DbConnection,
    actor: &str,
    day: NaiveDate,
    entry: CalendarEntry,
    now: NaiveDateTime,
) -> ServiceResult<(CalendarDayRow, bool)> {
    let mut errors = Vec::new();
    let kind = entry.kind.parse::<DayKind>().map_err(|e| errors.push(FieldError::new("kind", e.to_string()))).ok();
    let name_vi = text(&mut errors, "name_vi", &entry.name_vi, 200, false);
    let name_en = text(&mut errors, "name_en", &entry.name_en, 200, false);
    let source = text(&mut errors, "source", &entry.source, 500, false);
    let Some(kind) = kind else { return Err(ServiceError::Invalid(errors)) };
    finish(errors, ())?;
    db::transaction(connection, |c| {
        let row = NewCalendarDayRow {
            day,
            kind: kind.as_str(),
            name_vi: &name_vi,
            name_en: &name_en,
            source: &source,
            created_at: now,
            updated_at: now,
        };
        let created = calendar::between(c, day, day)?.is_empty();
        if created {
            calendar::insert(c, &row)?;
        } else {
            calendar::update(c, &row)?;
        }
        events::record(
            c,
            Some(actor),
            "calendar.day_listed",
            ("calendar_day", &day.to_string()),
            json!({ "kind": kind.as_str() }),
            now,
        )?;
        let stored =
            calendar::between(c, day, day)?.pop().ok_or_else(|| ServiceError::NotFound("the day vanished".into()))?;
        Ok((stored, created))
    })
}

pub fn delete_calendar_day(
    connection: &mut DbConnection,
    actor: &str,
    day: NaiveDate,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    db::transaction(connection, |c| {
        if calendar::delete(c, day)? == 0 {
            return Err(ServiceError::NotFound(format!("{day} is not listed in the calendar")));
        }
        events::record(c, Some(actor), "calendar.day_removed", ("calendar_day", &day.to_string()), json!({}), now)
    })
}
