//! The access log as supervisors read it: who read one petition's personal data, when, in which
//! role and agency, and why for an unsealing.

use crate::db::DbConnection;
use crate::db::personal_data::reads;
use crate::domain::authorization::{Action, Actor};
use crate::domain::ids::PetitionId;
use crate::domain::personal_data::reads::DataRead;
use crate::service::ServiceResult;
use crate::service::petitions::access;

/// The most entries one answer lists.
pub const LIMIT: i64 = 1_000;

/// Monitors in the petition's scope and administrators; anyone else learns nothing (403 or 404).
pub fn of_petition(connection: &mut DbConnection, actor: &Actor, id: &PetitionId) -> ServiceResult<Vec<DataRead>> {
    let petition = access::load(connection, id)?;
    access::check(actor, &petition, Action::SuperviseDataReads)?;
    Ok(reads::of_petition(connection, id, LIMIT)?)
}
