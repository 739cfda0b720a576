//! `requests.{xml,json}` (file one, list them), `requests/{id}.{xml,json}` and
//! `tokens/{token}.{xml,json}`. A request's id is its petition's tracking code. What is listed is
//! public only: no description, address, coordinates or media of the petitioner, who wrote them
//! to the agency, not to the world.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

use super::document::{Document, Field, Format, Record};
use super::errors::Failure;
use super::named;
use super::services::service_name;
use crate::domain::FieldError;
use crate::domain::account::Language;
use crate::domain::open311::{KINDS, ServiceCode, StandardStatus, status_notes};
use crate::domain::time::VIETNAM_OFFSET;
use crate::domain::tracking_code::TrackingCode;
use crate::error::ApiError;
use crate::http::personal_data::with_notice_shown;
use crate::http::signed_in::client_address;
use crate::http::wire::vietnam_time;
use crate::service::Context;
use crate::service::open311::requests::{self, RequestQuery, Submission};
use crate::service::petitions::views::PetitionView;

/// GeoReport v2's defaults: the last 90 days, at most 1,000 requests.
const DEFAULT_SPAN_DAYS: i64 = 90;
const MOST_REQUESTS: u32 = 1000;

/// A moment as GeoReport v2 writes it: W3C, to the second, with Vietnam's offset.
pub(super) fn w3c(at: NaiveDateTime) -> String {
    vietnam_time(at).to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// The end of a deadline's last day in Vietnam, as a moment.
fn end_of(day: NaiveDate) -> String {
    day.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default())
        .and_local_timezone(VIETNAM_OFFSET)
        .single()
        .map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
        .unwrap_or_default()
}

/// What the petitioner can expect, by the rule that applies, in the petition's language.
fn service_notice(view: &PetitionView) -> Option<String> {
    let vietnamese = view.petition.language == Language::Vietnamese;
    if let Some(deadline) = view.resolution.as_ref().filter(|d| d.met.is_none()) {
        let day = deadline.due.format("%d/%m/%Y");
        return Some(if vietnamese {
            format!("Cơ quan đã thụ lý; thời hạn giải quyết đến hết ngày {day}.")
        } else {
            format!("Accepted; the answer is due by law by the end of {day}.")
        });
    }
    let deadline = view.acceptance.as_ref().filter(|d| d.met.is_none())?;
    let day = deadline.due.format("%d/%m/%Y");
    Some(if vietnamese {
        format!("Đã tiếp nhận; cơ quan quyết định thụ lý đến hết ngày {day}, khi đó thời hạn giải quyết được xác định.")
    } else {
        format!("Received; the agency decides on accepting it by the end of {day}, which sets the answer's deadline.")
    })
}

fn request_record(view: &PetitionView, with_extensions: bool) -> Record {
    let petition = &view.petition;
    let status = StandardStatus::of(petition.status, false);
    let (code, name) = match &view.category {
        Some(category) => (
            ServiceCode::of(petition.kind, &category.code).map(|c| c.to_string()),
            Some(service_name(petition.kind, category)),
        ),
        None => (None, None),
    };
    let mut record = Record::default()
        .text("service_request_id", petition.tracking_code.as_str())
        .text("status", status.open_or_closed())
        .text("status_notes", status_notes(petition.status))
        .maybe("service_name", name)
        .maybe("service_code", code)
        .maybe("description", None)
        .maybe("agency_responsible", view.agency.as_ref().map(|a| a.name.clone()))
        .maybe("service_notice", service_notice(view))
        .text("requested_datetime", w3c(petition.received_at))
        .text("updated_datetime", w3c(petition.updated_at))
        .maybe("expected_datetime", view.resolution.as_ref().map(|d| end_of(d.due)))
        .maybe("address", view.unit_name.clone())
        .text("address_id", petition.admin_unit_code.as_str())
        .maybe("zipcode", None)
        .field("lat", Field::Number(None))
        .field("long", Field::Number(None))
        .maybe("media_url", None);
    if with_extensions {
        let notes = view
            .timeline
            .iter()
            .map(|event| {
                Record::default()
                    .text("datetime", w3c(event.occurred_at))
                    .maybe("description", event.note.clone())
                    .text("type", event.kind.as_str().trim_start_matches("petition."))
            })
            .collect();
        record = record.text("detailed_status", status.as_str()).field("notes", Field::Records("note", notes));
    }
    record
}

