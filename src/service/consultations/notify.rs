//! Who hears of a consultation being published: everyone following one of its units or a unit
//! above one, once each, by e-mail in their language.

use std::collections::BTreeSet;

use crate::db::consultations::{subscriptions, unit_paths};
use crate::db::{DbConnection, agencies, users};
use crate::domain::account::User;
use crate::domain::admin_unit::UnitPath;
use crate::domain::consultations::Consultation;
use crate::mail::templates;
use crate::service::{Context, ServiceResult, outbox};

pub(super) fn tell_followers(c: &mut DbConnection, context: &Context, x: &Consultation) -> ServiceResult<()> {
    let paths = unit_paths(c, &x.id)?;
    let codes: BTreeSet<&str> = paths.iter().flat_map(UnitPath::codes).collect();
    if codes.is_empty() {
        return Ok(());
    }
    let codes: Vec<&str> = codes.into_iter().collect();
    let followers = subscriptions::followers_of(c, &codes)?;
    let agency = agencies::find(c, &x.agency_id)?.map(|a| a.name).unwrap_or_default();
    let link = format!("{}/consultations/{}", context.settings.public_base_url, x.id);
    for follower in followers {
        let Some(user) = users::find(c, &follower)?.filter(User::is_active) else { continue };
        let content = templates::consultation_published(
            user.language,
            &user.full_name,
            &agency,
            &x.title,
            &x.closes_on.format("%d/%m/%Y").to_string(),
            &link,
        );
        outbox::enqueue(c, user.email.as_str(), Some(&user.full_name), &content, context.now())?;
    }
    Ok(())
}
