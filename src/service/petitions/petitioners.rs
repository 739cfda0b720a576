//! Keeping petitioners' identities apart from petitions — in clear, sealed with AES-256-GCM,
//! offline (only the agency's register reference online) or not at all — and opening them again
//! for those allowed: the petitioner, e-mail to their own address, and a reception officer of the
//! handling agency who records why (unsealing).

use chrono::NaiveDateTime;
use serde_json::json;

use super::access;
use crate::config::IdentityStorage;
use crate::db::personal_data::reads;
use crate::db::{self, DbConnection, petitioners};
use crate::domain::authorization::{self, Action, Actor, PetitionFacts};
use crate::domain::events::{EventKind, Visibility};
use crate::domain::ids::PetitionId;
use crate::domain::personal_data::reads::{ReadOf, RecordRead};
use crate::domain::petition::petitioner::{self, KeptPetitioner, Petitioner};
use crate::domain::petition::{Petition, PetitionKind};
use crate::domain::tracking_code::TrackingCode;
use crate::service::events::{self, TimelineEntry};
use crate::service::{Context, ServiceError, ServiceResult};

/// How a new petition's petitioner is kept: offline (a denunciation, when so configured), not at
/// all (anonymous), sealed (confidential) or in clear.
pub fn keep(
    context: &Context,
    petition_id: &PetitionId,
    code: &TrackingCode,
    kind: PetitionKind,
    confidential: bool,
    petitioner: &Petitioner,
    offline_reference: Option<&str>,
) -> ServiceResult<KeptPetitioner> {
    let pseudonym = petitioner::pseudonym(code);
    if let Some(reference) = offline_reference
        && kind == PetitionKind::Denunciation
        && context.settings.identity_storage == IdentityStorage::Offline
    {
        return Ok(KeptPetitioner::Offline { pseudonym, register_reference: Some(reference.to_string()) });
    }
    if petitioner.is_nobody() {
        return Ok(KeptPetitioner::Anonymous { pseudonym });
    }
    if confidential {
        let plaintext = serde_json::to_vec(petitioner).map_err(anyhow::Error::new)?;
        let sealed = context.sealer.seal(petition_id.as_str(), &plaintext).map_err(anyhow::Error::new)?;
        return Ok(KeptPetitioner::Sealed { pseudonym, sealed });
    }
    Ok(KeptPetitioner::Plain { pseudonym, petitioner: petitioner.clone() })
}

/// The details of a kept petitioner in clear, where there are any online.
pub fn open(context: &Context, petition_id: &PetitionId, kept: &KeptPetitioner) -> ServiceResult<Option<Petitioner>> {
    match kept {
        KeptPetitioner::Plain { petitioner, .. } => Ok(Some(petitioner.clone())),
        KeptPetitioner::Sealed { sealed, .. } => {
            let plaintext = context.sealer.open(petition_id.as_str(), sealed).map_err(anyhow::Error::new)?;
            Ok(Some(serde_json::from_slice(&plaintext).map_err(anyhow::Error::new)?))
        }
        KeptPetitioner::Anonymous { .. } | KeptPetitioner::Offline { .. } => Ok(None),
    }
}

/// What the reader may know of the petitioner.
#[derive(Debug, Clone)]
pub enum PetitionerView {
    /// Nobody is named.
    Anonymous,
    /// Named, and the reader may see who.
    Named(Petitioner),
    /// Confidential: the reader sees a pseudonym (reception officers may unseal it, with a reason).
    Pseudonym { pseudonym: String, unsealable: bool },
    /// Kept offline: only the agency's register reference is online.
    Offline { pseudonym: String, register_reference: Option<String> },
}

/// What `actor` may know of the petitioner of `petition`; staff who are shown a petitioner's
/// details are entered in the access log of personal data.
pub fn view_for(
    connection: &mut DbConnection,
    context: &Context,
    petition: &Petition,
    actor: &Actor,
) -> ServiceResult<PetitionerView> {
    let Some(kept) = petitioners::find(connection, &petition.id)? else { return Ok(PetitionerView::Anonymous) };
    let is_petitioner = petition.petitioner_id.as_ref() == Some(&actor.user_id);
    let unsealable = authorization::authorize(actor, &Action::UnsealIdentity(PetitionFacts::of(petition))).is_ok();
    let view = match kept {
        KeptPetitioner::Anonymous { .. } => PetitionerView::Anonymous,
        KeptPetitioner::Offline { pseudonym, register_reference } => {
            PetitionerView::Offline { pseudonym, register_reference: register_reference.filter(|_| unsealable) }
        }
        KeptPetitioner::Sealed { pseudonym, .. } if !is_petitioner => {
            PetitionerView::Pseudonym { pseudonym, unsealable }
        }
        kept => named(context, &petition.id, &kept)?,
    };
    if matches!(view, PetitionerView::Named(_)) && !is_petitioner {
        let of = ReadOf::Petition(petition.id.clone());
        reads::record(connection, actor, RecordRead::Petitioner, of, None, context.now())?;
    }
    Ok(view)
}

fn named(context: &Context, petition_id: &PetitionId, kept: &KeptPetitioner) -> ServiceResult<PetitionerView> {
    Ok(open(context, petition_id, kept)?.map_or(PetitionerView::Anonymous, PetitionerView::Named))
}

/// A reception officer of the handling agency sees a confidential identity; who and why is
/// recorded in the petition's internal history first.
pub fn unseal(
    connection: &mut DbConnection,
    context: &Context,
    id: &PetitionId,
    actor: &Actor,
    reason: &str,
    now: NaiveDateTime,
) -> ServiceResult<PetitionerView> {
    db::transaction(connection, |c| {
        let petition = access::load(c, id)?;
        access::check(actor, &petition, Action::UnsealIdentity)?;
        let kept =
            petitioners::find(c, id)?.ok_or_else(|| ServiceError::NotFound("this petition names nobody".into()))?;
        let entry = TimelineEntry {
            actor_id: Some(&actor.user_id),
            kind: EventKind::PetitionIdentityUnsealed,
            visibility: Visibility::Internal,
            note: None,
            data: json!({ "reason": reason }),
        };
        events::record_on_petition(c, id, entry, now)?;
        reads::record(c, actor, RecordRead::Identity, ReadOf::Petition(id.clone()), Some(reason), now)?;
        Ok(match kept {
            KeptPetitioner::Offline { pseudonym, register_reference } => {
                PetitionerView::Offline { pseudonym, register_reference }
            }
            kept => named(context, id, &kept)?,
        })
    })
}
