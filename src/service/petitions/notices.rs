//! Who hears of a step in a petition's handling, and the e-mail each gets through the outbox.
//! Petitioners get the public link and words addressed to them; staff get only the tracking code
//! and a link into the application, so no e-mail to staff ever carries a petitioner's identity.

use chrono::NaiveDateTime;

use crate::db::petitions::{self, PetitionRow};
use crate::db::{DbConnection, agencies, identities, users};
use crate::domain::account::Language;
use crate::mail::templates::{self, Notice};
use crate::service::petitions::petitioners as kept;
use crate::service::{Context, ServiceResult, outbox};

/// The petitioner of `petition` and of every petition merged into it (they follow it).
pub fn to_petitioners(
    connection: &mut DbConnection,
    context: &Context,
    petition: &PetitionRow,
    notice: &Notice,
    words: Option<&str>,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    let mut followed = vec![petition.clone()];
    followed.extend(petitions::merged_into(connection, &petition.id)?);
    for each in &followed {
        to_petitioner_of(connection, context, each, &petition.tracking_code, notice, words, now)?;
    }
    Ok(())
}

/// The petitioner of `petition`, about the petition with `tracking_code` (its own, or the one it
/// was merged into).
fn to_petitioner_of(
    connection: &mut DbConnection,
    context: &Context,
    petition: &PetitionRow,
    tracking_code: &str,
    notice: &Notice,
    words: Option<&str>,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    let Some(row) = identities::find(connection, &petition.id)? else { return Ok(()) };
    // Sealed identities are opened only to write to their own address; offline ones have none.
    let Some(identity) = kept::open(context, &row)? else { return Ok(()) };
    let Some(address) = identity.email.as_deref() else { return Ok(()) };
    let language = petition.language.parse().unwrap_or(Language::Vietnamese);
    let name = identity.full_name.as_deref().unwrap_or("công dân");
    let link = format!("{}/track/{tracking_code}", context.settings.public_base_url);
    let content = templates::petition_update(language, name, tracking_code, notice, words, &link);
    outbox::enqueue(connection, address, identity.full_name.as_deref(), &content, now)?;
    Ok(())
}

/// A staff member (an assignee), if their account is active.
pub fn to_user(
    connection: &mut DbConnection,
    context: &Context,
    user_id: &str,
    petition: &PetitionRow,
    notice: &Notice,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    let Some(user) = users::find(connection, user_id)?.filter(|u| u.disabled_at.is_none()) else { return Ok(()) };
    let language = user.language.parse().unwrap_or(Language::Vietnamese);
    work_email(connection, context, (&user.email, &user.full_name), language, petition, notice, now)
}

/// A work notice to `(address, name)`, linking to the petition in the application.
fn work_email(
    connection: &mut DbConnection,
    context: &Context,
    (address, name): (&str, &str),
    language: Language,
    petition: &PetitionRow,
    notice: &Notice,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    let link = format!("{}/petitions/{}", context.settings.public_base_url, petition.id);
    let content = templates::work_notice(language, name, &petition.tracking_code, notice, &link);
    outbox::enqueue(connection, address, Some(name), &content, now)?;
    Ok(())
}

/// The current head of an agency; without one, the agency's own address.
pub fn to_head_of(
    connection: &mut DbConnection,
    context: &Context,
    agency_id: &str,
    petition: &PetitionRow,
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
    assignee_id: Option<&str>,
    agency_id: &str,
    petition: &PetitionRow,
    notice: &Notice,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    let head = users::current_head_term(connection, agency_id)?.map(|term| term.user_id);
    if let Some(assignee) = assignee_id
        && Some(assignee) != head.as_deref()
    {
        to_user(connection, context, assignee, petition, notice, now)?;
    }
    to_head_of(connection, context, agency_id, petition, notice, now)
}

/// The head of the agency above `agency_id`, if there is one.
pub fn to_superior_head_of(
    connection: &mut DbConnection,
    context: &Context,
    agency_id: &str,
    petition: &PetitionRow,
    notice: &Notice,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    match agencies::find(connection, agency_id)?.and_then(|agency| agency.parent_id) {
        Some(parent) => to_head_of(connection, context, &parent, petition, notice, now),
        None => Ok(()),
    }
}
