//! A petitioner corrects their details on a petition (Law 91/2025/QH15 Art. 4(1)(c); Decree
//! 356/2025/NĐ-CP Art. 5(3): ten days): they ask, the handling agency confirms or refuses, and the
//! timeline records both without the details. What was asked is sealed like a confidential
//! identity until decided, then forgotten; only those who may see the petitioner read it.

use chrono::NaiveDateTime;
use serde_json::json;

use super::requests;
use crate::db::personal_data::{reads, requests as request_rows};
use crate::db::{self, DbConnection, petitioners as kept_petitioners};
use crate::domain::FieldError;
use crate::domain::account::{Email, check_full_name, check_phone};
use crate::domain::authorization::{Action, Actor};
use crate::domain::events::{EventKind, Visibility};
use crate::domain::ids::{DataRequestId, PetitionId};
use crate::domain::personal_data::reads::{ReadOf, RecordRead};
use crate::domain::personal_data::requests::{Correction, DataRequest, DataRequestKind, DataRequestStatus};
use crate::domain::petition::Petition;
use crate::domain::petition::petitioner::KeptPetitioner;
use crate::domain::text::{clean_text, optional_text};
use crate::service::events::{self, TimelineEntry};
use crate::service::petitions::{access, petitioners};
use crate::service::{Context, ServiceError, ServiceResult};

/// A correction and, for those who may read it, what it asks.
#[derive(Debug, Clone)]
pub struct CorrectionRead {
    pub request: DataRequest,
    pub asked: Option<Correction>,
}

/// The details as the petitioner sent them, checked like a filing's.
pub fn checked(form: &Correction) -> ServiceResult<Correction> {
    let mut errors = Vec::<FieldError>::new();
    // A detail sent blank is refused rather than taken as left out: the contract's name, phone
    // and e-mail cannot be blank, and a client that sends one meant something. Its words are not
    // "must not be blank": schemathesis learns from 422 messages and takes those for "required".
    for (field, text) in [("full_name", &form.full_name), ("email", &form.email), ("phone", &form.phone)] {
        if text.as_deref().is_some_and(|t| t.trim().is_empty()) {
            errors.push(FieldError::new(field, "is blank: leave it out to keep it as it is"));
        }
    }
    let mut check = |field: &str, result: Option<Result<String, String>>| {
        result.and_then(|r| r.map_err(|m| errors.push(FieldError::new(field, m))).ok())
    };
    let given = |text: &Option<String>| text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
    let full_name = check("full_name", given(&form.full_name).map(|t| check_full_name(&t)));
    let email = check("email", given(&form.email).map(|t| Email::parse(&t).map(|e| e.to_string())));
    let phone = check("phone", given(&form.phone).map(|t| check_phone(&t)));
    let address = optional_text(&mut errors, "address", form.address.as_deref(), 500);
    let correction = Correction { full_name, email, phone, address };
    if errors.is_empty() && correction.is_empty() {
        errors.push(FieldError::new("full_name", "give at least one detail to correct"));
    }
    ServiceError::unless_valid(errors)?;
    Ok(correction)
}

/// The petitioner asks; the petition must name them online (not anonymous, not offline).
pub fn ask(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    petition_id: &PetitionId,
    correction: Correction,
    now: NaiveDateTime,
) -> ServiceResult<DataRequest> {
    db::transaction(connection, |c| {
        let petition = access::load(c, petition_id)?;
        if petition.petitioner_id.as_ref() != Some(&actor.user_id) {
            access::check(actor, &petition, Action::ReadPetition)?;
            return Err(ServiceError::Forbidden);
        }
        let kept = kept_petitioners::find(c, petition_id)?;
        if !matches!(kept, Some(KeptPetitioner::Plain { .. } | KeptPetitioner::Sealed { .. })) {
            return Err(ServiceError::Conflict("this petition keeps no details of its petitioner to correct".into()));
        }
        let mut request = requests::received(c, Some(&actor.user_id), DataRequestKind::Correction, now)?;
        request.petition_id = Some(petition_id.clone());
        let plaintext = serde_json::to_vec(&correction).map_err(anyhow::Error::new)?;
        let sealed = context.sealer.seal(request.id.as_str(), &plaintext).map_err(anyhow::Error::new)?;
        request_rows::insert(c, &request, Some(&sealed))?;
        let entry = internal_entry(actor, EventKind::PetitionCorrectionRequested, &request);
        events::record_on_petition(c, petition_id, entry, now)?;
        Ok(request)
    })
}

fn internal_entry<'a>(actor: &'a Actor, kind: EventKind, request: &DataRequest) -> TimelineEntry<'a> {
    TimelineEntry {
        actor_id: Some(&actor.user_id),
        kind,
        visibility: Visibility::Internal,
        note: None,
        data: json!({ "request_id": request.id }),
    }
}

/// The corrections asked on a petition: for its petitioner, and for those who may decide them
/// (who then read what is asked: a read of the petitioner's data, logged).
pub fn list(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    petition_id: &PetitionId,
    now: NaiveDateTime,
) -> ServiceResult<Vec<CorrectionRead>> {
    let petition = access::load(connection, petition_id)?;
    let is_petitioner = petition.petitioner_id.as_ref() == Some(&actor.user_id);
    if !is_petitioner {
        may_decide(connection, actor, &petition)?;
    }
    let asked = request_rows::of_petition(connection, petition_id)?;
    if !is_petitioner && asked.iter().any(|(_, details)| details.is_some()) {
        reads::record(connection, actor, RecordRead::Petitioner, ReadOf::Petition(petition_id.clone()), None, now)?;
    }
    asked.into_iter().map(|(request, details)| opened(context, request, details)).collect()
}

