//! `/api/v1/holidays` and `/api/v1/holiday-years`: the listed days of a year's working calendar,
//! whether the government has announced the year, and administrators listing a day, removing it,
//! or marking a year announced.

use actix_web::{HttpResponse, web};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::authorization::Action;
use crate::domain::calendar::{CalendarYear, DayKind, ListedDay, YearStatus};
use crate::error::ApiError;
use crate::http::extract::{JsonBody, QueryCheck};
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, vietnam_time};
use crate::service::Context;
use crate::service::reference::calendar::{self, DayEntry, YEARS};

#[derive(Debug, Serialize)]
pub struct CalendarDayResponse {
    date: NaiveDate,
    kind: DayKind,
    /// False for holidays and days off, true for make-up working days.
    working_day: bool,
    name_vi: String,
    name_en: String,
    source: String,
    /// True while the government has not announced the day's year: the day is derived from the
    /// Labour Code and may move.
    provisional: bool,
}

impl CalendarDayResponse {
    fn new(listed: ListedDay, year: YearStatus) -> Self {
        CalendarDayResponse {
            date: listed.day,
            working_day: listed.kind.is_working_day(),
            kind: listed.kind,
            name_vi: listed.name_vi,
            name_en: listed.name_en,
            source: listed.source,
            provisional: year != YearStatus::Announced,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayParams {
    year: Option<String>,
}

/// The year's holidays, days off and make-up working days, in date order. The working week is
/// Monday to Friday; every day not listed follows it.
pub async fn list_holidays(
    context: web::Data<Context>,
    params: web::Query<HolidayParams>,
) -> Result<web::Json<ListResponse<CalendarDayResponse>>, ApiError> {
    let mut check = QueryCheck::default();
    let year = check
        .optional("year", params.year.as_deref(), |text| match text.parse::<i32>() {
            Ok(year) if YEARS.contains(&year) => Ok(year),
            _ => Err(format!("must be a year from {} to {}", YEARS.start(), YEARS.end())),
        })
        .unwrap_or_else(|| context.today().year());
    check.finish()?;
    let (days, status) = context.run(move |c, _| calendar::days_of_year(c, year)).await?;
    Ok(web::Json(ListResponse::complete(days.into_iter().map(|day| CalendarDayResponse::new(day, status)).collect())))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarDayRequest {
    kind: String,
    name_vi: String,
    name_en: String,
    source: String,
}

fn day_in_path(path: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(path, "%Y-%m-%d")
        .map_err(|_| ApiError::NotFound(format!("{path:?} is not a date YYYY-MM-DD")))
}

/// Lists a day (201) or replaces what the calendar said of it (200).
pub async fn put_holiday(
    context: web::Data<Context>,
    signed_in: SignedIn,
    date: web::Path<String>,
    body: JsonBody<CalendarDayRequest>,
) -> Result<HttpResponse, ApiError> {
    signed_in.may(&Action::ManageReferenceData)?;
    let day = day_in_path(&date)?;
    let b = body.0;
    let entry = DayEntry { kind: b.kind, name_vi: b.name_vi, name_en: b.name_en, source: b.source };
    let (actor, now) = (signed_in.actor().user_id.clone(), context.now());
    let (listed, status, created) =
        context.run_changing_reference(move |c, _| calendar::put_day(c, &actor, day, entry, now)).await?;
    let body = CalendarDayResponse::new(listed, status);
    Ok(if created { HttpResponse::Created().json(body) } else { HttpResponse::Ok().json(body) })
}

pub async fn delete_holiday(
    context: web::Data<Context>,
    signed_in: SignedIn,
    date: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    signed_in.may(&Action::ManageReferenceData)?;
    let day = day_in_path(&date)?;
    let (actor, now) = (signed_in.actor().user_id.clone(), context.now());
    context.run_changing_reference(move |c, _| calendar::remove_day(c, &actor, day, now)).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Serialize)]
pub struct CalendarYearResponse {
    year: i32,
    status: YearStatus,
    source: String,
    updated_at: chrono::DateTime<chrono::FixedOffset>,
}

impl From<CalendarYear> for CalendarYearResponse {
    fn from(year: CalendarYear) -> Self {
        CalendarYearResponse {
            year: year.year,
            status: year.status,
            source: year.source,
            updated_at: vietnam_time(year.updated_at),
        }
    }
}

/// The years the calendar speaks of, and whether each is announced.
pub async fn list_holiday_years(
    context: web::Data<Context>,
) -> Result<web::Json<ListResponse<CalendarYearResponse>>, ApiError> {
    let years = context.run(|c, _| calendar::years(c)).await?;
    Ok(web::Json(ListResponse::complete(years.into_iter().map(Into::into).collect())))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarYearRequest {
    status: String,
    source: String,
}

/// Marks a year announced (naming the act) or provisional again.
pub async fn put_holiday_year(
    context: web::Data<Context>,
    signed_in: SignedIn,
    year: web::Path<String>,
    body: JsonBody<CalendarYearRequest>,
) -> Result<web::Json<CalendarYearResponse>, ApiError> {
    signed_in.may(&Action::ManageReferenceData)?;
    let year = year.parse::<i32>().ok().filter(|year| YEARS.contains(year)).ok_or_else(|| {
        ApiError::NotFound(format!("{year:?} is not a year from {} to {}", YEARS.start(), YEARS.end()))
    })?;
    let (actor, now) = (signed_in.actor().user_id.clone(), context.now());
    let b = body.0;
    let saved = context
        .run_changing_reference(move |c, _| calendar::set_year(c, &actor, year, (&b.status, &b.source), now))
        .await?;
    Ok(web::Json(saved.into()))
}
