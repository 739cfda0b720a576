//! The reception schedule: a head's sessions published (by the head or an officer of the
//! agency), withdrawn before their day with a reason told to those who booked, listed for the
//! agency and, upcoming, for everyone.

use chrono::{NaiveDate, NaiveTime, TimeDelta};
use serde_json::json;

use super::{agency, keeps_schedule, notify, reads_record, session};
use crate::db::agencies::AgencyFilter;
use crate::db::reception::{bookings, sessions};
use crate::db::{self, DbConnection};
use crate::domain::FieldError;
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::authorization::Actor;
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::{AgencyId, ReceptionSessionId};
use crate::domain::pagination::{Cursor, PageSize};
use crate::domain::reception::sessions::{Receiver, ReceptionSession, SessionStatus};
use crate::domain::text::clean_text;
use crate::service::page::Page;
use crate::service::{Context, ServiceError, ServiceResult, events};

/// How far ahead a session may be scheduled.
pub const MAX_DAYS_AHEAD: i64 = 366;
/// The most sessions one listing of an agency's schedule returns.
pub const MAX_LISTED: i64 = 500;

#[derive(Debug, Clone)]
pub struct NewSession {
    pub held_on: NaiveDate,
    pub starts_at: String,
    pub ends_at: String,
    pub place: String,
    pub receiver: String,
    pub receiver_name: String,
    pub capacity: Option<i32>,
}

pub fn schedule(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    agency_id: &AgencyId,
    new: NewSession,
) -> ServiceResult<ReceptionSession> {
    let (now, today) = (context.now(), context.today());
    db::transaction(connection, |c| {
        agency(c, agency_id)?;
        keeps_schedule(actor, agency_id)?;
        let mut errors = Vec::<FieldError>::new();
        if new.held_on < today || new.held_on > today + TimeDelta::days(MAX_DAYS_AHEAD) {
            errors.push(FieldError::new("held_on", format!("must be from today to {MAX_DAYS_AHEAD} days ahead")));
        }
        let starts_at = time_of_day(&mut errors, "starts_at", &new.starts_at);
        let ends_at = time_of_day(&mut errors, "ends_at", &new.ends_at);
        if let (Some(start), Some(end)) = (starts_at, ends_at)
            && end <= start
        {
            errors.push(FieldError::new("ends_at", "must be later than starts_at"));
        }
        let receiver =
            new.receiver.parse::<Receiver>().map_err(|e| errors.push(FieldError::new("receiver", e.to_string())));
        let place = clean_text(&mut errors, "place", &new.place, 3..=300, false);
        let receiver_name = clean_text(&mut errors, "receiver_name", &new.receiver_name, 3..=200, false);
        let capacity = new.capacity.unwrap_or(20);
        if !(1..=500).contains(&capacity) {
            errors.push(FieldError::new("capacity", "must be from 1 to 500"));
        }
        ServiceError::unless_valid(errors)?;
        let (Some(starts_at), Some(ends_at), Ok(receiver)) = (starts_at, ends_at, receiver) else {
            return Err(ServiceError::invalid("starts_at", "must be a time of day"));
        };
        let session = ReceptionSession {
            id: ReceptionSessionId::from(uuid::Uuid::new_v4()),
            agency_id: agency_id.clone(),
            held_on: new.held_on,
            starts_at,
            ends_at,
            place,
            receiver,
            receiver_name,
            capacity,
            booked: 0,
            status: SessionStatus::Scheduled,
            status_note: None,
            record: None,
            petition_ids: Vec::new(),
            scheduled_by: actor.user_id.clone(),
            created_at: now,
            updated_at: now,
        };
        sessions::insert(c, &session)?;
        let data = json!({ "agency_id": agency_id, "held_on": session.held_on.to_string(), "receiver": receiver });
        events::record(
            c,
            Some(&actor.user_id),
            EventKind::ReceptionSessionScheduled,
            Subject::ReceptionSession(&session.id),
            data,
            now,
        )?;
        Ok(session)
    })
}

/// `HH:MM`, 00:00 to 23:59.
fn time_of_day(errors: &mut Vec<FieldError>, field: &str, text: &str) -> Option<NaiveTime> {
    let parsed = NaiveTime::parse_from_str(text, "%H:%M").ok().filter(|_| text.len() == 5);
    if parsed.is_none() {
        errors.push(FieldError::new(field, "must be a time of day written HH:MM"));
    }
    parsed
}

