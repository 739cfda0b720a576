//! Breaches of personal data: an administrator records one (the notification clock runs from its
//! discovery, Law 91/2025/QH15 Art. 23(1)), records when the authority was told, and decides when
//! to tell the people it touched — once, through the outbox, each at their own address; a
//! confidential petitioner's address stays hidden from the outbox view.

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use serde_json::json;

use super::rules;
use crate::db::personal_data::breaches;
use crate::db::{self, DbConnection, petitioners as kept_petitioners, petitions, users};
use crate::domain::FieldError;
use crate::domain::account::{Language, User};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::{BreachId, PetitionId, UserId};
use crate::domain::outbox::Addressee;
use crate::domain::personal_data::breach::{Affected, Breach};
use crate::domain::personal_data::notice;
use crate::domain::personal_data::rules::RuleName;
use crate::domain::text::clean_text;
use crate::mail::templates;
use crate::service::petitions::petitioners;
use crate::service::{Context, ServiceError, ServiceResult, events, outbox};

/// The most people one record names; a larger breach is recorded in several.
pub const MAX_AFFECTED: usize = 10_000;

/// A breach as an administrator reports it.
#[derive(Debug, Clone, Default)]
pub struct NewBreach {
    pub summary: String,
    pub occurred_at: Option<NaiveDateTime>,
    pub discovered_at: NaiveDateTime,
    pub user_ids: Vec<String>,
    pub petition_ids: Vec<String>,
}

pub fn record(
    connection: &mut DbConnection,
    admin: &UserId,
    new: NewBreach,
    now: NaiveDateTime,
) -> ServiceResult<Breach> {
    let mut errors = Vec::<FieldError>::new();
    let summary = clean_text(&mut errors, "summary", &new.summary, 10..=5_000, true);
    if new.discovered_at > now {
        errors.push(FieldError::new("discovered_at", "must not be in the future"));
    }
    if new.occurred_at.is_some_and(|occurred| occurred > new.discovered_at) {
        errors.push(FieldError::new("occurred_at", "must not be after discovered_at"));
    }
    if new.user_ids.len() + new.petition_ids.len() > MAX_AFFECTED {
        errors
            .push(FieldError::new("user_ids", format!("with petition_ids, must name at most {MAX_AFFECTED} records")));
    }
    ServiceError::unless_valid(errors)?;
    db::transaction(connection, |c| {
        let affected = affected(c, &new.user_ids, &new.petition_ids)?;
        let authority_due_at = rules::current(c, RuleName::BreachNotification)?.period.after(new.discovered_at);
        let breach = Breach {
            id: BreachId::from(uuid::Uuid::new_v4()),
            summary,
            occurred_at: new.occurred_at,
            discovered_at: new.discovered_at,
            recorded_at: now,
            recorded_by: admin.clone(),
            authority_due_at,
            authority_notified_at: None,
            people_notified_at: None,
            notice: None,
            affected,
        };
        breaches::insert(c, &breach)?;
        let data = json!({ "affected": breach.affected.len() });
        events::record(c, Some(admin), EventKind::BreachRecorded, Subject::Breach(&breach.id), data, now)?;
        Ok(breach)
    })
}

/// The records named, each checked to exist, without repeats.
fn affected(
    connection: &mut DbConnection,
    user_ids: &[String],
    petition_ids: &[String],
) -> ServiceResult<Vec<Affected>> {
    let mut errors = Vec::<FieldError>::new();
    let mut found = Vec::new();
    let mut seen = BTreeSet::new();
    for (index, text) in user_ids.iter().enumerate() {
        let field = format!("user_ids[{index}]");
        match UserId::parse(text).ok().map(|id| users::find(connection, &id)).transpose()?.flatten() {
            Some(user) if seen.insert(user.id.to_string()) => found.push(Affected::Account(user.id)),
            Some(_) => {}
            None => errors.push(FieldError::new(field, "names no account")),
        }
    }
    for (index, text) in petition_ids.iter().enumerate() {
        let field = format!("petition_ids[{index}]");
        match PetitionId::parse(text).ok().map(|id| petitions::find(connection, &id)).transpose()?.flatten() {
            Some(petition) if seen.insert(petition.id.to_string()) => found.push(Affected::Petitioner(petition.id)),
            Some(_) => {}
            None => errors.push(FieldError::new(field, "names no petition")),
        }
    }
    ServiceError::unless_valid(errors)?;
    Ok(found)
}

pub fn list(connection: &mut DbConnection) -> ServiceResult<Vec<Breach>> {
    Ok(breaches::all(connection)?)
}

