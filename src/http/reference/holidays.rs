//! `GET /api/v1/holidays?year=`: the listed days of a year's working calendar.

use actix_web::web;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::db::calendar::CalendarDayRow;
use crate::domain::calendar::DayKind;
use crate::error::ApiError;
use crate::http::AppState;
use crate::http::extract::QueryCheck;
use crate::http::wire::ListResponse;
use crate::service::reference::calendar::{self, YEARS};
use crate::service::with_connection;

#[derive(Debug, Deserialize)]
pub struct HolidayParams {
    year: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CalendarDayResponse {
    date: NaiveDate,
    kind: String,
    /// False for holidays and days off, true for make-up working days.
    working_day: bool,
    name_vi: String,
    name_en: String,
    source: String,
}

impl From<CalendarDayRow> for CalendarDayResponse {
    fn from(row: CalendarDayRow) -> Self {
        CalendarDayResponse {
            date: row.day,
            working_day: row.kind == DayKind::MakeUpWorkingDay.as_str(),
            kind: row.kind,
            name_vi: row.name_vi,
            name_en: row.name_en,
            source: row.source,
        }
    }
}

/// The year's holidays, days off and make-up working days, in date order. The working week is
/// Monday to Friday; every day not listed follows it.
pub async fn list_holidays(
    state: web::Data<AppState>,
    params: web::Query<HolidayParams>,
) -> Result<web::Json<ListResponse<CalendarDayResponse>>, ApiError> {
    let mut check = QueryCheck::default();
    let year = check
        .optional("year", params.year.as_deref(), |text| match text.parse::<i32>() {
            Ok(year) if YEARS.contains(&year) => Ok(year),
            _ => Err(format!("must be a year from {} to {}", YEARS.start(), YEARS.end())),
        })
        .unwrap_or_else(|| state.clock.today_in_vietnam().year());
    check.finish()?;
    let rows = with_connection(&state.pool, move |c| calendar::days_of_year(c, year)).await?;
    Ok(web::Json(ListResponse::complete(rows.into_iter().map(Into::into).collect())))
}
