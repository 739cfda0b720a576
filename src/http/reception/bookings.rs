//! `/api/v1/reception-sessions/{id}/bookings` and `/api/v1/me/reception-bookings`: a citizen books
//! a slot and sees their bookings; the agency reads who is coming and about what.

use actix_web::{HttpResponse, web};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::wire::PublicSessionResponse;
use crate::domain::ids::{ReceptionBookingId, ReceptionSessionId, UserId};
use crate::domain::reception::sessions::{Booking, ReceptionSession};
use crate::error::ApiError;
use crate::http::extract::{JsonBody, id_in_path};
use crate::http::signed_in::SignedIn;
use crate::http::wire::{ListResponse, vietnam_time};
use crate::service::Context;
use crate::service::reception::bookings::{self, BookingSeen};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookingRequest {
    subject: String,
}

/// A booking as its citizen reads it, with the session it is for.
#[derive(Debug, Serialize)]
pub struct BookingResponse {
    id: ReceptionBookingId,
    position: i32,
    subject: String,
    created_at: DateTime<FixedOffset>,
    session: PublicSessionResponse,
}

impl BookingResponse {
    fn of(booking: Booking, session: ReceptionSession) -> Self {
        BookingResponse {
            id: booking.id,
            position: booking.position,
            subject: booking.subject,
            created_at: vietnam_time(booking.created_at),
            session: PublicSessionResponse::of(session),
        }
    }
}

pub async fn book_reception_session(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
    body: JsonBody<BookingRequest>,
) -> Result<HttpResponse, ApiError> {
    let id: ReceptionSessionId = id_in_path(&id, "reception session")?;
    let (actor, subject) = (signed_in.actor().clone(), body.0.subject);
    let (booking, session) = context.run(move |c, context| bookings::book(c, context, &actor, &id, &subject)).await?;
    Ok(HttpResponse::Created().json(BookingResponse::of(booking, session)))
}

/// The citizen's bookings, newest first (at most 500).
pub async fn list_my_reception_bookings(
    context: web::Data<Context>,
    signed_in: SignedIn,
) -> Result<web::Json<ListResponse<BookingResponse>>, ApiError> {
    let actor = signed_in.actor().clone();
    let listed = context.run(move |c, _| bookings::mine(c, &actor)).await?;
    Ok(web::Json(ListResponse::complete(listed.into_iter().map(|(b, s)| BookingResponse::of(b, s)).collect())))
}

/// A booking as the receiving agency reads it.
#[derive(Debug, Serialize)]
pub struct SessionBookingResponse {
    id: ReceptionBookingId,
    position: i32,
    citizen_id: UserId,
    citizen_name: String,
    subject: String,
    created_at: DateTime<FixedOffset>,
}

pub async fn list_session_bookings(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<ListResponse<SessionBookingResponse>>, ApiError> {
    let id: ReceptionSessionId = id_in_path(&id, "reception session")?;
    let actor = signed_in.actor().clone();
    let seen = context.run(move |c, context| bookings::of_session(c, &actor, &id, context.now())).await?;
    Ok(web::Json(ListResponse::complete(
        seen.into_iter()
            .map(|BookingSeen { booking, citizen_name }| SessionBookingResponse {
                id: booking.id,
                position: booking.position,
                citizen_id: booking.citizen_id,
                citizen_name,
                subject: booking.subject,
                created_at: vietnam_time(booking.created_at),
            })
            .collect(),
    )))
}
