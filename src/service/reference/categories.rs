//! Petition categories as citizens choose them.

use crate::db::DbConnection;
use crate::db::categories::{self, CategoryRow};
use crate::service::{ServiceError, ServiceResult};

pub fn list(connection: &mut DbConnection) -> ServiceResult<Vec<CategoryRow>> {
    Ok(categories::list(connection, false)?)
}

pub fn find(connection: &mut DbConnection, code: &str) -> ServiceResult<CategoryRow> {
    categories::find(connection, code)?
        .ok_or_else(|| ServiceError::NotFound(format!("no category has the code {code:?}")))
}
