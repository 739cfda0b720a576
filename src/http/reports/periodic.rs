//! `GET /api/v1/reports/periodic`: the six-month or annual report's statistical appendix, as
//! JSON, CSV or XLSX, in Vietnamese or English; and `/api/v1/admin/report-periods`, the days
//! each kind of report covers, which administrators set.

use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::domain::account::Language;
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::authorization::Action;
use crate::domain::ids::UserId;
use crate::domain::reports::periods::{PeriodBounds, PeriodKind};
use crate::error::ApiError;
use crate::http::extract::{JsonBody, QueryCheck};
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, vietnam_time};
use crate::service::Context;
use crate::service::reports::periodic::files::{self, ReportFormat};
use crate::service::reports::periodic::periods::{self, NewBounds};
use crate::service::reports::periodic::{self, ReportRequest};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportParams {
    period: String,
    format: Option<String>,
    lang: Option<String>,
    admin_unit: Option<String>,
}

pub async fn get_periodic_report(
    context: web::Data<Context>,
    signed_in: SignedIn,
    params: web::Query<ReportParams>,
) -> Result<HttpResponse, ApiError> {
    signed_in.may(&Action::ReadPeriodicReport)?;
    let params = params.into_inner();
    let mut check = QueryCheck::default();
    let format = check.optional("format", params.format.as_deref(), |t| {
        t.parse::<ReportFormat>().map_err(|_| "is json, csv or xlsx")
    });
    let language = check.optional("lang", params.lang.as_deref(), |t| t.parse::<Language>().map_err(|_| "is vi or en"));
    let admin_unit = check.optional("admin_unit", params.admin_unit.as_deref(), AdminUnitCode::parse);
    check.finish()?;
    let (format, language) = (format.unwrap_or(ReportFormat::Json), language.unwrap_or(Language::Vietnamese));
    let request = ReportRequest { period: params.period, admin_unit };
    let (actor, now, today) = (signed_in.actor().clone(), context.now(), context.today());
    let (name, bytes) = context
        .run(move |c, _| {
            let report = periodic::build(c, &actor, request, now, today)?;
            Ok((files::file_name(&report, format), files::write(&report, format, language)?))
        })
        .await?;
    let mut response = HttpResponse::Ok();
    response.content_type(format.content_type()).insert_header(("Cache-Control", "private, no-store"));
    if format != ReportFormat::Json {
        response.insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![
                DispositionParam::Filename(name.clone()),
                DispositionParam::FilenameExt(header::ExtendedValue {
                    charset: header::Charset::Ext("UTF-8".into()),
                    language_tag: None,
                    value: name.into_bytes(),
                }),
            ],
        });
    }
    Ok(response.body(bytes))
}

#[derive(Debug, Serialize)]
pub struct ReportPeriodResponse {
    period: PeriodKind,
    starts: String,
    starts_previous_year: bool,
    ends: String,
    basis: String,
    changed_by: Option<UserId>,
    updated_at: DateTime<FixedOffset>,
}

fn month_day((month, day): (u32, u32)) -> String {
    format!("{month:02}-{day:02}")
}

impl From<PeriodBounds> for ReportPeriodResponse {
    fn from(b: PeriodBounds) -> Self {
        ReportPeriodResponse {
            period: b.kind,
            starts: month_day(b.starts),
            starts_previous_year: b.starts_previous_year,
            ends: month_day(b.ends),
            basis: b.basis,
            changed_by: b.changed_by,
            updated_at: vietnam_time(b.updated_at),
        }
    }
}

pub async fn list_report_periods(
    context: web::Data<Context>,
    signed_in: SignedIn,
) -> Result<web::Json<ListResponse<ReportPeriodResponse>>, ApiError> {
    signed_in.may(&Action::ManageReferenceData)?;
    let listed = context.run(|c, _| periods::list(c)).await?;
    Ok(web::Json(ListResponse::complete(listed.into_iter().map(Into::into).collect())))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportPeriodRequest {
    starts: String,
    starts_previous_year: bool,
    ends: String,
    basis: String,
}

/// "MM-DD" as a month and day (whether every year has it is the service's to check).
fn parse_month_day(text: &str) -> Option<(u32, u32)> {
    let (month, day) = text.split_once('-')?;
    let digits = |t: &str| t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit());
    (digits(month) && digits(day)).then(|| Some((month.parse().ok()?, day.parse().ok()?)))?
}

pub async fn replace_report_period(
    context: web::Data<Context>,
    signed_in: SignedIn,
    period: web::Path<String>,
    body: JsonBody<ReportPeriodRequest>,
) -> Result<web::Json<ReportPeriodResponse>, ApiError> {
    signed_in.may(&Action::ManageReferenceData)?;
    let b = body.0;
    let mut errors = Vec::new();
    let mut day = |field: &str, text: &str| {
        parse_month_day(text).or_else(|| {
            errors.push(crate::domain::FieldError::new(field, "must be a month and day, MM-DD"));
            None
        })
    };
    let (starts, ends) = (day("starts", &b.starts), day("ends", &b.ends));
    let (Some(starts), Some(ends)) = (starts, ends) else {
        return Err(ApiError::Validation(errors));
    };
    let new = NewBounds { starts, starts_previous_year: b.starts_previous_year, ends, basis: b.basis };
    let (admin, now) = (signed_in.actor().user_id.clone(), context.now());
    let changed = context.run(move |c, _| periods::replace(c, &admin, &period, new, now)).await?;
    Ok(web::Json(changed.into()))
}
