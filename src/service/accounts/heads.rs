//! Heads of agencies: one at a time per agency, each term recorded. Appointing a new head ends the
//! former head's term, and they stay in the agency as an officer.

use chrono::NaiveDateTime;
use serde_json::json;

use crate::db::DbConnection;
use crate::db::users::{self, UserAssignment};
use crate::domain::account::Role;
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::{AgencyId, HeadTermId, UserId};
use crate::service::{ServiceResult, events};

/// Makes `user_id` the head of `agency_id`, recorded as done by `by`.
pub fn appoint(
    connection: &mut DbConnection,
    user_id: &UserId,
    agency_id: &AgencyId,
    by: &UserId,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    if let Some(term) = users::current_head_term(connection, agency_id)? {
        if &term.user_id == user_id {
            return Ok(());
        }
        users::end_term(connection, &term.id, now)?;
        if let Some(former) = users::find(connection, &term.user_id)? {
            if former.role == Role::Head {
                let officer = UserAssignment {
                    role: Role::Officer.as_str(),
                    agency_id: Some(agency_id.as_str()),
                    scope_admin_unit_code: None,
                    // A former head becomes an officer, not a reception officer until granted.
                    reception_officer: false,
                    updated_at: now,
                };
                users::assign(connection, &former.id, &officer)?;
            }
            record_term_ended(connection, agency_id, &former.id, by, now)?;
        }
    }
    // A head heads one agency: any other term of theirs ends.
    users::end_terms_of_user(connection, user_id, now)?;
    users::start_term(connection, &HeadTermId::from(uuid::Uuid::new_v4()), agency_id, user_id, now)?;
    let data = json!({ "user_id": user_id });
    events::record(connection, Some(by), EventKind::AgencyHeadAppointed, Subject::Agency(agency_id), data, now)
}

/// A head leaves the post without a successor (their role or agency changed).
pub fn step_down(
    connection: &mut DbConnection,
    user_id: &UserId,
    agency_id: &AgencyId,
    by: &UserId,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    users::end_terms_of_user(connection, user_id, now)?;
    record_term_ended(connection, agency_id, user_id, by, now)
}

fn record_term_ended(
    connection: &mut DbConnection,
    agency_id: &AgencyId,
    user_id: &UserId,
    by: &UserId,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    let data = json!({ "user_id": user_id });
    events::record(connection, Some(by), EventKind::AgencyHeadTermEnded, Subject::Agency(agency_id), data, now)
}