pub fn find(connection: &mut DbConnection, id: &str) -> ServiceResult<Breach> {
    let id = BreachId::parse(id).map_err(|_| no_such_breach())?;
    breaches::find(connection, &id)?.ok_or_else(no_such_breach)
}

fn no_such_breach() -> ServiceError {
    ServiceError::NotFound("no breach has this id".into())
}

/// Records when the authority was notified (once).
pub fn authority_notified(
    connection: &mut DbConnection,
    admin: &UserId,
    id: &str,
    at: NaiveDateTime,
    now: NaiveDateTime,
) -> ServiceResult<Breach> {
    db::transaction(connection, |c| {
        let breach = find(c, id)?;
        if at > now || at < breach.discovered_at {
            return Err(ServiceError::invalid("notified_at", "must be between the discovery and now"));
        }
        if breaches::mark_authority_notified(c, &breach.id, at)? == 0 {
            return Err(ServiceError::Conflict("the authority's notification was already recorded".into()));
        }
        let data = json!({ "on_time": at <= breach.authority_due_at });
        events::record(c, Some(admin), EventKind::BreachAuthorityNotified, Subject::Breach(&breach.id), data, now)?;
        find(c, id)
    })
}

/// Tells every person the breach touched, in `notice`'s words, exactly once: a second call, from
/// any process, is a 409 and sends nothing. Returns the breach and how many e-mails were queued.
pub fn notify_people(
    connection: &mut DbConnection,
    context: &Context,
    admin: &UserId,
    id: &str,
    notice: &str,
    now: NaiveDateTime,
) -> ServiceResult<(Breach, usize)> {
    let mut errors = Vec::<FieldError>::new();
    let notice = clean_text(&mut errors, "notice", notice, 20..=5_000, true);
    ServiceError::unless_valid(errors)?;
    db::transaction(connection, |c| {
        let breach = find(c, id)?;
        if breaches::mark_people_notified(c, &breach.id, &notice, now)? == 0 {
            return Err(ServiceError::Conflict("the people affected were already notified".into()));
        }
        let privacy_link = format!("{}{}", context.settings.public_base_url, notice::link_to_current());
        let mut addresses = BTreeSet::new();
        for affected in &breach.affected {
            let Some(recipient) = recipient(c, context, affected)? else { continue };
            if !addresses.insert(recipient.address.clone()) {
                continue;
            }
            let name = recipient.name.as_deref().unwrap_or("công dân");
            let content = templates::breach_notice(recipient.language, name, &notice, &privacy_link);
            let to =
                Addressee { address: &recipient.address, name: recipient.name.as_deref(), hidden: recipient.hidden };
            outbox::enqueue_to(c, to, &content, now)?;
        }
        let data = json!({ "notified": addresses.len() });
        events::record(c, Some(admin), EventKind::BreachPeopleNotified, Subject::Breach(&breach.id), data, now)?;
        Ok((find(c, id)?, addresses.len()))
    })
}

struct Recipient {
    address: String,
    name: Option<String>,
    language: Language,
    hidden: bool,
}

/// Where to tell someone: an active account's address, or a petitioner's own address (opened from
/// a sealed identity only to write to it), else their account's.
fn recipient(
    connection: &mut DbConnection,
    context: &Context,
    affected: &Affected,
) -> ServiceResult<Option<Recipient>> {
    let of_account = |user: User, hidden: bool| Recipient {
        address: user.email.as_str().to_string(),
        name: Some(user.full_name.clone()),
        language: user.language,
        hidden,
    };
    match affected {
        Affected::Account(id) => Ok(users::find(connection, id)?.filter(User::is_active).map(|u| of_account(u, false))),
        Affected::Petitioner(id) => {
            let Some(petition) = petitions::find(connection, id)? else { return Ok(None) };
            let kept = kept_petitioners::find(connection, id)?;
            let opened = match &kept {
                Some(kept) => petitioners::open(context, id, kept)?,
                None => None,
            };
            if let Some(address) = opened.as_ref().and_then(|p| p.email.clone()) {
                let name = opened.and_then(|p| p.full_name);
                return Ok(Some(Recipient {
                    address,
                    name,
                    language: petition.language,
                    hidden: petition.confidential,
                }));
            }
            let account = match &petition.petitioner_id {
                Some(user) => users::find(connection, user)?.filter(User::is_active),
                None => None,
            };
            Ok(account.map(|user| of_account(user, petition.confidential)))
        }
    }
}