fn requests_document(records: Vec<Record>) -> Document {
    Document::List { root: "service_requests", item: "request", records }
}

/// POST `requests.{format}`: a form-encoded service request, filed at once (`type` realtime).
pub async fn submit(
    context: web::Data<Context>,
    format: Format,
    pairs: Vec<(String, String)>,
) -> Result<HttpResponse, Failure> {
    let submission = submission_of(pairs);
    let filed = context
        .run(move |c, context| requests::submit(c, context, submission))
        .await
        .map_err(|e| Failure::new(e, format))?;
    let view = filed.view.petition();
    let record = Record::default()
        .text("service_request_id", view.petition.tracking_code.as_str())
        .maybe("service_notice", service_notice(view))
        .maybe("account_id", None);
    let response = requests_document(vec![record]).respond(StatusCode::OK, format);
    Ok(with_notice_shown(response, filed.privacy_notice))
}

/// The form's fields; `attribute[code]` and `attribute[code][]` become attribute answers, and
/// parameters the standard allows but pakn does not use (`device_id`, `account_id`,
/// `jurisdiction_id` of the one jurisdiction served) are left aside.
fn submission_of(pairs: Vec<(String, String)>) -> Submission {
    let mut s = Submission::default();
    for (key, value) in pairs {
        if let Some(code) = key.strip_prefix("attribute[").and_then(|rest| rest.split(']').next()) {
            s.attributes.push((code.to_string(), value));
            continue;
        }
        let slot = match key.as_str() {
            "api_key" => &mut s.api_key,
            "service_code" => &mut s.service_code,
            "lat" => &mut s.lat,
            "long" => &mut s.long,
            "address_string" => &mut s.address_string,
            "address_id" => &mut s.address_id,
            "email" => &mut s.email,
            "first_name" => &mut s.first_name,
            "last_name" => &mut s.last_name,
            "phone" => &mut s.phone,
            "description" => &mut s.description,
            "media_url" => &mut s.media_url,
            _ => continue,
        };
        slot.get_or_insert(value);
    }
    s
}

/// A W3C date-time (or a plain date, from its first moment in Vietnam), as UTC.
pub(super) fn moment(field: &str, text: &str, errors: &mut Vec<FieldError>) -> Option<NaiveDateTime> {
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.naive_utc());
    }
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(day.and_time(NaiveTime::MIN) - TimeDelta::hours(7));
    }
    errors.push(FieldError::new(field, "must be a W3C date-time with its offset, e.g. 2026-11-29T08:00:00+07:00"));
    None
}

/// A page number or size: digits without a sign or a leading zero, within `range`, as the
/// spec's pattern says.
fn number(field: &str, text: &str, range: std::ops::RangeInclusive<u32>, errors: &mut Vec<FieldError>) -> Option<u32> {
    let digits = !text.starts_with('0') && !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    let parsed = text.parse::<u32>().ok().filter(|n| digits && range.contains(n));
    if parsed.is_none() {
        errors
            .push(FieldError::new(field, format!("must be a whole number from {} to {}", range.start(), range.end())));
    }
    parsed
}