fn opened(context: &Context, request: DataRequest, details: Option<String>) -> ServiceResult<CorrectionRead> {
    let asked = match details {
        Some(sealed) => {
            let plaintext = context.sealer.open(request.id.as_str(), &sealed).map_err(anyhow::Error::new)?;
            Some(serde_json::from_slice(&plaintext).map_err(anyhow::Error::new)?)
        }
        None => None,
    };
    Ok(CorrectionRead { request, asked })
}

fn may_decide(connection: &mut DbConnection, actor: &Actor, petition: &Petition) -> ServiceResult<()> {
    let sealed = matches!(kept_petitioners::find(connection, &petition.id)?, Some(KeptPetitioner::Sealed { .. }));
    access::check(actor, petition, |facts| Action::DecideCorrection { facts, sealed })
}

/// The handling agency confirms: the petitioner's details are corrected (re-sealed when they were
/// sealed), the request completed, the timeline told.
pub fn confirm(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    petition_id: &PetitionId,
    request_id: &str,
    now: NaiveDateTime,
) -> ServiceResult<CorrectionRead> {
    db::transaction(connection, |c| {
        let (request, asked) = open_request(c, context, actor, petition_id, request_id)?;
        let kept = kept_petitioners::find(c, petition_id)?
            .ok_or_else(|| ServiceError::Conflict("this petition keeps no petitioner any more".into()))?;
        let current = petitioners::open(context, petition_id, &kept)?.ok_or_else(|| {
            ServiceError::Conflict("this petition keeps no details of its petitioner any more".into())
        })?;
        let corrected = asked.applied_to(&current);
        let pseudonym = kept.pseudonym().to_string();
        let replaced = match kept {
            KeptPetitioner::Sealed { .. } => {
                let plaintext = serde_json::to_vec(&corrected).map_err(anyhow::Error::new)?;
                let sealed = context.sealer.seal(petition_id.as_str(), &plaintext).map_err(anyhow::Error::new)?;
                KeptPetitioner::Sealed { pseudonym, sealed }
            }
            _ => KeptPetitioner::Plain { pseudonym, petitioner: corrected },
        };
        kept_petitioners::replace(c, petition_id, &replaced)?;
        decide(c, actor, &request, DataRequestStatus::Completed, "corrected as asked", now)?;
        events::record_on_petition(
            c,
            petition_id,
            internal_entry(actor, EventKind::PetitionPetitionerCorrected, &request),
            now,
        )?;
        decided(c, context, &request.id)
    })
}

/// The handling agency refuses, saying why (the petitioner reads it).
pub fn refuse(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    petition_id: &PetitionId,
    request_id: &str,
    reason: &str,
    now: NaiveDateTime,
) -> ServiceResult<CorrectionRead> {
    let mut errors = Vec::<FieldError>::new();
    let reason = clean_text(&mut errors, "reason", reason, 10..=2_000, true);
    ServiceError::unless_valid(errors)?;
    db::transaction(connection, |c| {
        let (request, _) = open_request(c, context, actor, petition_id, request_id)?;
        decide(c, actor, &request, DataRequestStatus::Refused, &reason, now)?;
        events::record_on_petition(
            c,
            petition_id,
            internal_entry(actor, EventKind::PetitionCorrectionRefused, &request),
            now,
        )?;
        decided(c, context, &request.id)
    })
}

/// An open correction of this petition that `actor` may decide, with what it asks.
fn open_request(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    petition_id: &PetitionId,
    request_id: &str,
) -> ServiceResult<(DataRequest, Correction)> {
    let petition = access::load(connection, petition_id)?;
    may_decide(connection, actor, &petition)?;
    let no_such = || ServiceError::NotFound("this petition has no correction with this id".into());
    let id = DataRequestId::parse(request_id).map_err(|_| no_such())?;
    let (request, details) = request_rows::find(connection, &id)?.ok_or_else(no_such)?;
    if request.petition_id.as_ref() != Some(petition_id) {
        return Err(no_such());
    }
    match opened(context, request, details)? {
        CorrectionRead { request, asked: Some(asked) } if request.status == DataRequestStatus::Open => {
            Ok((request, asked))
        }
        CorrectionRead { request, .. } => {
            Err(ServiceError::Conflict(format!("this correction was {} already", request.status)))
        }
    }
}

fn decide(
    connection: &mut DbConnection,
    actor: &Actor,
    request: &DataRequest,
    status: DataRequestStatus,
    outcome: &str,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    if request_rows::decide(connection, &request.id, status, outcome, &actor.user_id, now)? == 0 {
        return Err(ServiceError::Conflict("this correction was decided meanwhile".into()));
    }
    Ok(())
}

fn decided(connection: &mut DbConnection, context: &Context, id: &DataRequestId) -> ServiceResult<CorrectionRead> {
    let (request, details) =
        request_rows::find(connection, id)?.ok_or_else(|| ServiceError::NotFound("the correction vanished".into()))?;
    opened(context, request, details)
}
