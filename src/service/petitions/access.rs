//! Reaching a stored petition: loading it, and asking whether the actor may do something to it
//! (a denial is 404 where even its existence must not leak, 403 otherwise).

use crate::db::{DbConnection, petitions};
use crate::domain::authorization::{self, Action, Actor, Denial, PetitionFacts};
use crate::domain::ids::PetitionId;
use crate::domain::petition::Petition;
use crate::service::{ServiceError, ServiceResult};

pub fn not_found(id: &PetitionId) -> ServiceError {
    ServiceError::NotFound(format!("no petition has the id {id}"))
}

pub fn load(connection: &mut DbConnection, id: &PetitionId) -> ServiceResult<Petition> {
    petitions::find(connection, id)?.ok_or_else(|| not_found(id))
}

pub fn denied(denial: Denial, id: &PetitionId) -> ServiceError {
    match denial {
        Denial::Hidden => not_found(id),
        Denial::Forbidden => ServiceError::Forbidden,
    }
}

/// Whether `actor` may do what `action` says to `petition`.
pub fn check<'a>(
    actor: &Actor,
    petition: &'a Petition,
    action: impl FnOnce(PetitionFacts<'a>) -> Action<'a>,
) -> ServiceResult<()> {
    authorization::authorize(actor, &action(PetitionFacts::of(petition))).map_err(|d| denied(d, &petition.id))
}
