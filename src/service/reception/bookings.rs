//! Booking a slot: a citizen names the subject of their visit and gets a number in the session's
//! order, once per session, while slots remain and the day has not passed. The agency reads who
//! booked (a read of their personal data, logged).

use serde_json::json;

use super::{keeps_schedule, notify, session};
use crate::db::personal_data::reads;
use crate::db::reception::{bookings, sessions};
use crate::db::{self, DbConnection, users};
use crate::domain::authorization::{self, Action, Actor};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::{ReceptionBookingId, ReceptionSessionId};
use crate::domain::personal_data::reads::{ReadOf, RecordRead};
use crate::domain::reception::sessions::{Booking, NotBookable, ReceptionSession};
use crate::domain::text::clean_text;
use crate::service::{Context, ServiceError, ServiceResult, events};

pub fn book(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    id: &ReceptionSessionId,
    subject: &str,
) -> ServiceResult<(Booking, ReceptionSession)> {
    let (now, today) = (context.now(), context.today());
    authorization::authorize(actor, &Action::BookReception).map_err(|_| ServiceError::Forbidden)?;
    let mut errors = Vec::new();
    let subject = clean_text(&mut errors, "subject", subject, 5..=1_000, true);
    ServiceError::unless_valid(errors)?;
    db::transaction(connection, |c| {
        let found = session(c, id)?;
        found.bookable(today).map_err(|why| not_bookable(&found, why))?;
        if bookings::exists(c, id, &actor.user_id)? {
            return Err(ServiceError::Conflict("you have already booked this session".into()));
        }
        let position = sessions::take_slot(c, id, now)?.ok_or_else(|| not_bookable(&found, NotBookable::Full))?;
        let booking = Booking {
            id: ReceptionBookingId::from(uuid::Uuid::new_v4()),
            session_id: id.clone(),
            citizen_id: actor.user_id.clone(),
            position,
            subject,
            created_at: now,
        };
        bookings::insert(c, &booking)?;
        notify::tell_citizen(c, context, &actor.user_id, &found, |user, at, link| {
            notify::booked(user, at, position, link)
        })?;
        let data = json!({ "position": position });
        events::record(
            c,
            Some(&actor.user_id),
            EventKind::ReceptionSessionBooked,
            Subject::ReceptionSession(id),
            data,
            now,
        )?;
        // The slot just taken is the last one counted: the session as it now stands.
        Ok((booking, ReceptionSession { booked: position, updated_at: now, ..found }))
    })
}

fn not_bookable(session: &ReceptionSession, why: NotBookable) -> ServiceError {
    ServiceError::Conflict(match why {
        NotBookable::NoLongerScheduled => format!("the session is {}: it can no longer be booked", session.status),
        NotBookable::Past => format!("the session was held on {}: it can no longer be booked", session.held_on),
        NotBookable::Full => format!("all {} slots of the session are taken", session.capacity),
    })
}

/// The citizen's own bookings with their sessions, newest first.
pub fn mine(connection: &mut DbConnection, actor: &Actor) -> ServiceResult<Vec<(Booking, ReceptionSession)>> {
    authorization::authorize(actor, &Action::BookReception).map_err(|_| ServiceError::Forbidden)?;
    let mut listed = Vec::new();
    for booking in bookings::of_citizen(connection, &actor.user_id)? {
        let of = session(connection, &booking.session_id)?;
        listed.push((booking, of));
    }
    Ok(listed)
}

/// A booking as the agency reads it: the citizen's name beside the subject of the visit.
#[derive(Debug, Clone)]
pub struct BookingSeen {
    pub booking: Booking,
    pub citizen_name: String,
}

/// Who booked a session, in the order of their slots: for the agency that receives them. Each
/// citizen shown is a read of their personal data, entered in the access log.
pub fn of_session(
    connection: &mut DbConnection,
    actor: &Actor,
    id: &ReceptionSessionId,
    now: chrono::NaiveDateTime,
) -> ServiceResult<Vec<BookingSeen>> {
    db::transaction(connection, |c| {
        let found = session(c, id)?;
        keeps_schedule(actor, &found.agency_id)?;
        let mut seen = Vec::new();
        for booking in bookings::of_session(c, id)? {
            let citizen_name = users::find(c, &booking.citizen_id)?.map(|u| u.full_name).unwrap_or_default();
            let of = ReadOf::Account(booking.citizen_id.clone());
            reads::record(c, actor, RecordRead::Account, of, Some("reception booking"), now)?;
            seen.push(BookingSeen { booking, citizen_name });
        }
        Ok(seen)
    })
}
