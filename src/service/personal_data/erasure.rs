//! Erasing one's account where the law lets it go (Law 91/2025/QH15 Art. 14; Decree 356/2025/
//! NĐ-CP Art. 5(4)). Gone at once: the name, address, phone and password, every session and link,
//! and sent mail's record of the address. Kept, detached from the account, because the handling
//! laws require them (Art. 14(2), Art. 19(1)(c)): petitions still open, and complaints and
//! denunciations within their archive period, with their petitioner's identity. An answered
//! feedback or proposal needs no identity any more: it becomes anonymous now. In consultations,
//! supports and followed units go; comments stay, unlinked from the person (`erase_now` says why).

use chrono::NaiveDateTime;
use serde_json::json;

use super::requests;
use crate::db::outbox::{self, SentMail};
use crate::db::personal_data::{objections, purge, requests as request_rows, subjects};
use crate::db::{self, DbConnection, petitions, users};
use crate::domain::account::{Role, User};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::SessionId;
use crate::domain::personal_data::requests::DataRequestKind;
use crate::domain::petition::PetitionKind;
use crate::security::passwords::Verification;
use crate::service::throttle::Guard;
use crate::service::{Context, ServiceError, ServiceResult, events, throttle};

/// What an erasure did, in counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Erased {
    /// Petitions kept for their handling or archive, no longer linked to the account.
    pub petitions_kept: usize,
    /// Answered feedback and proposals whose petitioner became anonymous.
    pub petitioners_anonymised: usize,
    /// Sessions, refresh tokens and one-time links deleted.
    pub sign_in_records_deleted: usize,
    /// Sent e-mails whose recipient was forgotten.
    pub emails_forgotten: usize,
}

/// The signed-in citizen erases their own account, confirming with their password. Staff
/// accounts record official acts: an administrator closes them instead.
pub async fn erase(context: &Context, user: User, session_id: SessionId, password: String) -> ServiceResult<Erased> {
    if user.role != Role::Citizen {
        return Err(ServiceError::Conflict(
            "a staff account records official acts and is closed by an administrator, not erased".into(),
        ));
    }
    let now = context.now();
    let guard = Guard::password_checks_in(session_id.as_str());
    let counted = guard.clone();
    context.run(move |c, _| throttle::hit(c, &counted, now)).await?;
    let stored = user.password_hash.as_ref().map(|hash| hash.as_str().to_string());
    match context.hasher.verify(password, stored).await.map_err(anyhow::Error::new)? {
        Verification::Match | Verification::MatchNeedsRehash(_) => {}
        Verification::Mismatch => return Err(ServiceError::invalid("password", "is not your password")),
    }
    context.run(move |c, _| db::transaction(c, |c| erase_now(c, &user, now))).await
}

fn erase_now(connection: &mut DbConnection, user: &User, now: NaiveDateTime) -> ServiceResult<Erased> {
    let mut answered = Vec::new();
    let own = subjects::petitions_of(connection, &user.id)?;
    for id in &own {
        if let Some(petition) = petitions::find(connection, id)?
            && matches!(petition.kind, PetitionKind::Feedback | PetitionKind::Proposal)
            && !petition.status.is_open()
        {
            answered.push(id.to_string());
        }
    }
    let petitioners_anonymised = purge::anonymise_petitioners(connection, &answered)?;
    let petitions_kept = subjects::detach_petitions(connection, &user.id)?;
    let sign_in_records_deleted = subjects::delete_account_traces(connection, &user.id)?;
    let reception_bookings_deleted = crate::db::reception::bookings::delete_of_citizen(connection, &user.id)?;
    // A consultation's comments are the people's contributions to a public decision: the agency
    // must answer each in its published synthesis (Law 10/2022/QH15 on grassroots democracy), and
    // the record of the consultation is kept by law, which is the exception Law 91/2025/QH15
    // Art. 14(2) makes to erasure, as for petitions. So a comment stays, public under the same
    // pseudonym, unlinked from the person: the account behind it is erased below (no name,
    // contact or password is left, and the pseudonym is a hash no one can reverse to a person),
    // staff see its author as erased, and its text goes with the retention rule
    // (`consultation_comments`). A support is a click no decision rests on, and what units a
    // person follows only serves them: both are deleted now.
    let consultation_supports_deleted = crate::db::consultations::comments::forget_supports_of(connection, &user.id)?;
    let emails_forgotten = outbox::erase_sent(connection, SentMail::To(user.email.as_str()), now)?;
    let placeholder = format!("erased-{}@erased.invalid", user.id.as_str());
    users::erase(connection, &user.id, &placeholder, now)?;
    let erased = Erased { petitions_kept, petitioners_anonymised, sign_in_records_deleted, emails_forgotten };
    request_rows::forget_user(connection, &user.id)?;
    objections::forget_user(connection, &user.id)?;
    crate::db::consultations::subscriptions::forget(connection, &user.id)?;
    let outcome = format!(
        "account erased; {petitions_kept} petitions kept without the account, {petitioners_anonymised} made anonymous"
    );
    requests::record_completed(connection, None, DataRequestKind::Erasure, outcome, now)?;
    let data = json!({
        "petitions_kept": petitions_kept,
        "petitioners_anonymised": petitioners_anonymised,
        "sign_in_records_deleted": sign_in_records_deleted,
        "reception_bookings_deleted": reception_bookings_deleted,
        "consultation_supports_deleted": consultation_supports_deleted,
    });
    events::record(connection, None, EventKind::UserErased, Subject::User(&user.id), data, now)?;
    Ok(erased)
}
