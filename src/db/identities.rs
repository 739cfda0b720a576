//! Petitioner identities, kept apart from petitions: plain, sealed, offline or anonymous.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::petitioner_identities;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = petitioner_identities)]
pub struct IdentityRow {
    pub petition_id: String,
    pub storage: String,
    pub pseudonym: String,
    pub full_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub co_petitioners: Option<String>,
    pub sealed: Option<String>,
    pub offline_reference: Option<String>,
}

pub fn insert(connection: &mut DbConnection, row: &IdentityRow) -> QueryResult<usize> {
    diesel::insert_into(petitioner_identities::table).values(row).execute(connection)
}

pub fn find(connection: &mut DbConnection, petition_id: &str) -> QueryResult<Option<IdentityRow>> {
    petitioner_identities::table.find(petition_id).select(IdentityRow::as_select()).first(connection).optional()
}
