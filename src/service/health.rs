//! Whether the service can do its work: the database answers a query.

use std::time::Duration;

use diesel::connection::SimpleConnection;

use super::{ServiceError, ServiceResult};
use crate::db::DbPool;

/// Readiness must answer quickly even when the database is gone, so it waits at most this long.
const READY_TIMEOUT: Duration = Duration::from_secs(2);

pub async fn check_ready(pool: &DbPool) -> ServiceResult<()> {
    let pool = pool.clone();
    tokio::task::spawn_blocking(move || {
        let mut connection = pool.get_timeout(READY_TIMEOUT).map_err(ServiceError::DatabaseUnavailable)?;
        connection
            .batch_execute("SELECT 1")
            .map_err(|e| ServiceError::Internal(anyhow::Error::new(e).context("the readiness query failed")))
    })
    .await
    .map_err(|joined| ServiceError::Internal(anyhow::anyhow!("readiness task failed: {joined}")))?
}
