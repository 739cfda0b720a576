//! Who hears of what happens to a petition, and the e-mail each gets through the outbox.
//! Petitioners get the public link and words addressed to them; staff get only the tracking code
//! and a link into the application, so no e-mail to staff ever carries a petitioner's identity.

use chrono::NaiveDateTime;

use super::petitioners as kept;
use crate::db::personal_data::objections;
use crate::db::{DbConnection, agencies, petitioners, petitions, users};
use crate::domain::account::{Language, User};
use crate::domain::ids::{AgencyId, UserId};
use crate::domain::notice::Notice;
use crate::domain::outbox::Addressee;
use crate::domain::personal_data::requests::OptionalProcessing;
use crate::domain::petition::Petition;
use crate::domain::tracking_code::TrackingCode;
use crate::mail::templates;
use crate::service::{Context, ServiceResult, outbox};

/// One notice about one petition, to be sent to whoever needs it, in the caller's transaction.
pub struct Telling<'a> {
    pub context: &'a Context,
    pub petition: &'a Petition,
    pub notice: &'a Notice,
    pub now: NaiveDateTime,
}

impl Telling<'_> {
    /// The petitioner of the petition, with `words` addressed to them, and the petitioners of
    /// every petition merged into it, who follow it and get the notice alone: the words (an
    /// answer, a question, a reason) speak of the petitioner's own affairs.
    pub fn petitioners(&self, c: &mut DbConnection, words: Option<&str>) -> ServiceResult<()> {
        let code = &self.petition.tracking_code;
        self.petitioner_of(c, self.petition, code, words)?;
        for follower in petitions::merged_into(c, &self.petition.id)? {
            self.petitioner_of(c, &follower, code, None)?;
        }
        Ok(())
    }

    /// The petitioner of `petition`, about the petition with `code` (its own, or the one it was
    /// merged into).
    fn petitioner_of(
        &self,
        c: &mut DbConnection,
        petition: &Petition,
        code: &TrackingCode,
        words: Option<&str>,
    ) -> ServiceResult<()> {
        // News by e-mail is not what the law requires (the agency's written notices are): a
        // petitioner who objected to it is not written to.
        if let Some(user) = &petition.petitioner_id
            && objections::objects(c, user, OptionalProcessing::EmailUpdates)?
        {
            return Ok(());
        }
        let Some(stored) = petitioners::find(c, &petition.id)? else { return Ok(()) };
        // Sealed identities are opened only to write to their own address; offline ones have none.
        let Some(petitioner) = kept::open(self.context, &petition.id, &stored)? else { return Ok(()) };
        let Some(address) = petitioner.email.as_deref() else { return Ok(()) };
        let name = petitioner.full_name.as_deref().unwrap_or("công dân");
        let link = format!("{}/track/{code}", self.context.settings.public_base_url);
        let content = templates::petition_update(petition.language, name, code.as_str(), self.notice, words, &link);
        let to = Addressee { address, name: petitioner.full_name.as_deref(), hidden: petition.confidential };
        outbox::enqueue_to(c, to, &content, self.now)?;
        Ok(())
    }

    /// A staff member (an assignee), if their account is active.
    pub fn user(&self, c: &mut DbConnection, user_id: &UserId) -> ServiceResult<()> {
        let Some(user) = users::find(c, user_id)?.filter(User::is_active) else { return Ok(()) };
        self.work_email(c, (user.email.as_str(), &user.full_name), user.language)
    }

    /// The current head of an agency; without one, the agency's own address.
    pub fn head_of(&self, c: &mut DbConnection, agency_id: &AgencyId) -> ServiceResult<()> {
        if let Some(term) = users::current_head_term(c, agency_id)? {
            return self.user(c, &term.user_id);
        }
        let Some(agency) = agencies::find(c, agency_id)? else { return Ok(()) };
        let Some(address) = agency.email.as_deref() else { return Ok(()) };
        self.work_email(c, (address, &agency.head_title), Language::Vietnamese)
    }

    /// The assignee (if any) and the head of the agency, once each when they are the same person.
    pub fn assignee_and_head(&self, c: &mut DbConnection, agency_id: &AgencyId) -> ServiceResult<()> {
        let head = users::current_head_term(c, agency_id)?.map(|term| term.user_id);
        if let Some(assignee) = &self.petition.assignee_id
            && Some(assignee) != head.as_ref()
        {
            self.user(c, assignee)?;
        }
        self.head_of(c, agency_id)
    }

    /// The head of the agency above `agency_id`, if there is one.
    pub fn superior_head_of(&self, c: &mut DbConnection, agency_id: &AgencyId) -> ServiceResult<()> {
        match agencies::find(c, agency_id)?.and_then(|agency| agency.parent_id) {
            Some(parent) => self.head_of(c, &parent),
            None => Ok(()),
        }
    }

    /// A work notice to `(address, name)`, linking to the petition in the application.
    fn work_email(&self, c: &mut DbConnection, (address, name): (&str, &str), language: Language) -> ServiceResult<()> {
        let link = format!("{}/petitions/{}", self.context.settings.public_base_url, self.petition.id);
        let code = self.petition.tracking_code.as_str();
        let content = templates::work_notice(language, name, code, self.notice, &link);
        outbox::enqueue(c, address, Some(name), &content, self.now)?;
        Ok(())
    }
}