/// The filters of GET `requests`, checked; the defaults are GeoReport v2's.
fn query_of(pairs: Vec<(String, String)>, now: NaiveDateTime) -> Result<Listing, ApiError> {
    let mut errors = Vec::new();
    let mut query = RequestQuery {
        codes: Vec::new(),
        kinds: KINDS.to_vec(),
        category: None,
        statuses: Vec::new(),
        received: (now - TimeDelta::days(DEFAULT_SPAN_DAYS), now),
        updated_after: None,
        updated_before: None,
        offset: 0,
        limit: i64::from(MOST_REQUESTS),
    };
    let (mut start, mut end, mut page, mut extensions, mut ids_given) = (None, None, 1, false, false);
    for (key, sent) in pairs {
        // An empty parameter is one not given (GeoReport v2); page numbers are read as sent.
        let value = if matches!(key.as_str(), "page" | "page_size") { sent.as_str() } else { sent.trim() };
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            // Mistyped codes match nothing, as unknown ones do.
            "service_request_id" => {
                ids_given = true;
                query.codes.extend(value.split(',').filter_map(TrackingCode::parse));
            }
            "service_code" => match ServiceCode::parse(value) {
                Some(service) => {
                    query.kinds = vec![service.kind];
                    query.category = Some(service.category);
                }
                None => {
                    errors.push(FieldError::new("service_code", "is not a service of this endpoint (see services)"));
                }
            },
            "status" => {
                for name in value.split(',') {
                    match requests::statuses_called(name.trim()) {
                        Some(statuses) => query.statuses.extend(statuses),
                        None => errors.push(FieldError::new("status", "must be open, closed, or both")),
                    }
                }
            }
            "start_date" => start = moment("start_date", value, &mut errors),
            "end_date" => end = moment("end_date", value, &mut errors),
            "updated_after" => query.updated_after = moment("updated_after", value, &mut errors),
            "updated_before" => query.updated_before = moment("updated_before", value, &mut errors),
            "page" => page = number("page", value, 1..=100_000, &mut errors).unwrap_or(1),
            "page_size" => {
                query.limit =
                    i64::from(number("page_size", value, 1..=MOST_REQUESTS, &mut errors).unwrap_or(MOST_REQUESTS));
            }
            "extensions" => extensions = value == "true",
            _ => {}
        }
    }
    match date_range(start, end, now) {
        Ok(range) => query.received = range,
        Err(error) => errors.push(error),
    }
    query.offset = i64::from(page - 1) * query.limit;
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let asks_for_nothing = ids_given && query.codes.is_empty();
    Ok(Listing { query, extensions, asks_for_nothing })
}

/// The range a listing covers: GeoReport v2's last 90 days by default, and never more than 90
/// days (requests and updates alike).
pub(super) fn date_range(
    start: Option<NaiveDateTime>,
    end: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Result<(NaiveDateTime, NaiveDateTime), FieldError> {
    let span = TimeDelta::days(DEFAULT_SPAN_DAYS);
    let (from, to) = match (start, end) {
        (Some(start), Some(end)) => (start, end),
        (Some(start), None) => (start, (start + span).min(now)),
        (None, Some(end)) => (end - span, end),
        (None, None) => (now - span, now),
    };
    if to < from {
        return Err(FieldError::new("end_date", "is before start_date"));
    }
    if to - from > span {
        return Err(FieldError::new("end_date", "the range from start_date may span at most 90 days"));
    }
    Ok((from, to))
}

/// A checked GET `requests`.
struct Listing {
    query: RequestQuery,
    /// `extensions=true`: the detailed status and the notes.
    extensions: bool,
    /// `service_request_id` named no well-formed code: nothing can match.
    asks_for_nothing: bool,
}

/// GET `requests.{format}`.
pub async fn list(
    context: web::Data<Context>,
    format: Format,
    pairs: Vec<(String, String)>,
) -> Result<HttpResponse, Failure> {
    let listing = query_of(pairs, context.now()).map_err(|e| Failure::new(e, format))?;
    let views = if listing.asks_for_nothing {
        Vec::new()
    } else {
        let query = listing.query;
        context.run(move |c, context| requests::list(c, context, &query)).await.map_err(|e| Failure::new(e, format))?
    };
    let records = views.iter().map(|view| request_record(view, listing.extensions)).collect();
    Ok(requests_document(records).respond(StatusCode::OK, format))
}

/// GET `requests/{service_request_id}.{format}`: the one request, in a list as the standard has it.
pub async fn one(
    context: web::Data<Context>,
    request: HttpRequest,
    path: web::Path<String>,
    query: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, Failure> {
    let (id, format) = named(&path)?;
    let (id, address) = (id.to_string(), client_address(&request));
    let extensions = query.iter().any(|(key, value)| key == "extensions" && value == "true");
    let view = context
        .run(move |c, context| requests::find(c, context, &id, &address))
        .await
        .map_err(|e| Failure::new(e, format))?;
    Ok(requests_document(vec![request_record(&view, extensions)]).respond(StatusCode::OK, format))
}

/// GET `tokens/{token}.{format}`: pakn files every request at once and answers with its id, so it
/// never issues a token; every token is unknown.
pub async fn token(path: web::Path<String>) -> Result<HttpResponse, Failure> {
    let (_, format) = named(&path)?;
    Err(Failure::new(
        ApiError::NotFound("no request has this token: pakn files requests at once (type realtime) and answers with the service_request_id".into()),
        format,
    ))
}
