//! The administrative units someone follows, to hear by e-mail when a consultation about one of
//! them (or a unit under it) is published.

use chrono::NaiveDateTime;
use serde_json::json;

use crate::db::consultations::subscriptions;
use crate::db::{self, DbConnection};
use crate::domain::FieldError;
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::UserId;
use crate::service::reference::admin_units;
use crate::service::{Context, ServiceError, ServiceResult, events};

/// The most units one person follows.
pub const MAX_FOLLOWED: usize = 50;

pub fn of(connection: &mut DbConnection, user: &UserId) -> ServiceResult<Vec<String>> {
    Ok(subscriptions::of_user(connection, user)?)
}

/// Replaces the units `user` follows with `codes` (each an existing unit).
pub fn replace(
    connection: &mut DbConnection,
    context: &Context,
    user: &UserId,
    codes: &[String],
) -> ServiceResult<Vec<String>> {
    let (now, today): (NaiveDateTime, _) = (context.now(), context.today());
    if codes.len() > MAX_FOLLOWED {
        return Err(ServiceError::invalid("admin_unit_codes", format!("follow at most {MAX_FOLLOWED} units")));
    }
    db::transaction(connection, |c| {
        let mut errors = Vec::<FieldError>::new();
        let mut kept: Vec<String> = Vec::new();
        for text in codes {
            let unknown = || FieldError::new("admin_unit_codes", format!("{text:?} is not an administrative unit"));
            match AdminUnitCode::parse(text) {
                Ok(code) if admin_units::path_of(c, code.as_str(), today)?.is_some() => {
                    if !kept.iter().any(|k| k == code.as_str()) {
                        kept.push(code.as_str().to_string());
                    }
                }
                _ => errors.push(unknown()),
            }
        }
        ServiceError::unless_valid(errors)?;
        kept.sort();
        subscriptions::replace(c, user, &kept, now)?;
        let data = json!({ "units": kept.len() });
        events::record(c, Some(user), EventKind::UserConsultationSubscriptionsChanged, Subject::User(user), data, now)?;
        Ok(kept)
    })
}
