//! Queries over petition categories.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::categories;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = categories)]
pub struct CategoryRow {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub description_vi: String,
    pub description_en: String,
    pub priority: bool,
    pub sort_order: i32,
    pub active: bool,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
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
pub fn list(connection: &mut DbConnection, include_inactive: bool) -> QueryResult<Vec<CategoryRow>> {
    let mut query = categories::table.into_boxed();
    if !include_inactive {
        query = query.filter(categories::active.eq(true));
    }
    query
        .order((categories::sort_order.asc(), categories::code.asc()))
        .select(CategoryRow::as_select())
        .load(connection)
}

pub fn find(connection: &mut DbConnection, code: &str) -> QueryResult<Option<CategoryRow>> {
    categories::table.find(code).select(CategoryRow::as_select()).first(connection).optional()
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

pub fn update(connection: &mut DbConnection, code: &str, change: &CategoryChange) -> QueryResult<usize> {
    diesel::update(categories::table.find(code)).set(change).execute(connection)
}
