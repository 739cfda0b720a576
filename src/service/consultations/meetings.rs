//! Dialogue meetings: the agency schedules one (when, where, the agenda) on a consultation not yet
//! concluded, and records its minutes and attendance once it has been held.

use chrono::NaiveDateTime;
use serde_json::json;

use super::managed;
use crate::db::consultations::meetings;
use crate::db::{self, DbConnection};
use crate::domain::FieldError;
use crate::domain::authorization::Actor;
use crate::domain::consultations::{ConsultationState, Meeting, Minutes};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::{ConsultationId, ConsultationMeetingId};
use crate::domain::text::clean_text;
use crate::service::{Context, ServiceError, ServiceResult, events};

pub fn schedule(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    id: &ConsultationId,
    held_at: NaiveDateTime,
    place: &str,
    agenda: &str,
) -> ServiceResult<Meeting> {
    let now = context.now();
    let mut errors = Vec::<FieldError>::new();
    let place = clean_text(&mut errors, "place", place, 3..=500, false);
    let agenda = clean_text(&mut errors, "agenda", agenda, 5..=5_000, true);
    ServiceError::unless_valid(errors)?;
    db::transaction(connection, |c| {
        let x = managed(c, actor, id, context.today())?;
        if x.state == ConsultationState::Concluded {
            return Err(ServiceError::Conflict("the consultation is concluded".into()));
        }
        let meeting = Meeting {
            id: ConsultationMeetingId::from(uuid::Uuid::new_v4()),
            consultation_id: id.clone(),
            held_at,
            place,
            agenda,
            scheduled_by: actor.user_id.clone(),
            scheduled_at: now,
            minutes: None,
        };
        meetings::insert(c, &meeting)?;
        let data = json!({ "meeting_id": meeting.id, "held_at": held_at.to_string() });
        let kind = EventKind::ConsultationMeetingScheduled;
        events::record(c, Some(&actor.user_id), kind, Subject::Consultation(id), data, now)?;
        Ok(meeting)
    })
}

pub fn record_minutes(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    id: &ConsultationId,
    meeting_id: &ConsultationMeetingId,
    attendance: i64,
    text: &str,
) -> ServiceResult<Meeting> {
    let now = context.now();
    let mut errors = Vec::<FieldError>::new();
    let text = clean_text(&mut errors, "minutes", text, 10..=50_000, true);
    let attendance = i32::try_from(attendance).ok().filter(|n| (0..=1_000_000).contains(n));
    if attendance.is_none() {
        errors.push(FieldError::new("attendance", "must be from 0 to 1000000"));
    }
    ServiceError::unless_valid(errors)?;
    let attendance = attendance.unwrap_or_default();
    db::transaction(connection, |c| {
        managed(c, actor, id, context.today())?;
        let missing = || ServiceError::NotFound(format!("the consultation has no meeting with the id {meeting_id}"));
        let mut meeting =
            meetings::of_consultation(c, id)?.into_iter().find(|m| m.id == *meeting_id).ok_or_else(missing)?;
        meeting.may_record_minutes(now).map_err(|why| ServiceError::Conflict(why.into()))?;
        let minutes = Minutes { attendance, text, recorded_by: actor.user_id.clone(), recorded_at: now };
        if meetings::record_minutes(c, meeting_id, &minutes)? == 0 {
            return Err(ServiceError::Conflict("the meeting's minutes are already recorded".into()));
        }
        let data = json!({ "meeting_id": meeting_id, "attendance": attendance });
        let kind = EventKind::ConsultationMinutesRecorded;
        events::record(c, Some(&actor.user_id), kind, Subject::Consultation(id), data, now)?;
        meeting.minutes = Some(minutes);
        Ok(meeting)
    })
}
