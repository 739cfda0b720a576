//! Which shipped data sets have been installed, so each is installed once and never re-imposed.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::DbConnection;
use super::schema::applied_seeds;

pub fn is_applied(connection: &mut DbConnection, name: &str) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(applied_seeds::table.filter(applied_seeds::name.eq(name))))
        .get_result(connection)
}

pub fn mark_applied(connection: &mut DbConnection, name: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::insert_into(applied_seeds::table)
        .values((applied_seeds::name.eq(name), applied_seeds::applied_at.eq(now)))
        .execute(connection)
}
