//! Queries over petition categories; rows become `Category` here.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::decode::Columns;
use super::schema::categories;
use crate::domain::category::{Category, CategoryCode};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = categories)]
struct CategoryRow {
    code: String,
    name_vi: String,
    name_en: String,
    description_vi: String,
    description_en: String,
    priority: bool,
    sort_order: i32,
    active: bool,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl CategoryRow {
    fn into_category(self) -> QueryResult<Category> {
        Ok(Category {
            code: Columns("categories").parse("code", &self.code)?,
            name_vi: self.name_vi,
            name_en: self.name_en,
            description_vi: self.description_vi,
            description_en: self.description_en,
            priority: self.priority,
            sort_order: self.sort_order,
            active: self.active,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = categories)]
pub struct NewCategoryRow<'a> {
    pub code: &'a str,
    pub name_vi: &'a str,
    pub name_en: &'a str,
    pub description_vi: &'a str,
    pub description_en: &'a str,
    pub priority: bool,
    pub sort_order: i32,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// All categories in display order; few enough never to need paging.
pub fn list(connection: &mut DbConnection, include_inactive: bool) -> QueryResult<Vec<Category>> {
    let mut query = categories::table.into_boxed();
    if !include_inactive {
        query = query.filter(categories::active.eq(true));
    }
    let rows = query
        .order((categories::sort_order.asc(), categories::code.asc()))
        .select(CategoryRow::as_select())
        .load(connection)?;
    rows.into_iter().map(CategoryRow::into_category).collect()
}

pub fn find(connection: &mut DbConnection, code: &CategoryCode) -> QueryResult<Option<Category>> {
    let row =
        categories::table.find(code.as_str()).select(CategoryRow::as_select()).get_result(connection).optional()?;
    row.map(CategoryRow::into_category).transpose()
}

pub fn insert(connection: &mut DbConnection, row: &NewCategoryRow) -> QueryResult<usize> {
    diesel::insert_into(categories::table).values(row).execute(connection)
}

#[derive(Debug, AsChangeset)]
#[diesel(table_name = categories)]
pub struct CategoryChange<'a> {
    pub name_vi: &'a str,
    pub name_en: &'a str,
    pub description_vi: &'a str,
    pub description_en: &'a str,
    pub priority: bool,
    pub sort_order: i32,
    pub active: bool,
    pub updated_at: NaiveDateTime,
}

pub fn update(connection: &mut DbConnection, code: &CategoryCode, change: &CategoryChange) -> QueryResult<usize> {
    diesel::update(categories::table.find(code.as_str())).set(change).execute(connection)
}
