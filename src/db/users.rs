//! Queries over user accounts and the terms of heads of agencies; rows become `User` and
//! `HeadTerm` here.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::decode::Columns;
use super::schema::{head_terms, users};
use super::{DbConnection, MultiBackend};
use crate::domain::account::{HeadTerm, PasswordHash, Role, User};
use crate::domain::ids::{AgencyId, HeadTermId, UserId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
struct UserRow {
    id: String,
    email: String,
    full_name: String,
    phone: Option<String>,
    role: String,
    agency_id: Option<String>,
    scope_admin_unit_code: Option<String>,
    language: String,
    password_hash: Option<String>,
    email_verified_at: Option<NaiveDateTime>,
    disabled_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    reception_officer: bool,
}

const COLUMNS: Columns = Columns("users");

impl UserRow {
    fn into_user(self) -> QueryResult<User> {
        Ok(User {
            email: COLUMNS.parse("email", &self.email)?,
            role: COLUMNS.parse("role", &self.role)?,
            scope_admin_unit: COLUMNS.parse_optional("scope_admin_unit_code", self.scope_admin_unit_code.as_deref())?,
            language: COLUMNS.parse("language", &self.language)?,
            id: UserId::from_stored(self.id),
            full_name: self.full_name,
            phone: self.phone,
            agency_id: self.agency_id.map(AgencyId::from_stored),
            password_hash: self.password_hash.map(PasswordHash::new),
            email_verified_at: self.email_verified_at,
            disabled_at: self.disabled_at,
            created_at: self.created_at,
            updated_at: self.updated_at,
            reception_officer: self.reception_officer,
        })
    }
}

fn users_of(rows: Vec<UserRow>) -> QueryResult<Vec<User>> {
    rows.into_iter().map(UserRow::into_user).collect()
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

pub fn find(connection: &mut DbConnection, id: &UserId) -> QueryResult<Option<User>> {
    users::table
        .find(id.as_str())
        .select(UserRow::as_select())
        .get_result(connection)
        .optional()?
        .map(UserRow::into_user)
        .transpose()
}

pub fn find_by_email(connection: &mut DbConnection, email: &str) -> QueryResult<Option<User>> {
    let row =
        users::table.filter(users::email.eq(email)).select(UserRow::as_select()).get_result(connection).optional()?;
    row.map(UserRow::into_user).transpose()
}

pub fn set_password(
    connection: &mut DbConnection,
    id: &UserId,
    hash: &PasswordHash,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(users::table.find(id.as_str()))
        .set((users::password_hash.eq(hash.as_str()), users::updated_at.eq(now)))
        .execute(connection)
}

pub fn mark_email_verified(connection: &mut DbConnection, id: &UserId, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(users::table.find(id.as_str()).filter(users::email_verified_at.is_null()))
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
    pub reception_officer: bool,
    pub updated_at: NaiveDateTime,
}

pub fn set_reception_officer(
    connection: &mut DbConnection,
    id: &UserId,
    reception_officer: bool,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(users::table.find(id.as_str()))
        .set((users::reception_officer.eq(reception_officer), users::updated_at.eq(now)))
        .execute(connection)
}

pub fn assign(connection: &mut DbConnection, id: &UserId, assignment: &UserAssignment) -> QueryResult<usize> {
    diesel::update(users::table.find(id.as_str())).set(assignment).execute(connection)
}

pub fn set_disabled(
    connection: &mut DbConnection,
    id: &UserId,
    disabled_at: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(users::table.find(id.as_str()))
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

pub fn update_profile(connection: &mut DbConnection, id: &UserId, change: &ProfileChange) -> QueryResult<usize> {
    diesel::update(users::table.find(id.as_str())).set(change).execute(connection)
}

#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    pub role: Option<Role>,
    pub agency_id: Option<AgencyId>,
    /// Matches the start of the e-mail address.
    pub email_prefix: Option<String>,
}

fn filtered(filter: &UserFilter) -> users::BoxedQuery<'static, MultiBackend> {
    let mut query = users::table.into_boxed();
    if let Some(role) = filter.role {
        query = query.filter(users::role.eq(role.as_str()));
    }
    if let Some(agency) = &filter.agency_id {
        query = query.filter(users::agency_id.eq(agency.to_string()));
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
) -> QueryResult<Vec<User>> {
    let mut query = filtered(filter);
    if let Some(email) = after_email {
        query = query.filter(users::email.gt(email.to_string()));
    }
    users_of(query.order(users::email.asc()).limit(limit).select(UserRow::as_select()).load(connection)?)
}

pub fn count(connection: &mut DbConnection, filter: &UserFilter) -> QueryResult<i64> {
    filtered(filter).count().get_result(connection)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = head_terms)]
struct HeadTermRow {
    id: String,
    agency_id: String,
    user_id: String,
    started_at: NaiveDateTime,
    ended_at: Option<NaiveDateTime>,
}

impl From<HeadTermRow> for HeadTerm {
    fn from(row: HeadTermRow) -> Self {
        HeadTerm {
            id: HeadTermId::from_stored(row.id),
            agency_id: AgencyId::from_stored(row.agency_id),
            user_id: UserId::from_stored(row.user_id),
            started_at: row.started_at,
            ended_at: row.ended_at,
        }
    }
}

pub fn current_head_term(connection: &mut DbConnection, agency_id: &AgencyId) -> QueryResult<Option<HeadTerm>> {
    let row = head_terms::table
        .filter(head_terms::agency_id.eq(agency_id.as_str()))
        .filter(head_terms::ended_at.is_null())
        .select(HeadTermRow::as_select())
        .get_result(connection)
        .optional()?;
    Ok(row.map(HeadTerm::from))
}

pub fn head_terms_of_agency(connection: &mut DbConnection, agency_id: &AgencyId) -> QueryResult<Vec<HeadTerm>> {
    let rows = head_terms::table
        .filter(head_terms::agency_id.eq(agency_id.as_str()))
        .order(head_terms::started_at.desc())
        .select(HeadTermRow::as_select())
        .load(connection)?;
    Ok(rows.into_iter().map(HeadTerm::from).collect())
}

/// Ends every open term the user holds (they stop being head anywhere).
pub fn end_terms_of_user(connection: &mut DbConnection, user_id: &UserId, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(
        head_terms::table.filter(head_terms::user_id.eq(user_id.as_str())).filter(head_terms::ended_at.is_null()),
    )
    .set(head_terms::ended_at.eq(now))
    .execute(connection)
}

pub fn end_term(connection: &mut DbConnection, term_id: &HeadTermId, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(head_terms::table.find(term_id.as_str())).set(head_terms::ended_at.eq(now)).execute(connection)
}

pub fn start_term(
    connection: &mut DbConnection,
    term_id: &HeadTermId,
    agency_id: &AgencyId,
    user_id: &UserId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::insert_into(head_terms::table)
        .values((
            head_terms::id.eq(term_id.as_str()),
            head_terms::agency_id.eq(agency_id.as_str()),
            head_terms::user_id.eq(user_id.as_str()),
            head_terms::started_at.eq(now),
        ))
        .execute(connection)
}

/// Erases an account's personal data and closes it; the row stays, because petitions and events
/// refer to it. `placeholder` replaces the address (unique, and reachable by nobody).
pub fn erase(connection: &mut DbConnection, id: &UserId, placeholder: &str, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(users::table.find(id.as_str()).filter(users::erased_at.is_null()))
        .set((
            users::email.eq(placeholder),
            users::full_name.eq(""),
            users::phone.eq(None::<String>),
            users::password_hash.eq(None::<String>),
            users::reception_officer.eq(false),
            users::disabled_at.eq(now),
            users::erased_at.eq(now),
            users::updated_at.eq(now),
        ))
        .execute(connection)
}
