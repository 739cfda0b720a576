//! How a reception session is written: in full for the agency and its overseers, and as anyone
//! may read it on the public schedule.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use crate::domain::ids::{AgencyId, PetitionId, ReceptionSessionId, UserId};
use crate::domain::reception::sessions::{Receiver, ReceptionSession, SessionStatus};
use crate::http::wire::vietnam_time;

/// A session as the agency keeping it and those overseeing it read it.
#[derive(Debug, Serialize)]
pub struct SessionResponse {
    #[serde(flatten)]
    schedule: PublicSessionResponse,
    record: Option<RecordBody>,
    petition_ids: Vec<PetitionId>,
    scheduled_by: UserId,
    created_at: DateTime<FixedOffset>,
    updated_at: DateTime<FixedOffset>,
}

#[derive(Debug, Serialize)]
pub struct RecordBody {
    attended: i32,
    summary: String,
    recorded_by: UserId,
    recorded_at: DateTime<FixedOffset>,
}

impl SessionResponse {
    pub fn of(session: ReceptionSession) -> Self {
        let record = session.record.clone().map(|r| RecordBody {
            attended: r.attended,
            summary: r.summary,
            recorded_by: r.recorded_by,
            recorded_at: vietnam_time(r.recorded_at),
        });
        SessionResponse {
            record,
            petition_ids: session.petition_ids.clone(),
            scheduled_by: session.scheduled_by.clone(),
            created_at: vietnam_time(session.created_at),
            updated_at: vietnam_time(session.updated_at),
            schedule: PublicSessionResponse::of(session),
        }
    }
}

/// A session as anyone reads it: when, where, who receives, the slots left and what became of it;
/// never who booked, nor the record's summary.
#[derive(Debug, Serialize)]
pub struct PublicSessionResponse {
    id: ReceptionSessionId,
    agency_id: AgencyId,
    held_on: NaiveDate,
    starts_at: String,
    ends_at: String,
    place: String,
    receiver: Receiver,
    receiver_name: String,
    capacity: i32,
    slots_left: i32,
    status: SessionStatus,
    status_note: Option<String>,
    /// How many citizens were received, once the session is recorded as held.
    attended: Option<i32>,
}

impl PublicSessionResponse {
    pub fn of(session: ReceptionSession) -> Self {
        PublicSessionResponse {
            slots_left: (session.capacity - session.booked).max(0),
            attended: session.record.as_ref().map(|r| r.attended),
            id: session.id,
            agency_id: session.agency_id,
            held_on: session.held_on,
            starts_at: session.starts_at.format("%H:%M").to_string(),
            ends_at: session.ends_at.format("%H:%M").to_string(),
            place: session.place,
            receiver: session.receiver,
            receiver_name: session.receiver_name,
            capacity: session.capacity,
            status: session.status,
            status_note: session.status_note,
        }
    }
}
