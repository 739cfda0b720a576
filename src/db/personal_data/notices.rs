//! Privacy notice versions, and which version a person was shown on which occasion.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{privacy_notices, privacy_notices_shown};
use crate::domain::ids::{PetitionId, UserId};
use crate::domain::personal_data::notice::{NoticeOccasion, PrivacyNotice};

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = privacy_notices)]
struct NoticeRow {
    version: i32,
    text_vi: String,
    text_en: String,
    published_at: NaiveDateTime,
}

impl From<NoticeRow> for PrivacyNotice {
    fn from(row: NoticeRow) -> Self {
        PrivacyNotice {
            version: row.version,
            text_vi: row.text_vi,
            text_en: row.text_en,
            published_at: row.published_at,
        }
    }
}

/// The newest version: the one people are shown now.
pub fn current(connection: &mut DbConnection) -> QueryResult<Option<PrivacyNotice>> {
    let row = privacy_notices::table
        .order(privacy_notices::version.desc())
        .select(NoticeRow::as_select())
        .first(connection)
        .optional()?;
    Ok(row.map(Into::into))
}

pub fn find(connection: &mut DbConnection, version: i32) -> QueryResult<Option<PrivacyNotice>> {
    let row = privacy_notices::table.find(version).select(NoticeRow::as_select()).get_result(connection).optional()?;
    Ok(row.map(Into::into))
}

/// Every version, the newest first, without their text.
pub fn versions(connection: &mut DbConnection) -> QueryResult<Vec<(i32, NaiveDateTime)>> {
    privacy_notices::table
        .order(privacy_notices::version.desc())
        .select((privacy_notices::version, privacy_notices::published_at))
        .load(connection)
}

pub fn insert(connection: &mut DbConnection, notice: &PrivacyNotice, by: Option<&UserId>) -> QueryResult<usize> {
    diesel::insert_into(privacy_notices::table)
        .values((
            privacy_notices::version.eq(notice.version),
            privacy_notices::text_vi.eq(&notice.text_vi),
            privacy_notices::text_en.eq(&notice.text_en),
            privacy_notices::published_at.eq(notice.published_at),
            privacy_notices::published_by.eq(by.map(UserId::as_str)),
        ))
        .execute(connection)
}

/// Who was shown a notice: an account, or the petitioner of a petition (never both together).
#[derive(Debug, Clone, Copy)]
pub enum ShownTo<'a> {
    Account(&'a UserId),
    Petitioner(&'a PetitionId),
}

pub fn record_shown(
    connection: &mut DbConnection,
    version: i32,
    occasion: NoticeOccasion,
    to: ShownTo,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let (user_id, petition_id) = match to {
        ShownTo::Account(user) => (Some(user.as_str()), None),
        ShownTo::Petitioner(petition) => (None, Some(petition.as_str())),
    };
    diesel::insert_into(privacy_notices_shown::table)
        .values((
            privacy_notices_shown::id.eq(uuid::Uuid::new_v4().to_string()),
            privacy_notices_shown::version.eq(version),
            privacy_notices_shown::occasion.eq(occasion.as_str()),
            privacy_notices_shown::user_id.eq(user_id),
            privacy_notices_shown::petition_id.eq(petition_id),
            privacy_notices_shown::shown_at.eq(now),
        ))
        .execute(connection)
}

/// The versions shown about an account or a petition: (version, occasion, when).
pub fn shown(connection: &mut DbConnection, to: ShownTo) -> QueryResult<Vec<(i32, String, NaiveDateTime)>> {
    let query = privacy_notices_shown::table
        .select((privacy_notices_shown::version, privacy_notices_shown::occasion, privacy_notices_shown::shown_at))
        .order(privacy_notices_shown::shown_at.asc())
        .into_boxed();
    match to {
        ShownTo::Account(user) => query.filter(privacy_notices_shown::user_id.eq(user.as_str())).load(connection),
        ShownTo::Petitioner(petition) => {
            query.filter(privacy_notices_shown::petition_id.eq(petition.as_str())).load(connection)
        }
    }
}

/// Records that the current notice was shown; returns its version (none before one is published).
pub fn record_current_shown(
    connection: &mut DbConnection,
    occasion: NoticeOccasion,
    to: ShownTo,
    now: NaiveDateTime,
) -> QueryResult<Option<i32>> {
    let version = current_version(connection)?;
    if let Some(version) = version {
        record_shown(connection, version, occasion, to, now)?;
    }
    Ok(version)
}

/// The version last shown about an account or a petition.
pub fn version_shown(connection: &mut DbConnection, to: ShownTo) -> QueryResult<Option<i32>> {
    Ok(shown(connection, to)?.pop().map(|(version, ..)| version))
}

/// The version people are shown now.
pub fn current_version(connection: &mut DbConnection) -> QueryResult<Option<i32>> {
    privacy_notices::table.select(diesel::dsl::max(privacy_notices::version)).get_result(connection)
}
