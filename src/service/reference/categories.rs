//! Petition categories: listing them as citizens choose them, and administrators creating, editing
//! and retiring them (never deleting: petitions keep pointing at them).

use chrono::NaiveDateTime;
use serde_json::json;

use crate::db::categories::{self, CategoryChange, NewCategoryRow};
use crate::db::{self, DbConnection};
use crate::domain::FieldError;
use crate::domain::category::{Category, CategoryCode};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::UserId;
use crate::domain::text::reference_text;
use crate::service::{ServiceError, ServiceResult, events};

pub fn list(connection: &mut DbConnection) -> ServiceResult<Vec<Category>> {
    Ok(categories::list(connection, false)?)
}

pub fn find(connection: &mut DbConnection, code: &CategoryCode) -> ServiceResult<Category> {
    categories::find(connection, code)?
        .ok_or_else(|| ServiceError::NotFound(format!("no category has the code {:?}", code.as_str())))
}

/// What an administrator writes of a category.
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
    fn check(mut self, errors: &mut Vec<FieldError>) -> Self {
        self.name_vi = reference_text(errors, "name_vi", &self.name_vi, 200, false);
        self.name_en = reference_text(errors, "name_en", &self.name_en, 200, false);
        for (field, value) in
            [("description_vi", &mut self.description_vi), ("description_en", &mut self.description_en)]
        {
            if !value.trim().is_empty() {
                *value = reference_text(errors, field, value, 2000, true);
            }
        }
        if !(0..=100_000).contains(&self.sort_order) {
            errors.push(FieldError::new("sort_order", "must be from 0 to 100000"));
        }
        self
    }

    pub fn of(category: &Category) -> Self {
        CategoryFields {
            name_vi: category.name_vi.clone(),
            name_en: category.name_en.clone(),
            description_vi: category.description_vi.clone(),
            description_en: category.description_en.clone(),
            priority: category.priority,
            sort_order: category.sort_order,
            active: category.active,
        }
    }

    fn change(&self, now: NaiveDateTime) -> CategoryChange<'_> {
        CategoryChange {
            name_vi: &self.name_vi,
            name_en: &self.name_en,
            description_vi: &self.description_vi,
            description_en: &self.description_en,
            priority: self.priority,
            sort_order: self.sort_order,
            active: self.active,
            updated_at: now,
        }
    }
}

pub fn create(
    connection: &mut DbConnection,
    actor: &UserId,
    code: &str,
    fields: CategoryFields,
    now: NaiveDateTime,
) -> ServiceResult<Category> {
    let mut errors = Vec::new();
    let code = CategoryCode::parse(code).map_err(|e| errors.push(FieldError::new("code", e.to_string()))).ok();
    let fields = fields.check(&mut errors);
    let Some(code) = code.filter(|_| errors.is_empty()) else { return Err(ServiceError::Invalid(errors)) };
    db::transaction(connection, |c| {
        if categories::find(c, &code)?.is_some() {
            return Err(ServiceError::Conflict(format!("a category already has the code {code}")));
        }
        let change = fields.change(now);
        categories::insert(
            c,
            &NewCategoryRow {
                code: code.as_str(),
                name_vi: change.name_vi,
                name_en: change.name_en,
                description_vi: change.description_vi,
                description_en: change.description_en,
                priority: change.priority,
                sort_order: change.sort_order,
                active: true,
                created_at: now,
                updated_at: now,
            },
        )?;
        events::record(c, Some(actor), EventKind::CategoryCreated, Subject::Category(&code), json!({}), now)?;
        find(c, &code)
    })
}

/// Applies `edit` to the category's current fields and stores the result if it checks out.
pub fn update(
    connection: &mut DbConnection,
    actor: &UserId,
    code: &CategoryCode,
    edit: impl FnOnce(&mut CategoryFields),
    now: NaiveDateTime,
) -> ServiceResult<Category> {
    db::transaction(connection, |c| {
        let mut fields = CategoryFields::of(&find(c, code)?);
        edit(&mut fields);
        let mut errors = Vec::new();
        let fields = fields.check(&mut errors);
        if !errors.is_empty() {
            return Err(ServiceError::Invalid(errors));
        }
        categories::update(c, code, &fields.change(now))?;
        let data = json!({ "active": fields.active });
        events::record(c, Some(actor), EventKind::CategoryUpdated, Subject::Category(code), data, now)?;
        find(c, code)
    })
}
