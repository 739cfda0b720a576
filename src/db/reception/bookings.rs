//! Citizens' booked slots at reception sessions.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{reception_bookings, reception_sessions};
use crate::domain::ids::{ReceptionBookingId, ReceptionSessionId, UserId};
use crate::domain::reception::sessions::Booking;

/// The most bookings one citizen's list shows.
pub const MAX_LISTED: i64 = 500;

#[derive(Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = reception_bookings)]
struct BookingRow {
    id: String,
    session_id: String,
    citizen_id: String,
    position: i32,
    subject: String,
    created_at: NaiveDateTime,
}

impl From<BookingRow> for Booking {
    fn from(row: BookingRow) -> Self {
        Booking {
            id: ReceptionBookingId::from_stored(row.id),
            session_id: ReceptionSessionId::from_stored(row.session_id),
            citizen_id: UserId::from_stored(row.citizen_id),
            position: row.position,
            subject: row.subject,
            created_at: row.created_at,
        }
    }
}

pub fn insert(connection: &mut DbConnection, booking: &Booking) -> QueryResult<usize> {
    let row = BookingRow {
        id: booking.id.to_string(),
        session_id: booking.session_id.to_string(),
        citizen_id: booking.citizen_id.to_string(),
        position: booking.position,
        subject: booking.subject.clone(),
        created_at: booking.created_at,
    };
    diesel::insert_into(reception_bookings::table).values(&row).execute(connection)
}

/// A session's bookings in the order of their slots.
pub fn of_session(connection: &mut DbConnection, session: &ReceptionSessionId) -> QueryResult<Vec<Booking>> {
    let rows = reception_bookings::table
        .filter(reception_bookings::session_id.eq(session.as_str()))
        .order(reception_bookings::position.asc())
        .select(BookingRow::as_select())
        .load(connection)?;
    Ok(rows.into_iter().map(Booking::from).collect())
}

/// A citizen's bookings, newest first.
pub fn of_citizen(connection: &mut DbConnection, citizen: &UserId) -> QueryResult<Vec<Booking>> {
    let rows = reception_bookings::table
        .filter(reception_bookings::citizen_id.eq(citizen.as_str()))
        .order((reception_bookings::created_at.desc(), reception_bookings::id.desc()))
        .limit(MAX_LISTED)
        .select(BookingRow::as_select())
        .load(connection)?;
    Ok(rows.into_iter().map(Booking::from).collect())
}

pub fn exists(connection: &mut DbConnection, session: &ReceptionSessionId, citizen: &UserId) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        reception_bookings::table
            .filter(reception_bookings::session_id.eq(session.as_str()))
            .filter(reception_bookings::citizen_id.eq(citizen.as_str())),
    ))
    .get_result(connection)
}

/// The bookings of sessions held before `day`: the retention rule's purge.
pub fn delete_held_before(connection: &mut DbConnection, day: chrono::NaiveDate) -> QueryResult<usize> {
    let past = reception_sessions::table.filter(reception_sessions::held_on.lt(day)).select(reception_sessions::id);
    diesel::delete(reception_bookings::table.filter(reception_bookings::session_id.eq_any(past))).execute(connection)
}

/// A citizen's bookings, when they erase their account: the subjects of their visits are theirs.
pub fn delete_of_citizen(connection: &mut DbConnection, citizen: &UserId) -> QueryResult<usize> {
    diesel::delete(reception_bookings::table.filter(reception_bookings::citizen_id.eq(citizen.as_str())))
        .execute(connection)
}
