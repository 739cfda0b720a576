//! A person objects to processing the law does not require, or stops objecting (Law
//! 91/2025/QH15 Art. 4(1)(d); Decree 356/2025/NĐ-CP Art. 5(2): fifteen days — done at once). The
//! processing the handling laws require is not theirs to stop (Law Art. 10(1), 19(1)(c)).

use chrono::NaiveDateTime;

use super::requests;
use crate::db::personal_data::objections;
use crate::db::{self, DbConnection};
use crate::domain::ids::UserId;
use crate::domain::personal_data::requests::{DataRequestKind, OptionalProcessing};
use crate::service::ServiceResult;

/// What the person objects to now.
pub fn of(connection: &mut DbConnection, user: &UserId) -> ServiceResult<Vec<OptionalProcessing>> {
    let mut objected = Vec::new();
    for purpose in OptionalProcessing::ALL {
        if objections::objects(connection, user, *purpose)? {
            objected.push(*purpose);
        }
    }
    Ok(objected)
}

/// Objects to `purpose`, or withdraws the objection; a change is recorded in the register of
/// requests. Returns what the person objects to after it.
pub fn set(
    connection: &mut DbConnection,
    user: &UserId,
    purpose: OptionalProcessing,
    objecting: bool,
    now: NaiveDateTime,
) -> ServiceResult<Vec<OptionalProcessing>> {
    db::transaction(connection, |c| {
        if objections::set(c, user, purpose, objecting, now)? {
            let outcome = match objecting {
                true => format!("objects to {purpose}"),
                false => format!("no longer objects to {purpose}"),
            };
            requests::record_completed(c, Some(user), DataRequestKind::Objection, outcome, now)?;
        }
        of(c, user)
    })
}
