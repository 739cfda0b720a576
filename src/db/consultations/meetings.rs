//! A consultation's dialogue meetings and their minutes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::consultation_meetings;
use crate::domain::consultations::{Meeting, Minutes};
use crate::domain::ids::{ConsultationId, ConsultationMeetingId, UserId};

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = consultation_meetings)]
struct MeetingRow {
    id: String,
    consultation_id: String,
    held_at: NaiveDateTime,
    place: String,
    agenda: String,
    scheduled_by: String,
    scheduled_at: NaiveDateTime,
    attendance: Option<i32>,
    minutes: Option<String>,
    minutes_by: Option<String>,
    minutes_at: Option<NaiveDateTime>,
}

impl From<MeetingRow> for Meeting {
    fn from(row: MeetingRow) -> Self {
        let minutes = match (row.attendance, row.minutes, row.minutes_by, row.minutes_at) {
            (Some(attendance), Some(text), Some(by), Some(at)) => {
                Some(Minutes { attendance, text, recorded_by: UserId::from_stored(by), recorded_at: at })
            }
            _ => None,
        };
        Meeting {
            id: ConsultationMeetingId::from_stored(row.id),
            consultation_id: ConsultationId::from_stored(row.consultation_id),
            held_at: row.held_at,
            place: row.place,
            agenda: row.agenda,
            scheduled_by: UserId::from_stored(row.scheduled_by),
            scheduled_at: row.scheduled_at,
            minutes,
        }
    }
}

pub fn insert(connection: &mut DbConnection, m: &Meeting) -> QueryResult<usize> {
    diesel::insert_into(consultation_meetings::table)
        .values((
            consultation_meetings::id.eq(m.id.as_str()),
            consultation_meetings::consultation_id.eq(m.consultation_id.as_str()),
            consultation_meetings::held_at.eq(m.held_at),
            consultation_meetings::place.eq(&m.place),
            consultation_meetings::agenda.eq(&m.agenda),
            consultation_meetings::scheduled_by.eq(m.scheduled_by.as_str()),
            consultation_meetings::scheduled_at.eq(m.scheduled_at),
        ))
        .execute(connection)
}

/// Records the minutes of a meeting that has none yet; 0 rows when it had.
pub fn record_minutes(
    connection: &mut DbConnection,
    id: &ConsultationMeetingId,
    minutes: &Minutes,
) -> QueryResult<usize> {
    diesel::update(
        consultation_meetings::table
            .filter(consultation_meetings::id.eq(id.as_str()))
            .filter(consultation_meetings::minutes_at.is_null()),
    )
    .set((
        consultation_meetings::attendance.eq(minutes.attendance),
        consultation_meetings::minutes.eq(&minutes.text),
        consultation_meetings::minutes_by.eq(minutes.recorded_by.as_str()),
        consultation_meetings::minutes_at.eq(minutes.recorded_at),
    ))
    .execute(connection)
}

/// The meetings about `consultation`, the earliest first.
pub fn of_consultation(connection: &mut DbConnection, consultation: &ConsultationId) -> QueryResult<Vec<Meeting>> {
    let rows = consultation_meetings::table
        .filter(consultation_meetings::consultation_id.eq(consultation.as_str()))
        .order((consultation_meetings::held_at.asc(), consultation_meetings::id.asc()))
        .select(MeetingRow::as_select())
        .load(connection)?;
    Ok(rows.into_iter().map(Meeting::from).collect())
}
