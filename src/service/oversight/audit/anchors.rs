//! Anchors: the chain's head published once a day (the first round of a new Vietnamese day) and
//! whenever a monitor or an administrator asks, listed publicly, and e-mailed to those who
//! subscribed — so that the proof of the history also lives outside pakn's database.

use chrono::NaiveDateTime;

use super::seal;
use crate::db::oversight::{anchors, chain};
use crate::db::{self, DbConnection, users};
use crate::domain::ids::UserId;
use crate::domain::oversight::audit::Anchor;
use crate::domain::pagination::{Cursor, PageSize};
use crate::domain::time::{VIETNAM_OFFSET, vietnam_date};
use crate::mail::templates;
use crate::service::page::Page;
use crate::service::shutdown::Shutdown;
use crate::service::{Context, ServiceError, ServiceResult, outbox};

/// The public listing of anchors, under `/api/v1`.
pub const ANCHORS_PATH: &str = "/api/v1/public/audit/anchors";

/// An anchor, and whether this request published it (or found the head already anchored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub anchor: Anchor,
    pub new: bool,
}

/// Seals what is queued and publishes the head, unless it is anchored already.
pub fn publish(connection: &mut DbConnection, context: &Context, by: Option<&UserId>) -> ServiceResult<Published> {
    let now = context.now();
    // A monitor's request seals what is queued to its end, so that the anchor covers it.
    seal::seal_queued(connection, now, &Shutdown::default())?;
    db::transaction(connection, |c| {
        let (position, hash) = chain::lock_head(c)?;
        if position == 0 {
            return Err(ServiceError::Conflict("the audit chain holds no entries yet".into()));
        }
        match anchors::latest(c)? {
            Some(latest) if latest.position == position => Ok(Published { anchor: latest, new: false }),
            _ => {
                let anchor = Anchor { position, hash, published_at: now };
                anchors::insert(c, &anchor, by)?;
                tell_subscribers(c, context, &anchor)?;
                Ok(Published { anchor, new: true })
            }
        }
    })
}

/// The day's anchor, when none was published yet this (Vietnamese) day and the chain has grown.
/// Sealing stopped by a shutdown publishes nothing: the next round (or process) seals the rest and
/// publishes.
pub fn publish_if_due(
    connection: &mut DbConnection,
    context: &Context,
    shutdown: &Shutdown,
) -> ServiceResult<Option<Anchor>> {
    let today = context.today();
    let due = |latest: Option<&Anchor>| latest.is_none_or(|anchor| vietnam_date(anchor.published_at) < today);
    if !due(anchors::latest(connection)?.as_ref()) {
        return Ok(None);
    }
    seal::seal_queued(connection, context.now(), shutdown)?;
    if shutdown.has_begun() || chain::lock_head(connection)?.0 == 0 {
        return Ok(None);
    }
    let published = publish(connection, context, None)?;
    Ok(published.new.then_some(published.anchor))
}

/// Queues the anchor to every subscriber, in the publishing transaction.
fn tell_subscribers(connection: &mut DbConnection, context: &Context, anchor: &Anchor) -> ServiceResult<()> {
    let link = format!("{}{ANCHORS_PATH}", context.settings.public_base_url);
    let published = anchor.published_at.and_utc().with_timezone(&VIETNAM_OFFSET).format("%H:%M %d/%m/%Y").to_string();
    for id in anchors::subscribers(connection)? {
        let Some(user) = users::find(connection, &id)? else { continue };
        let content =
            templates::audit_anchor(user.language, &user.full_name, anchor.position, &anchor.hash, &published, &link);
        outbox::enqueue(connection, user.email.as_str(), Some(&user.full_name), &content, anchor.published_at)?;
    }
    Ok(())
}

/// Newest first; the cursor is the position of the last anchor seen.
pub fn list(connection: &mut DbConnection, size: PageSize, cursor: Option<&Cursor>) -> ServiceResult<Page<Anchor>> {
    let before = match cursor {
        Some(cursor) => Some(
            cursor
                .0
                .parse::<i64>()
                .map_err(|_| ServiceError::invalid("cursor", "is not a cursor this API gave out"))?,
        ),
        None => None,
    };
    let rows = anchors::page(connection, before, size.get() + 1)?;
    let total = anchors::count(connection)?;
    Ok(Page::from_rows(rows, size, total, |anchor| anchor.position.to_string()))
}

/// Whether `user` receives each anchor by e-mail, after setting it when `subscribe` is given.
pub fn subscription(
    connection: &mut DbConnection,
    user: &UserId,
    subscribe: Option<bool>,
    now: NaiveDateTime,
) -> ServiceResult<bool> {
    match subscribe {
        Some(true) => anchors::subscribe(connection, user, now)?,
        Some(false) => {
            anchors::unsubscribe(connection, user)?;
        }
        None => {}
    }
    Ok(anchors::is_subscribed(connection, user)?)
}
