//! Who hears of a recommendation's steps: the current head of the agency addressed, the one who
//! issued it, and (once it is overdue) the head of the superior agency, by e-mail in their
//! language.

use crate::db::{DbConnection, agencies, users};
use crate::domain::account::User;
use crate::domain::ids::{AgencyId, UserId};
use crate::domain::oversight::recommendations::Recommendation;
use crate::mail::templates;
use crate::service::{Context, ServiceResult, outbox};

fn link(context: &Context, r: &Recommendation) -> String {
    format!("{}/oversight/recommendations/{}", context.settings.public_base_url, r.id)
}

pub(super) fn tell_head(
    c: &mut DbConnection,
    context: &Context,
    r: &Recommendation,
    what: (&str, &str),
    text: &str,
) -> ServiceResult<()> {
    tell_head_of(c, context, &r.agency_id, r, what, text)
}

/// The head of the agency above the one addressed, when there is one: an overdue recommendation
/// is escalated to them as an overdue petition is.
pub(super) fn tell_superior_head(
    c: &mut DbConnection,
    context: &Context,
    r: &Recommendation,
    what: (&str, &str),
    text: &str,
) -> ServiceResult<()> {
    match agencies::find(c, &r.agency_id)?.and_then(|agency| agency.parent_id) {
        Some(superior) => tell_head_of(c, context, &superior, r, what, text),
        None => Ok(()),
    }
}

/// The current head of `agency`, if it has one.
fn tell_head_of(
    c: &mut DbConnection,
    context: &Context,
    agency: &AgencyId,
    r: &Recommendation,
    what: (&str, &str),
    text: &str,
) -> ServiceResult<()> {
    match users::current_head_term(c, agency)? {
        Some(term) => tell_user(c, context, &term.user_id, r, what, text),
        None => Ok(()),
    }
}

pub(super) fn tell_monitor(
    c: &mut DbConnection,
    context: &Context,
    r: &Recommendation,
    what: (&str, &str),
    text: &str,
) -> ServiceResult<()> {
    tell_user(c, context, &r.monitor_id, r, what, text)
}

fn tell_user(
    c: &mut DbConnection,
    context: &Context,
    user: &UserId,
    r: &Recommendation,
    what: (&str, &str),
    text: &str,
) -> ServiceResult<()> {
    let Some(user) = users::find(c, user)?.filter(User::is_active) else { return Ok(()) };
    let content = templates::recommendation_update(
        user.language,
        &user.full_name,
        r.oversight_body,
        what,
        text,
        &r.respond_by.format("%d/%m/%Y").to_string(),
        &link(context, r),
    );
    outbox::enqueue(c, user.email.as_str(), Some(&user.full_name), &content, context.now())?;
    Ok(())
}
