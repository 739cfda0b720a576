//! mySociety's `servicerequestupdates` extension: the steps of public requests as updates
//! (GET), and a comment from the petitioner through the client that filed the request (POST),
//! which reaches the agency as the petitioner's message.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use crate::db::{self, DbConnection};
use crate::domain::events::Event;
use crate::domain::ids::MessageId;
use crate::domain::open311::{StandardStatus, status_after, step_kinds};
use crate::domain::tracking_code::TrackingCode;
use crate::service::petitions::messages;
use crate::service::{Context, ServiceError, ServiceResult};

use super::keys;
use super::requests::is_public_request;

/// At most this many updates in one answer, as GeoReport v2 caps a list of requests.
pub const MOST_UPDATES: i64 = 1000;

/// One step of a public request, as an update.
#[derive(Debug, Clone)]
pub struct Update {
    pub event: Event,
    pub service_request_id: TrackingCode,
    pub status: StandardStatus,
}

/// The updates in [from, to], oldest first.
pub fn list(connection: &mut DbConnection, from: NaiveDateTime, to: NaiveDateTime) -> ServiceResult<Vec<Update>> {
    let entries = db::events::public_petition_entries(connection, &step_kinds(), from, to, MOST_UPDATES)?;
    let mut petitions = HashMap::new();
    let mut updates = Vec::new();
    for event in entries {
        let id = crate::domain::ids::PetitionId::from_stored(event.subject_id.clone());
        if !petitions.contains_key(&id) {
            let petition = db::petitions::find(connection, &id)?;
            petitions.insert(id.clone(), petition.filter(is_public_request).map(|p| p.tracking_code));
        }
        let (Some(Some(code)), Some(status)) = (petitions.get(&id), status_after(event.kind, event.data.value()))
        else {
            continue;
        };
        updates.push(Update { service_request_id: code.clone(), status, event });
    }
    Ok(updates)
}

/// A comment POSTed by a client, as it sent it.
#[derive(Debug, Clone, Default)]
pub struct Comment {
    pub api_key: Option<String>,
    pub service_request_id: Option<String>,
    pub description: Option<String>,
    pub status: Option<String>,
    pub media_url: Option<String>,
}

/// Records a comment from the petitioner of a request the same key filed. The status a client
/// sends (FixMyStreet sends OPEN or CLOSED) is checked and left aside: the agency decides it.
pub fn comment(connection: &mut DbConnection, context: &Context, comment: Comment) -> ServiceResult<MessageId> {
    let key = keys::client_of(connection, comment.api_key.as_deref())?;
    let not_found = || ServiceError::NotFound("no service request with this id was filed with this api_key".into());
    if let Some(status) = comment.status.as_deref().filter(|s| !s.trim().is_empty())
        && StandardStatus::parse(status).is_none()
    {
        return Err(ServiceError::invalid("status", "must be an Open311 status (open, closed, fixed, …)"));
    }
    let code = comment.service_request_id.as_deref().and_then(TrackingCode::parse).ok_or_else(not_found)?;
    let petition = db::petitions::find_by_tracking_code(connection, &code)?.ok_or_else(not_found)?;
    if db::open311::key_of_request(connection, &petition.id)? != Some(key.id) {
        return Err(not_found());
    }
    let mut body = comment.description.unwrap_or_default();
    if let Some(url) = comment.media_url.map(|u| u.trim().to_string()).filter(|u| !u.is_empty()) {
        if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() > 1000 {
            return Err(ServiceError::invalid(
                "media_url",
                "must be an http or https address of at most 1,000 characters",
            ));
        }
        body = format!("{}\n\n{url}", body.trim_end());
    }
    messages::from_petitioner_without_account(connection, context, &petition, &body)
}
