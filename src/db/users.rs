//! Queries over user accounts and the terms of heads of agencies.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{head_terms, users};
use super::{DbConnection, MultiBackend};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub full_name: String,
    pub phone: Option<String>,
    pub role: String,
    pub agency_id: Option<String>,
    pub scope_admin_unit_code: Option<String>,
    pub language: String,
    pub password_hash: Option<String>,
    pub email_verified_at: Option<NaiveDateTime>,
    pub disabled_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUserRow<'a> {
    pub id: &'a str,
    pub email: &'a str,
    pub full_name: &'a str,
    pub phone: Option<&'a str>,
    pub role: &'a str,
    pub agency_id: Option<&'a str>,
    pub scope_admin_unit_code: Option<&'a str>,
    pub language: &'a str,
    pub password_hash: Option<&'a str>,
    pub email_verified_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert(connection: &mut DbConnection, row: &NewUserRow) -> QueryResult<usize> {
    diesel::insert_into(users::table).values(row).execute(connection)
}

pub fn find(connection: &mut DbConnection, id: &str) -> QueryResult<Option<UserRow>> {
    users::table.find(id).select(UserRow::as_select()).first(connection).optional()
}

pub fn find_by_email(connection: &mut DbConnection, email: &str) -> QueryResult<Option<UserRow>> {
    users::table.filter(users::email.eq(email)).select(UserRow::as_select()).first(connection).optional()
}

pub fn set_password(connection: &mut DbConnection, id: &str, hash: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set((users::password_hash.eq(hash), users::updated_at.eq(now)))
        .execute(connection)
}

pub fn mark_email_verified(connection: &mut DbConnection, id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(users::table.find(id).filter(users::email_verified_at.is_null()))
        .set((users::email_verified_at.eq(now), users::updated_at.eq(now)))
        .execute(connection)
}

/// The fields an administrator may change, all at once.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = users, treat_none_as_null = true)]
pub struct UserAssignment<'a> {
    pub role: &'a str,
    pub agency_id: Option<&'a str>,
    pub scope_admin_unit_code: Option<&'a str>,
    pub updated_at: NaiveDateTime,
}

pub fn assign(connection: &mut DbConnection, id: &str, assignment: &UserAssignment) -> QueryResult<usize> {
    diesel::update(users::table.find(id)).set(assignment).execute(connection)
}

pub fn set_disabled(
    connection: &mut DbConnection,
    id: &str,
    disabled_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set((users::disabled_at.eq(disabled_at), users::updated_at.eq(now)))
        .execute(connection)
}

/// What a user may change of their own profile.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = users)]
pub struct ProfileChange<'a> {
    pub full_name: Option<&'a str>,
    pub phone: Option<Option<&'a str>>,
    pub language: Option<&'a str>,
    pub updated_at: NaiveDateTime,
}

pub fn update_profile(connection: &mut DbConnection, id: &str, change: &ProfileChange) -> QueryResult<usize> {
    diesel::update(users::table.find(id)).set(change).execute(connection)
}

#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    pub role: Option<String>,
    pub agency_id: Option<String>,
    /// Matches the start of the e-mail address.
    pub email_prefix: Option<String>,
}

fn filtered(filter: &UserFilter) -> users::BoxedQuery<'static, MultiBackend> {
    let mut query = users::table.into_boxed();
    if let Some(role) = &filter.role {
        query = query.filter(users::role.eq(role.clone()));
    }
    if let Some(agency) = &filter.agency_id {
        query = query.filter(users::agency_id.eq(agency.clone()));
    }
    if let Some(prefix) = &filter.email_prefix {
        // The prefix was checked to hold no LIKE wildcards.
        query = query.filter(users::email.like(format!("{prefix}%")));
    }
    query
}

/// A page of users in e-mail order, after the e-mail a previous page ended on.
pub fn list(
    connection: &mut DbConnection,
    filter: &UserFilter,
    after_email: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<UserRow>> {
    let mut query = filtered(filter);
    if let Some(email) = after_email {
        query = query.filter(users::email.gt(email.to_string()));
    }
    query.order(users::email.asc()).limit(limit).select(UserRow::as_select()).load(connection)
}

pub fn count(connection: &mut DbConnection, filter: &UserFilter) -> QueryResult<i64> {
    filtered(filter).count().get_result(connection)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = head_terms)]
pub struct HeadTermRow {
    pub id: String,
    pub agency_id: String,
    pub user_id: String,
    pub started_at: NaiveDateTime,
    pub ended_at: Option<NaiveDateTime>,
}

pub fn current_head_term(connection: &mut DbConnection, agency_id: &str) -> QueryResult<Option<HeadTermRow>> {
    head_terms::table
        .filter(head_terms::agency_id.eq(agency_id))
        .filter(head_terms::ended_at.is_null())
        .select(HeadTermRow::as_select())
        .first(connection)
        .optional()
}

pub fn head_terms_of_agency(connection: &mut DbConnection, agency_id: &str) -> QueryResult<Vec<HeadTermRow>> {
    head_terms::table
        .filter(head_terms::agency_id.eq(agency_id))
        .order(head_terms::started_at.desc())
        .select(HeadTermRow::as_select())
        .load(connection)
}

/// Ends every open term the user holds (they stop being head anywhere).
pub fn end_terms_of_user(connection: &mut DbConnection, user_id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(head_terms::table.filter(head_terms::user_id.eq(user_id)).filter(head_terms::ended_at.is_null()))
        .set(head_terms::ended_at.eq(now))
        .execute(connection)
}

pub fn end_term(connection: &mut DbConnection, term_id: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(head_terms::table.find(term_id)).set(head_terms::ended_at.eq(now)).execute(connection)
}

pub fn start_term(
    connection: &mut DbConnection,
    agency_id: &str,
    user_id: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::insert_into(head_terms::table)
        .values((
            head_terms::id.eq(uuid::Uuid::new_v4().to_string()),
            head_terms::agency_id.eq(agency_id),
            head_terms::user_id.eq(user_id),
            head_terms::started_at.eq(now),
        ))
        .execute(connection)
}
