//! Who hears of what happens to a petition, and the e-mail each gets through the outbox.
//! Petitioners get the public link and words addressed to them; staff get only the tracking code
//! and a link into the application, so no e-mail to staff ever carries a petitioner's identity.

use chrono::NaiveDateTime;

use super::petitioners as kept;
use crate::db::{DbConnection, agencies, petitioners, petitions, users};
use crate::domain::account::Language;
use crate::domain::ids::{AgencyId, UserId};
use crate::domain::notice::Notice;
use crate::domain::petition::Petition;
use crate::domain::tracking_code::TrackingCode;
use crate::mail::templates;
use crate::service::{Context, ServiceResult, outbox};

/// The petitioner of `petition` and of every petition merged into it (they follow it).
pub fn to_petitioners(
    connection: &mut DbConnection,
    context: &Context,
    petition: &Petition,
    notice: &Notice,
    words: Option<&str>,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    to_petitioner_of(connection, context, petition, &petition.tracking_code, notice, words, now)?;
    for follower in petitions::merged_into(connection, &petition.id)? {
        to_petitioner_of(connection, context, &follower, &petition.tracking_code, notice, words, now)?;
    }
    Ok(())
}

/// The petitioner of `petition`, about the petition with `tracking_code` (its own, or the one it
/// was merged into).
fn to_petitioner_of(
    connection: &mut DbConnection,
    context: &Context,
    petition: &Petition,
    tracking_code: &TrackingCode,
    notice: &Notice,
    words: Option<&str>,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    let Some(stored) = petitioners::find(connection, &petition.id)? else { return Ok(()) };
    // Sealed identities are opened only to write to their own address; offline ones have none.
    let Some(petitioner) = kept::open(context, &petition.id, &stored)? else { return Ok(()) };
    let Some(address) = petitioner.email.as_deref() else { return Ok(()) };
    let name = petitioner.full_name.as_deref().unwrap_or("công dân");
    let link = format!("{}/track/{tracking_code}", context.settings.public_base_url);
    let content = templates::petition_update(petition.language, name, tracking_code.as_str(), notice, words, &link);
    outbox::enqueue(connection, address, petitioner.full_name.as_deref(), &content, now)?;
    Ok(())
}

/// A staff member (an assignee), if their account is active.
pub fn to_user(
    connection: &mut DbConnection,
    context: &Context,
    user_id: &UserId,
    petition: &Petition,
    notice: &Notice,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    let Some(user) = users::find(connection, user_id)?.filter(crate::domain::account::User::is_active) else {
        return Ok(());
    };
    work_email(connection, context, (user.email.as_str(), &user.full_name), user.language, petition, notice, now)
}

/// A work notice to `(address, name)`, linking to the petition in the application.
fn work_email(
    connection: &mut DbConnection,
    context: &Context,
    (address, name): (&str, &str),
    language: Language,
    petition: &Petition,
    notice: &Notice,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    let link = format!("{}/petitions/{}", context.settings.public_base_url, petition.id);
    let content = templates::work_notice(language, name, petition.tracking_code.as_str(), notice, &link);
    outbox::enqueue(connection, address, Some(name), &content, now)?;
    Ok(())
}

/// The current head of an agency; without one, the agency's own address.
pub fn to_head_of(
    connection: &mut DbConnection,
    context: &Context,
    agency_id: &AgencyId,
    petition: &Petition,
    notice: &Notice,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    if let Some(term) = users::current_head_term(connection, agency_id)? {
        return to_user(connection, context, &term.user_id, petition, notice, now);
    }
    let Some(agency) = agencies::find(connection, agency_id)? else { return Ok(()) };
    let Some(address) = agency.email.as_deref() else { return Ok(()) };
    work_email(connection, context, (address, &agency.head_title), Language::Vietnamese, petition, notice, now)
}

/// The assignee (if any) and the head of the agency, once each when they are the same person.
pub fn to_assignee_and_head(
    connection: &mut DbConnection,
    context: &Context,
    agency_id: &AgencyId,
    petition: &Petition,
    notice: &Notice,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    let head = users::current_head_term(connection, agency_id)?.map(|term| term.user_id);
    if let Some(assignee) = &petition.assignee_id
        && Some(assignee) != head.as_ref()
    {
        to_user(connection, context, assignee, petition, notice, now)?;
    }
    to_head_of(connection, context, agency_id, petition, notice, now)
}

/// The head of the agency above `agency_id`, if there is one.
pub fn to_superior_head_of(
    connection: &mut DbConnection,
    context: &Context,
    agency_id: &AgencyId,
    petition: &Petition,
    notice: &Notice,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    match agencies::find(connection, agency_id)?.and_then(|agency| agency.parent_id) {
        Some(parent) => to_head_of(connection, context, &parent, petition, notice, now),
        None => Ok(()),
    }
}
