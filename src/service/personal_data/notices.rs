//! The privacy notice: read (the current version or any earlier one, with the retention schedule
//! now in force) and published anew by an administrator. A version is never edited.

use chrono::NaiveDateTime;
use serde_json::json;

use crate::db::personal_data::{notices, rules};
use crate::db::{self, DbConnection};
use crate::domain::FieldError;
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::UserId;
use crate::domain::personal_data::notice::PrivacyNotice;
use crate::domain::personal_data::rules::DataProtectionRule;
use crate::domain::text::clean_text;
use crate::service::{ServiceError, ServiceResult, events};

/// A notice as served: its text, the versions there are, and the rules in force.
#[derive(Debug, Clone)]
pub struct NoticeRead {
    pub notice: PrivacyNotice,
    pub versions: Vec<(i32, NaiveDateTime)>,
    pub rules: Vec<DataProtectionRule>,
}

pub fn read(connection: &mut DbConnection, version: Option<i32>) -> ServiceResult<NoticeRead> {
    let notice = match version {
        Some(version) => notices::find(connection, version)?,
        None => notices::current(connection)?,
    };
    let notice = notice.ok_or_else(|| ServiceError::NotFound("no privacy notice has this version".into()))?;
    Ok(NoticeRead { notice, versions: notices::versions(connection)?, rules: rules::all(connection)? })
}

/// The longest text of one language a notice may have.
const MAX_CHARS: usize = 20_000;

pub fn publish(
    connection: &mut DbConnection,
    admin: &UserId,
    text_vi: &str,
    text_en: &str,
    now: NaiveDateTime,
) -> ServiceResult<PrivacyNotice> {
    let mut errors = Vec::<FieldError>::new();
    let text_vi = clean_text(&mut errors, "text_vi", text_vi, 100..=MAX_CHARS, true);
    let text_en = clean_text(&mut errors, "text_en", text_en, 100..=MAX_CHARS, true);
    ServiceError::unless_valid(errors)?;
    db::transaction(connection, |c| {
        let version = notices::current_version(c)?.unwrap_or(0) + 1;
        let notice = PrivacyNotice { version, text_vi, text_en, published_at: now };
        notices::insert(c, &notice, Some(admin))?;
        events::record(
            c,
            Some(admin),
            EventKind::PrivacyNoticePublished,
            Subject::PrivacyNotice(version),
            json!({}),
            now,
        )?;
        Ok(notice)
    })
}
