//! Whether the service can do its work: the database answers a query. And what an operator
//! should see to before it matters: holiday years deadlines already reach that the government has
//! not announced.

use std::time::Duration;

use chrono::NaiveDate;
use diesel::connection::SimpleConnection;

use super::reference::calendar;
use super::{ServiceError, ServiceResult};
use crate::db::DbPool;

/// Readiness must answer quickly even when the database is gone or hangs, so the whole check (the
/// wait for a connection and its queries) takes at most this long.
const READY_TIMEOUT: Duration = Duration::from_secs(2);

/// Ready; with a warning for each thing an operator should see to. A check that outlives
/// [`READY_TIMEOUT`] is abandoned as `Context::run` abandons a request's work, and for the same
/// reasons safely: its thread keeps the connection until libpq returns.
pub async fn check_ready(pool: &DbPool, today: NaiveDate) -> ServiceResult<Vec<String>> {
    let pool = pool.clone();
    let check = tokio::task::spawn_blocking(move || {
        let mut connection = pool.get_timeout(READY_TIMEOUT).map_err(ServiceError::DatabaseUnavailable)?;
        connection
            .batch_execute("SELECT 1")
            .map_err(|e| ServiceError::Internal(anyhow::Error::new(e).context("the readiness query failed")))?;
        let years = calendar::provisional_years_ahead(&mut connection, today)?;
        Ok(years.iter().map(|year| provisional_year_warning(*year)).collect())
    });
    match tokio::time::timeout(READY_TIMEOUT, check).await {
        Ok(joined) => {
            joined.map_err(|joined| ServiceError::Internal(anyhow::anyhow!("readiness task failed: {joined}")))?
        }
        Err(_elapsed) => Err(ServiceError::DatabaseTimeout(READY_TIMEOUT)),
    }
}

pub fn provisional_year_warning(year: i32) -> String {
    format!(
        "the holidays of {year} are not announced: deadlines that fall in {year} are provisional; \
         list the government's days and PUT /api/v1/holiday-years/{year} once it announces them"
    )
}
