//! The version of the reference data, which triggers on its tables bump on every change
//! (migration `000026_reference_version`): what an in-memory copy is checked against.

use diesel::prelude::*;

use super::DbConnection;
use super::schema::reference_version;

pub fn current(connection: &mut DbConnection) -> QueryResult<i64> {
    reference_version::table.find(1).select(reference_version::version).get_result(connection)
}
