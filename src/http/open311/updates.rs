//! `servicerequestupdates.{xml,json}` (mySociety's extension): GET lists the steps of public
//! requests in a time range; POST is a comment by the petitioner through the client app that
//! filed the request.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::web;
use chrono::NaiveDateTime;

use super::document::{Document, Format, Record};
use super::errors::Failure;
use super::requests::{date_range, moment, w3c};
use crate::domain::FieldError;
use crate::error::ApiError;
use crate::service::Context;
use crate::service::open311::updates::{self, Comment};

/// The range asked for, defaulting and bounded as for requests.
fn range(pairs: &[(String, String)], now: NaiveDateTime) -> Result<(NaiveDateTime, NaiveDateTime), ApiError> {
    let mut errors = Vec::<FieldError>::new();
    let mut given = |name: &str| {
        let value = pairs.iter().find(|(key, value)| key == name && !value.trim().is_empty())?;
        moment(name, value.1.trim(), &mut errors)
    };
    let (start, end) = (given("start_date"), given("end_date"));
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    date_range(start, end, now).map_err(|error| ApiError::Validation(vec![error]))
}

pub async fn list(
    context: web::Data<Context>,
    format: Format,
    pairs: Vec<(String, String)>,
) -> Result<HttpResponse, Failure> {
    let (from, to) = range(&pairs, context.now()).map_err(|e| Failure::new(e, format))?;
    let listed = context.run(move |c, _| updates::list(c, from, to)).await.map_err(|e| Failure::new(e, format))?;
    let records = listed
        .into_iter()
        .map(|update| {
            Record::default()
                .text("update_id", update.event.id.as_str())
                .text("service_request_id", update.service_request_id.as_str())
                .text("status", update.status.as_str())
                .text("updated_datetime", w3c(update.event.occurred_at))
                .maybe("description", update.event.note.clone())
                .maybe("media_url", None)
        })
        .collect();
    Ok(Document::List { root: "service_request_updates", item: "request_update", records }
        .respond(StatusCode::OK, format))
}

pub async fn comment(
    context: web::Data<Context>,
    format: Format,
    pairs: Vec<(String, String)>,
) -> Result<HttpResponse, Failure> {
    let mut comment = Comment::default();
    for (key, value) in pairs {
        let slot = match key.as_str() {
            "api_key" => &mut comment.api_key,
            "service_request_id" => &mut comment.service_request_id,
            "description" => &mut comment.description,
            "status" => &mut comment.status,
            "media_url" => &mut comment.media_url,
            // The client's own update_id, the date it gives, and the commenter's name and contact
            // are left aside: the petition already knows its petitioner.
            _ => continue,
        };
        slot.get_or_insert(value);
    }
    let id = context
        .run(move |c, context| updates::comment(c, context, comment))
        .await
        .map_err(|e| Failure::new(e, format))?;
    let record = Record::default().text("update_id", id.as_str());
    Ok(Document::List { root: "service_request_updates", item: "request_update", records: vec![record] }
        .respond(StatusCode::OK, format))
}
