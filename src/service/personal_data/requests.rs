//! The register of people's requests over their data: each recorded with the statutory clock it
//! ran against (Decree 356/2025/NĐ-CP Art. 5), for administrators to account for.

use chrono::NaiveDateTime;

use super::rules;
use crate::db::DbConnection;
use crate::db::personal_data::requests;
use crate::domain::ids::{DataRequestId, UserId};
use crate::domain::personal_data::requests::{DataRequest, DataRequestKind, DataRequestStatus};
use crate::domain::personal_data::rules::RuleName;
use crate::service::ServiceResult;

/// The most requests one answer lists.
pub const LIMIT: i64 = 500;

/// Records a request pakn carried out at once, with the deadline it had.
pub fn record_completed(
    connection: &mut DbConnection,
    user: Option<&UserId>,
    kind: DataRequestKind,
    outcome: String,
    now: NaiveDateTime,
) -> ServiceResult<DataRequest> {
    let mut request = received(connection, user, kind, now)?;
    request.status = DataRequestStatus::Completed;
    request.completed_at = Some(now);
    request.outcome = Some(outcome);
    requests::insert(connection, &request, None)?;
    Ok(request)
}

/// A request received now, with the deadline its kind's rule sets, not yet recorded.
pub fn received(
    connection: &mut DbConnection,
    user: Option<&UserId>,
    kind: DataRequestKind,
    now: NaiveDateTime,
) -> ServiceResult<DataRequest> {
    let clock = match kind {
        DataRequestKind::Export | DataRequestKind::Correction => RuleName::AccessRequestResponse,
        DataRequestKind::Erasure => RuleName::ErasureRequestResponse,
        DataRequestKind::Objection => RuleName::ObjectionRequestResponse,
    };
    Ok(DataRequest {
        id: DataRequestId::from(uuid::Uuid::new_v4()),
        user_id: user.cloned(),
        kind,
        status: DataRequestStatus::Open,
        received_at: now,
        due_at: rules::current(connection, clock)?.period.after(now),
        completed_at: None,
        outcome: None,
        petition_id: None,
        decided_by: None,
    })
}

pub fn newest(connection: &mut DbConnection) -> ServiceResult<Vec<DataRequest>> {
    Ok(requests::newest(connection, LIMIT)?)
}
