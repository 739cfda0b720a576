//! Whether the service can do its work: the database answers a query. And what an operator
//! should see to before it matters: holiday years deadlines already reach that the government has
//! not announced.

use std::time::Duration;

use chrono::NaiveDate;
use diesel::connection::SimpleConnection;

use super::reference::calendar;
use super::{ServiceError, ServiceResult};
use crate::db::DbPool;

/// Readiness must answer quickly even when the database is gone, so it waits at most this long.
const READY_TIMEOUT: Duration = Duration::from_secs(2);

/// Ready; with a warning for each thing an operator should see to.
pub async fn check_ready(pool: &DbPool, today: NaiveDate) -> ServiceResult<Vec<String>> {
    let pool = pool.clone();
    tokio::task::spawn_blocking(move || {
        let mut connection = pool.get_timeout(READY_TIMEOUT).map_err(ServiceError::DatabaseUnavailable)?;
        connection
            .batch_execute("SELECT 1")
            .map_err(|e| ServiceError::Internal(anyhow::Error::new(e).context("the readiness query failed")))?;
        let years = calendar::provisional_years_ahead(&mut connection, today)?;
        Ok(years.iter().map(|year| provisional_year_warning(*year)).collect())
    })
    .await
    .map_err(|joined| ServiceError::Internal(anyhow::anyhow!("readiness task failed: {joined}")))?
}

pub fn provisional_year_warning(year: i32) -> String {
    format!(
        "the holidays of {year} are not announced: deadlines that fall in {year} are provisional; \
         list the government's days and PUT /api/v1/holiday-years/{year} once it announces them"
    )
}
