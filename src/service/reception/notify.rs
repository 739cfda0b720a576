//! Who hears of a reception session: the citizen who booked it, when they book and if it is
//! cancelled.

use crate::db::{DbConnection, agencies, users};
use crate::domain::account::User;
use crate::domain::ids::UserId;
use crate::domain::reception::sessions::ReceptionSession;
use crate::mail::templates::{self, EmailContent, SessionWords};
use crate::service::{Context, ServiceResult, outbox};

/// The public schedule, where a citizen sees their session.
fn link(context: &Context) -> String {
    format!("{}/reception-sessions", context.settings.public_base_url)
}

/// E-mails `citizen` the words `write` makes of the session.
pub(super) fn tell_citizen(
    c: &mut DbConnection,
    context: &Context,
    citizen: &UserId,
    session: &ReceptionSession,
    write: impl FnOnce(&User, SessionWords, &str) -> EmailContent,
) -> ServiceResult<()> {
    let Some(user) = users::find(c, citizen)?.filter(User::is_active) else { return Ok(()) };
    let agency = agencies::find(c, &session.agency_id)?.map(|agency| agency.name).unwrap_or_default();
    let (day, hours) = (
        session.held_on.format("%d/%m/%Y").to_string(),
        format!("{}–{}", session.starts_at.format("%H:%M"), session.ends_at.format("%H:%M")),
    );
    let words = SessionWords {
        agency: &agency,
        day: &day,
        hours: &hours,
        place: &session.place,
        receiver: &session.receiver_name,
    };
    let content = write(&user, words, &link(context));
    outbox::enqueue(c, user.email.as_str(), Some(&user.full_name), &content, context.now())?;
    Ok(())
}

pub(super) fn booked(user: &User, at: SessionWords, position: i32, link: &str) -> EmailContent {
    templates::reception_booked(user.language, &user.full_name, at, position, link)
}

pub(super) fn cancelled(user: &User, at: SessionWords, reason: &str, link: &str) -> EmailContent {
    templates::reception_cancelled(user.language, &user.full_name, at, reason, link)
}
