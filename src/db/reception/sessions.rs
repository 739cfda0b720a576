//! Reception sessions: the schedule, its public listing, the slots taken, the record of each
//! session, and the days a head received in person.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::decode::Columns;
use crate::db::schema::{reception_session_petitions, reception_sessions};
use crate::domain::ids::{AgencyId, PetitionId, ReceptionSessionId, UserId};
use crate::domain::reception::sessions::{ReceptionSession, SessionRecord, SessionStatus};

const COLUMNS: Columns = Columns("reception_sessions");
/// How times of day are stored: `HH:MM`, which sorts as the time does.
const TIME: &str = "%H:%M";

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = reception_sessions)]
struct SessionRow {
    id: String,
    agency_id: String,
    held_on: NaiveDate,
    starts_at: String,
    ends_at: String,
    place: String,
    receiver: String,
    receiver_name: String,
    capacity: i32,
    booked: i32,
    status: String,
    status_note: Option<String>,
    attended: Option<i32>,
    summary: Option<String>,
    recorded_by: Option<String>,
    recorded_at: Option<NaiveDateTime>,
    scheduled_by: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl SessionRow {
    fn into_session(self, petition_ids: Vec<PetitionId>) -> QueryResult<ReceptionSession> {
        let time = |column, text: &str| {
            NaiveTime::parse_from_str(text, TIME)
                .map_err(|reason| COLUMNS.unreadable(column, text, format!("not a time of day: {reason}")))
        };
        let record = match (self.attended, self.summary, self.recorded_by, self.recorded_at) {
            (Some(attended), Some(summary), Some(by), Some(at)) => {
                Some(SessionRecord { attended, summary, recorded_by: UserId::from_stored(by), recorded_at: at })
            }
            _ => None,
        };
        Ok(ReceptionSession {
            starts_at: time("starts_at", &self.starts_at)?,
            ends_at: time("ends_at", &self.ends_at)?,
            id: ReceptionSessionId::from_stored(self.id),
            agency_id: AgencyId::from_stored(self.agency_id),
            held_on: self.held_on,
            place: self.place,
            receiver: COLUMNS.parse("receiver", &self.receiver)?,
            receiver_name: self.receiver_name,
            capacity: self.capacity,
            booked: self.booked,
            status: COLUMNS.parse("status", &self.status)?,
            status_note: self.status_note,
            record,
            petition_ids,
            scheduled_by: UserId::from_stored(self.scheduled_by),
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

pub fn insert(connection: &mut DbConnection, session: &ReceptionSession) -> QueryResult<usize> {
    let row = SessionRow {
        id: session.id.to_string(),
        agency_id: session.agency_id.to_string(),
        held_on: session.held_on,
        starts_at: session.starts_at.format(TIME).to_string(),
        ends_at: session.ends_at.format(TIME).to_string(),
        place: session.place.clone(),
        receiver: session.receiver.as_str().to_string(),
        receiver_name: session.receiver_name.clone(),
        capacity: session.capacity,
        booked: session.booked,
        status: session.status.as_str().to_string(),
        status_note: session.status_note.clone(),
        attended: None,
        summary: None,
        recorded_by: None,
        recorded_at: None,
        scheduled_by: session.scheduled_by.to_string(),
        created_at: session.created_at,
        updated_at: session.updated_at,
    };
    diesel::insert_into(reception_sessions::table).values(&row).execute(connection)
}

pub fn find(connection: &mut DbConnection, id: &ReceptionSessionId) -> QueryResult<Option<ReceptionSession>> {
    let Some(row) = reception_sessions::table
        .find(id.as_str())
        .select(SessionRow::as_select())
        .get_result(connection)
        .optional()?
    else {
        return Ok(None);
    };
    let petition_ids = reception_session_petitions::table
        .filter(reception_session_petitions::session_id.eq(id.as_str()))
        .order(reception_session_petitions::petition_id.asc())
        .select(reception_session_petitions::petition_id)
        .load::<String>(connection)?;
    row.into_session(petition_ids.into_iter().map(PetitionId::from_stored).collect()).map(Some)
}

/// An agency's sessions between two days, in the order they are held (at most `limit`).
pub fn of_agency(
    connection: &mut DbConnection,
    agency: &AgencyId,
    from: NaiveDate,
    to: NaiveDate,
    limit: i64,
) -> QueryResult<Vec<ReceptionSession>> {
    reception_sessions::table
        .filter(reception_sessions::agency_id.eq(agency.as_str()))
        .filter(reception_sessions::held_on.between(from, to))
        .order((reception_sessions::held_on.asc(), reception_sessions::starts_at.asc(), reception_sessions::id.asc()))
        .limit(limit)
        .select(SessionRow::as_select())
        .load(connection)?
        .into_iter()
        .map(|row| row.into_session(Vec::new()))
        .collect()
}

/// Where a page of the public schedule starts: after this (day, start, id).
pub type PageKey = (NaiveDate, String, String);

/// Which sessions the public schedule lists: those still scheduled from `from` on.
#[derive(Debug, Clone)]
pub struct Upcoming {
    pub from: NaiveDate,
    /// Only these agencies' (when given).
    pub agencies: Option<Vec<AgencyId>>,
}

fn upcoming_query(upcoming: &Upcoming) -> reception_sessions::BoxedQuery<'static, crate::db::MultiBackend> {
    let mut query = reception_sessions::table
        .filter(reception_sessions::status.eq(SessionStatus::Scheduled.as_str()))
        .filter(reception_sessions::held_on.ge(upcoming.from))
        .into_boxed();
    if let Some(agencies) = &upcoming.agencies {
        query = query.filter(reception_sessions::agency_id.eq_any(agencies.iter().map(ToString::to_string)));
    }
    query
}

/// Up to `limit` upcoming sessions after `after`, soonest first.
pub fn upcoming_page(
    connection: &mut DbConnection,
    upcoming: &Upcoming,
    after: Option<PageKey>,
    limit: i64,
) -> QueryResult<Vec<ReceptionSession>> {
    let mut query = upcoming_query(upcoming);
    if let Some((day, start, id)) = after {
        query = query.filter(
            reception_sessions::held_on
                .gt(day)
                .or(reception_sessions::held_on.eq(day).and(reception_sessions::starts_at.gt(start.clone())))
                .or(reception_sessions::held_on
                    .eq(day)
                    .and(reception_sessions::starts_at.eq(start))
                    .and(reception_sessions::id.gt(id))),
        );
    }
    query
        .order((reception_sessions::held_on.asc(), reception_sessions::starts_at.asc(), reception_sessions::id.asc()))
        .limit(limit)
        .select(SessionRow::as_select())
        .load(connection)?
        .into_iter()
        .map(|row| row.into_session(Vec::new()))
        .collect()
}

pub fn count_upcoming(connection: &mut DbConnection, upcoming: &Upcoming) -> QueryResult<i64> {
    upcoming_query(upcoming).count().get_result(connection)
}

/// The key a page ended on, for its cursor.
pub fn page_key(session: &ReceptionSession) -> String {
    format!("{}|{}|{}", session.held_on, session.starts_at.format(TIME), session.id)
}

/// The days between `from` and `to` on which the agency's head receives in person: sessions held,
/// or still on the schedule.
pub fn head_reception_days(
    connection: &mut DbConnection,
    agency: &AgencyId,
    from: NaiveDate,
    to: NaiveDate,
) -> QueryResult<Vec<NaiveDate>> {
    let counting: Vec<&str> = SessionStatus::ALL.iter().filter(|s| s.counts()).map(|s| s.as_str()).collect();
    reception_sessions::table
        .filter(reception_sessions::agency_id.eq(agency.as_str()))
        .filter(reception_sessions::receiver.eq("head"))
        .filter(reception_sessions::status.eq_any(counting))
        .filter(reception_sessions::held_on.between(from, to))
        .select(reception_sessions::held_on)
        .distinct()
        .order(reception_sessions::held_on.asc())
        .load(connection)
}

/// Takes the next slot if one is left: the row's own guard, so two citizens booking at once
/// cannot both take the last one. Returns the slot's number.
pub fn take_slot(
    connection: &mut DbConnection,
    id: &ReceptionSessionId,
    now: NaiveDateTime,
) -> QueryResult<Option<i32>> {
    let taken = diesel::update(
        reception_sessions::table
            .find(id.as_str())
            .filter(reception_sessions::status.eq(SessionStatus::Scheduled.as_str()))
            .filter(reception_sessions::booked.lt(reception_sessions::capacity)),
    )
    .set((reception_sessions::booked.eq(reception_sessions::booked + 1), reception_sessions::updated_at.eq(now)))
    .execute(connection)?;
    if taken == 0 {
        return Ok(None);
    }
    reception_sessions::table.find(id.as_str()).select(reception_sessions::booked).get_result(connection).map(Some)
}

/// How a scheduled session ends: held with its record, not held, or cancelled.
#[derive(Debug, Clone)]
pub struct Outcome<'a> {
    pub status: SessionStatus,
    pub note: Option<&'a str>,
    pub record: Option<&'a SessionRecord>,
}

/// Ends a session still scheduled; 0 rows when someone ended it first.
pub fn end(
    connection: &mut DbConnection,
    id: &ReceptionSessionId,
    outcome: Outcome,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let record = outcome.record;
    diesel::update(
        reception_sessions::table
            .find(id.as_str())
            .filter(reception_sessions::status.eq(SessionStatus::Scheduled.as_str())),
    )
    .set((
        reception_sessions::status.eq(outcome.status.as_str()),
        reception_sessions::status_note.eq(outcome.note),
        reception_sessions::attended.eq(record.map(|r| r.attended)),
        reception_sessions::summary.eq(record.map(|r| r.summary.as_str())),
        reception_sessions::recorded_by.eq(record.map(|r| r.recorded_by.as_str())),
        reception_sessions::recorded_at.eq(record.map(|r| r.recorded_at)),
        reception_sessions::updated_at.eq(now),
    ))
    .execute(connection)
}

pub fn link_petitions(
    connection: &mut DbConnection,
    id: &ReceptionSessionId,
    petitions: &[PetitionId],
) -> QueryResult<usize> {
    let mut linked = 0;
    for petition in petitions {
        linked += diesel::insert_into(reception_session_petitions::table)
            .values((
                reception_session_petitions::session_id.eq(id.as_str()),
                reception_session_petitions::petition_id.eq(petition.as_str()),
            ))
            .execute(connection)?;
    }
    Ok(linked)
}

/// Whether a petition was already linked to some session.
pub fn petition_linked(connection: &mut DbConnection, petition: &PetitionId) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        reception_session_petitions::table.filter(reception_session_petitions::petition_id.eq(petition.as_str())),
    ))
    .get_result(connection)
}
