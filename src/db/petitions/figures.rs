//! An agency's figures for its dashboard, counted in the database.

use chrono::NaiveDate;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::petitions;
use crate::domain::ids::AgencyId;
use crate::domain::petition::PetitionStatus;

/// An agency's figures for its dashboard.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgencyFigures {
    pub by_status: Vec<(PetitionStatus, i64)>,
    pub overdue: i64,
    pub due_by: i64,
    pub resolved: i64,
    pub average_days_to_resolve: Option<f64>,
}

pub fn agency_figures(
    connection: &mut DbConnection,
    agency_id: &AgencyId,
    today: NaiveDate,
    due_by: NaiveDate,
) -> QueryResult<AgencyFigures> {
    use diesel::dsl::{count_star, sum};
    let of_agency = || petitions::table.filter(petitions::assigned_agency_id.eq(agency_id.as_str()));
    let counted: Vec<(String, i64)> = of_agency()
        .group_by(petitions::status)
        .select((petitions::status, count_star()))
        .order(petitions::status.asc())
        .load(connection)?;
    let columns = crate::db::decode::Columns("petitions");
    let by_status = counted
        .into_iter()
        .map(|(status, n)| Ok((columns.parse("status", &status)?, n)))
        .collect::<QueryResult<_>>()?;
    let overdue = of_agency().filter(petitions::next_due.lt(today)).count().get_result(connection)?;
    let due_soon = of_agency()
        .filter(petitions::next_due.ge(today))
        .filter(petitions::next_due.le(due_by))
        .count()
        .get_result(connection)?;
    // SUM of an INTEGER is BIGINT on PostgreSQL and NUMERIC-free; divided here, not in SQL.
    let (resolved, total_days): (i64, Option<i64>) = of_agency()
        .filter(petitions::days_to_resolve.is_not_null())
        .select((count_star(), sum(petitions::days_to_resolve)))
        .get_result(connection)?;
    Ok(AgencyFigures {
        by_status,
        overdue,
        due_by: due_soon,
        resolved,
        average_days_to_resolve: total_days.filter(|_| resolved > 0).map(|days| days as f64 / resolved as f64),
    })
}