/// Withdraws a session before its day; everyone who booked it is told why.
pub fn cancel(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    id: &ReceptionSessionId,
    reason: &str,
) -> ServiceResult<ReceptionSession> {
    let (now, today) = (context.now(), context.today());
    db::transaction(connection, |c| {
        let found = session(c, id)?;
        keeps_schedule(actor, &found.agency_id)?;
        let mut errors = Vec::new();
        let reason = clean_text(&mut errors, "reason", reason, 5..=2_000, true);
        ServiceError::unless_valid(errors)?;
        if !found.cancellable(today) {
            return Err(ServiceError::Conflict(format!(
                "the session is {} and held on {}: only a session still scheduled, before its day, can be cancelled",
                found.status, found.held_on
            )));
        }
        let outcome = sessions::Outcome { status: SessionStatus::Cancelled, note: Some(&reason), record: None };
        if sessions::end(c, id, outcome, now)? == 0 {
            return Err(ServiceError::Conflict("the session changed meanwhile; read it again".into()));
        }
        for booking in bookings::of_session(c, id)? {
            notify::tell_citizen(c, context, &booking.citizen_id, &found, |user, at, link| {
                notify::cancelled(user, at, &reason, link)
            })?;
        }
        let data = json!({ "agency_id": found.agency_id, "held_on": found.held_on.to_string() });
        events::record(
            c,
            Some(&actor.user_id),
            EventKind::ReceptionSessionCancelled,
            Subject::ReceptionSession(id),
            data,
            now,
        )?;
        session(c, id)
    })
}

/// An agency's sessions between two days (the current month by default), for those who read its
/// reception record.
pub fn of_agency(
    connection: &mut DbConnection,
    actor: &Actor,
    agency_id: &AgencyId,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> ServiceResult<Vec<ReceptionSession>> {
    if to < from {
        return Err(ServiceError::invalid("to", "must not be before from"));
    }
    let found = agency(connection, agency_id)?;
    reads_record(connection, actor, &found, today)?;
    Ok(sessions::of_agency(connection, agency_id, from, to, MAX_LISTED)?)
}

/// One session as the agency's staff and overseers read it, with its record.
pub fn find(
    connection: &mut DbConnection,
    actor: &Actor,
    id: &ReceptionSessionId,
    today: NaiveDate,
) -> ServiceResult<ReceptionSession> {
    let found = session(connection, id)?;
    let of = agency(connection, &found.agency_id)?;
    reads_record(connection, actor, &of, today)
        .map_err(|_| ServiceError::NotFound(format!("no reception session has the id {id}")))?;
    Ok(found)
}

/// The public schedule: sessions still scheduled from today on, soonest first.
pub fn upcoming(
    connection: &mut DbConnection,
    agency_id: Option<AgencyId>,
    admin_unit: Option<AdminUnitCode>,
    size: PageSize,
    cursor: Option<&Cursor>,
    today: NaiveDate,
) -> ServiceResult<Page<ReceptionSession>> {
    let agencies = match (agency_id, admin_unit) {
        (Some(id), _) => Some(vec![id]),
        (None, Some(code)) => {
            let serving = AgencyFilter { admin_unit_code: Some(code.to_string()), ..AgencyFilter::default() };
            Some(db::agencies::list(connection, &serving, None, MAX_LISTED)?.into_iter().map(|a| a.id).collect())
        }
        (None, None) => None,
    };
    let after = cursor.map(|c| page_key(&c.0)).transpose()?;
    let wanted = sessions::Upcoming { from: today, agencies };
    let rows = sessions::upcoming_page(connection, &wanted, after, size.get() + 1)?;
    let total = sessions::count_upcoming(connection, &wanted)?;
    Ok(Page::from_rows(rows, size, total, sessions::page_key))
}

/// The (day, start, id) a page ended on, from its cursor.
fn page_key(text: &str) -> ServiceResult<sessions::PageKey> {
    let bad = || ServiceError::invalid("cursor", "is not a cursor this listing gave");
    let mut parts = text.splitn(3, '|');
    let (Some(day), Some(start), Some(id)) = (parts.next(), parts.next(), parts.next()) else { return Err(bad()) };
    let day = day.parse::<NaiveDate>().map_err(|_| bad())?;
    NaiveTime::parse_from_str(start, "%H:%M").map_err(|_| bad())?;
    Ok((day, start.to_string(), ReceptionSessionId::parse(id).map_err(|_| bad())?.to_string()))
}

/// One session as anyone reads it: withdrawn sessions stay readable, so that who booked learns why.
pub fn public(connection: &mut DbConnection, id: &ReceptionSessionId) -> ServiceResult<ReceptionSession> {
    session(connection, id)
}
