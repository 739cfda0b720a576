//! One's own profile: the name others see, a phone number, the language of one's e-mails.

use serde_json::json;

use crate::db::users::{self, ProfileChange};
use crate::domain::FieldError;
use crate::domain::account::{self, Language, User};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::UserId;
use crate::service::{Context, ServiceError, ServiceResult, events};

/// Changes to one's own profile, already parsed.
#[derive(Debug, Clone, Default)]
pub struct ProfileUpdate {
    pub full_name: Option<String>,
    pub phone: Option<Option<String>>,
    pub language: Option<Language>,
}

impl ProfileUpdate {
    pub fn check(full_name: Option<&str>, phone: Option<Option<&str>>, language: Option<&str>) -> ServiceResult<Self> {
        let mut errors = Vec::new();
        let full_name = full_name
            .map(account::check_full_name)
            .transpose()
            .map_err(|m| errors.push(FieldError::new("full_name", m)))
            .ok()
            .flatten();
        let phone = match phone {
            Some(Some(text)) => account::check_phone(text)
                .map(|p| Some(Some(p)))
                .map_err(|m| errors.push(FieldError::new("phone", m)))
                .ok()
                .flatten(),
            Some(None) => Some(None),
            None => None,
        };
        let language = language
            .map(str::parse::<Language>)
            .transpose()
            .map_err(|e| errors.push(FieldError::new("language", e.to_string())))
            .ok()
            .flatten();
        ServiceError::unless_valid(errors)?;
        Ok(ProfileUpdate { full_name, phone, language })
    }
}

pub async fn update(context: &Context, user_id: UserId, update: ProfileUpdate) -> ServiceResult<User> {
    let now = context.now();
    context
        .run(move |c, _| {
            crate::db::transaction(c, |c| {
                let change = ProfileChange {
                    full_name: update.full_name.as_deref(),
                    phone: update.phone.as_ref().map(|p| p.as_deref()),
                    language: update.language.map(Language::as_str),
                    updated_at: now,
                };
                users::update_profile(c, &user_id, &change)?;
                events::record(
                    c,
                    Some(&user_id),
                    EventKind::UserProfileUpdated,
                    Subject::User(&user_id),
                    json!({}),
                    now,
                )?;
                users::find(c, &user_id)?.ok_or_else(|| ServiceError::NotFound("no such user".into()))
            })
        })
        .await
}
