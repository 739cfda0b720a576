//! Filing a petition: who may file what (`checks`), how the petitioner's identity is kept, the
//! agency it is routed to (or the triage queue), the acceptance deadline, the tracking code, the
//! receipt, and idempotent retries. Everything lands in one transaction or not at all.

mod checks;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use serde_json::json;

use super::views::{self, PetitionView};
use super::{petitioners, tracking_codes};
use crate::db::personal_data::notices::{self, ShownTo};
use crate::db::{self, DbConnection, idempotency, petitions};
use crate::domain::account::User;
use crate::domain::agency::Agency;
use crate::domain::deadline::{DeadlineClock, Round};
use crate::domain::events::{EventKind, Visibility};
use crate::domain::ids::{AgencyId, PetitionId};
use crate::domain::open311::ClientKey;
use crate::domain::outbox::Addressee;
use crate::domain::personal_data::notice::NoticeOccasion;
use crate::domain::petition::petitioner::CoPetitioner;
use crate::domain::petition::{Channel, NewPetition, PetitionKind};
use crate::domain::routing::{self, RouteBasis};
use crate::domain::tracking_code::TrackingCode;
use crate::mail::templates;
use crate::service::events::{self, TimelineEntry};
use crate::service::reference::routing_rules;
use crate::service::throttle::Guard;
use crate::service::{Context, ServiceError, ServiceResult, outbox, throttle};

use checks::Filing;

/// A filing as the filer wrote it; every field is checked before anything is stored.
#[derive(Debug, Clone, Default)]
pub struct FilingForm {
    pub kind: String,
    pub category: String,
    pub title: String,
    pub description: String,
    pub location: LocationForm,
    pub related_project: Option<String>,
    /// Complaints: the number of the decision (or a description of the act) and its date.
    pub decision_reference: Option<(String, NaiveDate)>,
    pub confidential: bool,
    pub language: Option<String>,
    pub co_petitioners: Vec<CoPetitioner>,
    /// Officers only: how the petition arrived (in_person, post, phone, email).
    pub channel: Option<String>,
    /// Officers only: who the petition is from (absent for anonymous feedback or proposals).
    pub petitioner: Option<PetitionerForm>,
    /// Anonymous filers: where to send the tracking code.
    pub contact_email: Option<String>,
    /// Officers, when denouncers' identities are kept offline: the agency's register entry.
    pub offline_register_reference: Option<String>,
    /// Complaints: the agency whose decision or act is complained about (its head resolves it).
    pub respondent_agency_id: Option<String>,
    /// Denunciations: the agency of the person denounced.
    pub denounced_agency_id: Option<String>,
    /// Denunciations naming an agency: staff, head_or_deputy or agency (who resolves it follows).
    pub denounced_position: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct LocationForm {
    pub admin_unit_code: String,
    pub address: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// Who a petition is from, as an officer records it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PetitionerForm {
    pub full_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

/// Who is filing.
#[derive(Debug, Clone)]
pub enum Filer {
    /// A signed-in citizen, from the web or the mobile app.
    Citizen { user: User, channel: Channel },
    /// An officer or head entering a petition received in person, by post, phone or e-mail.
    Staff { user: User },
    /// Nobody signed in; the client's address bounds how much can be filed this way.
    Anonymous { client_address: String },
    /// An Open311 client with its key, for someone who may have given a name and a contact.
    Open311 { key: ClientKey, media_url: Option<String> },
}

impl Filer {
    fn user(&self) -> Option<&User> {
        match self {
            Filer::Citizen { user, .. } | Filer::Staff { user } => Some(user),
            Filer::Anonymous { .. } | Filer::Open311 { .. } => None,
        }
    }
}

/// A retried request is recognised by (scope, key) and must carry the same body (hash).
#[derive(Debug, Clone)]
pub struct IdempotencyClaim {
    pub scope: String,
    pub key: String,
    pub request_hash: String,
}

/// The petition filed, as the filer may now read it.
#[derive(Debug, Clone)]
pub struct Filed {
    /// True when this answers a retry of an earlier request.
    pub replayed: bool,
    pub view: FiledView,
    /// The privacy notice version the petitioner was shown.
    pub privacy_notice: Option<i32>,
}

#[derive(Debug, Clone)]
pub enum FiledView {
    /// A signed-in filer who may read the petition reads it in full.
    Full(PetitionView),
    /// An anonymous filer, or staff who filed for another agency, get the public view and the
    /// tracking code: nothing else to read.
    Public(PetitionView),
}

impl FiledView {
    pub fn petition(&self) -> &PetitionView {
        match self {
            FiledView::Full(view) | FiledView::Public(view) => view,
        }
    }
}

/// Files a petition in one transaction: the petition, its petitioner's identity, its first
/// timeline entry, its receipt e-mail and its idempotency key all land together or not at all.
pub fn file(
    connection: &mut DbConnection,
    context: &Context,
    filer: &Filer,
    form: FilingForm,
    claim: Option<IdempotencyClaim>,
) -> ServiceResult<Filed> {
    let id = file_once(connection, context, filer, form, claim)?;
    let view = match filer.user() {
        Some(user) => match views::find_for(connection, context, &id.petition, &user.actor()) {
            Ok(view) => FiledView::Full(view),
            // Staff who filed on someone's behalf a petition that went to another agency may not
            // read it in full: they get what anyone may know, with the code for the petitioner.
            Err(ServiceError::NotFound(_)) => FiledView::Public(views::public_of(connection, context, &id.petition)?),
            Err(other) => return Err(other),
        },
        None => FiledView::Public(views::public_of(connection, context, &id.petition)?),
    };
    Ok(Filed { replayed: id.replayed, view, privacy_notice: id.privacy_notice })
}

struct FiledId {
    petition: PetitionId,
    replayed: bool,
    /// The privacy notice version the petitioner was shown.
    privacy_notice: Option<i32>,
}

fn file_once(
    connection: &mut DbConnection,
    context: &Context,
    filer: &Filer,
    form: FilingForm,
    claim: Option<IdempotencyClaim>,
) -> ServiceResult<FiledId> {
    if let Some(claim) = &claim
        && let Some(filed) = replay(connection, claim)?
    {
        return Ok(filed);
    }
    let now = context.now();
    let today = crate::domain::time::vietnam_date(now);
    match filer {
        Filer::Anonymous { client_address } => {
            throttle::hit(connection, &Guard::anonymous_filings_from(client_address), now)?;
        }
        Filer::Open311 { key, .. } => {
            let guard = Guard::open311_filings_by(&key.id, context.settings.open311_filings_per_hour);
            throttle::hit(connection, &guard, now)?;
        }
        Filer::Citizen { .. } | Filer::Staff { .. } => {}
    }
    let outcome = db::transaction(connection, |c| {
        if let Some(claim) = &claim
            && let Some(filed) = replay(c, claim)?
        {
            return Ok(filed);
        }
        let filing = checks::check(c, context, filer, form, today)?;
        let (petition, privacy_notice) = insert(c, context, filer, &filing, now, today)?;
        if let Some(claim) = &claim {
            idempotency::insert(c, &claim.scope, &claim.key, &claim.request_hash, 201, petition.as_str(), now)?;
        }
        Ok(FiledId { petition, replayed: false, privacy_notice })
    });
    match (outcome, &claim) {
        // Two identical retries raced: the loser's transaction rolled back; answer with the winner's.
        (Err(ServiceError::Internal(error)), Some(claim)) if is_unique_violation(&error) => {
            replay(connection, claim)?.ok_or(ServiceError::Internal(error))
        }
        (outcome, _) => outcome,
    }
}

fn is_unique_violation(error: &anyhow::Error) -> bool {
    matches!(
        error.downcast_ref::<DieselError>(),
        Some(DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _))
    )
}

fn replay(connection: &mut DbConnection, claim: &IdempotencyClaim) -> ServiceResult<Option<FiledId>> {
    match idempotency::find(connection, &claim.scope, &claim.key)? {
        Some(stored) if stored.request_hash == claim.request_hash => {
            let petition = PetitionId::from_stored(stored.response_body);
            let privacy_notice = notices::version_shown(connection, ShownTo::Petitioner(&petition))?;
            Ok(Some(FiledId { petition, replayed: true, privacy_notice }))
        }
        Some(_) => Err(ServiceError::invalid(
            "Idempotency-Key",
            "was already used for a different request; use a new key for a new petition",
        )),
        None => Ok(None),
    }
}

/// Where a new petition goes, and why: complaints and denunciations naming an agency take the
/// statutory route; feedback, proposals and denunciations of a breach in a managed field follow
/// the routing rules in force. Whatever finds no agency in force waits in the coordinating
/// office's triage queue.
fn route(
    connection: &mut DbConnection,
    context: &Context,
    filing: &Filing,
    today: NaiveDate,
) -> ServiceResult<(Option<Agency>, RouteBasis)> {
    let statutory =
        routing::statutory_route(filing.kind, Round::First, filing.named_agency.as_ref(), filing.denounced_position)
            .ok()
            .flatten();
    let routed = match (statutory, filing.kind) {
        (Some(route), _) => Some((route.agency_id, route.basis)),
        (None, PetitionKind::Complaint) => None,
        (None, PetitionKind::Denunciation) if filing.named_agency.is_some() => None,
        (None, kind) => {
            let basis =
                if kind == PetitionKind::Denunciation { RouteBasis::FieldManagement } else { RouteBasis::RoutingRule };
            let rules = &context.reference;
            routing_rules::route(connection, rules, kind, &filing.category, &filing.unit_path, today)?
                .map(|id| (id, basis))
        }
    };
    let in_force = |agency: &Agency| agency.in_force_on(today);
    if let Some((agency_id, basis)) = routed
        && let Some(agency) = context.reference.agency(connection, &agency_id)?.filter(in_force)
    {
        return Ok((Some(agency), basis));
    }
    let triage = context.reference.agency_by_code(connection, &context.settings.triage_agency_code)?.filter(in_force);
    Ok((triage, RouteBasis::Triage))
}

fn insert(
    connection: &mut DbConnection,
    context: &Context,
    filer: &Filer,
    filing: &Filing,
    now: NaiveDateTime,
    today: NaiveDate,
) -> ServiceResult<(PetitionId, Option<i32>)> {
    let id = PetitionId::from(uuid::Uuid::new_v4());
    let code = tracking_codes::mint(connection)?;
    let (assigned, basis) = route(connection, context, filing, today)?;
    let assigned_id = assigned.as_ref().map(|agency| agency.id.clone());
    let calendar = context.reference.calendar(connection)?;
    let rule = context.reference.deadline_rule(connection, filing.kind, Round::First)?;
    let acceptance_due = rule.acceptance.last_day(&calendar, today);
    let named = filing.named_agency.as_ref().map(|agency| agency.id.clone());
    let of_kind = |kind: PetitionKind| named.clone().filter(|_| filing.kind == kind);
    let (petitioner_id, filed_by_id) = match filer {
        Filer::Citizen { user, .. } => (Some(user.id.clone()), Some(user.id.clone())),
        Filer::Staff { user } => (None, Some(user.id.clone())),
        Filer::Anonymous { .. } | Filer::Open311 { .. } => (None, None),
    };
    petitions::insert(
        connection,
        &NewPetition {
            id: id.clone(),
            tracking_code: code.clone(),
            kind: filing.kind,
            category: filing.category.clone(),
            title: filing.title.clone(),
            description: filing.description.clone(),
            admin_unit_code: filing.admin_unit.clone(),
            unit_path: filing.unit_path.clone(),
            location: filing.location.clone(),
            related_project: filing.related_project.clone(),
            complained_decision: filing.complained_decision.clone(),
            confidential: filing.confidential,
            language: filing.language,
            channel: filing.channel,
            petitioner_id,
            filed_by_id: filed_by_id.clone(),
            assigned_agency_id: assigned_id.clone(),
            received_at: now,
            acceptance_due,
            respondent_agency_id: of_kind(PetitionKind::Complaint),
            denounced_agency_id: of_kind(PetitionKind::Denunciation),
            denounced_position: filing.denounced_position,
            routing_basis: Some(basis.in_words().to_string()),
            round: Round::First,
            appeal_of_id: None,
            clock: DeadlineClock::running(&calendar, acceptance_due, today, context.settings.reminder_working_days),
        },
    )?;
    let kept = petitioners::keep(
        context,
        &id,
        &code,
        filing.kind,
        filing.confidential,
        &filing.petitioner,
        filing.offline_reference.as_deref(),
    )?;
    crate::db::petitioners::insert(connection, &id, &kept)?;
    let entry = TimelineEntry {
        actor_id: filed_by_id.as_ref(),
        kind: EventKind::PetitionFiled,
        visibility: Visibility::Public,
        note: Some("Đơn đã được tiếp nhận / The petition was received"),
        data: json!({
            "channel": filing.channel.as_str(),
            "open311_client": match filer {
                Filer::Open311 { key, .. } => Some(key.client_name.as_str()),
                _ => None,
            },
            "assigned_agency_id": assigned_id.as_ref().map(AgencyId::as_str),
            "routing_basis": basis.in_words(),
        }),
    };
    events::record_on_petition(connection, &id, entry, now)?;
    if let Filer::Open311 { key, media_url } = filer {
        db::open311::insert_request(connection, &id, &key.id, media_url.as_deref())?;
    }
    let occasion =
        if matches!(filer, Filer::Open311 { .. }) { NoticeOccasion::Open311Filing } else { NoticeOccasion::Filing };
    let privacy_notice = notices::record_current_shown(connection, occasion, ShownTo::Petitioner(&id), now)?;
    send_receipt(connection, context, filer, filing, &code, acceptance_due, now)?;
    Ok((id, privacy_notice))
}

/// The receipt, to the petitioner's address or an anonymous filer's contact address. Only a
/// signed-in citizen's own (proved) address hears the title; a contact address nobody proved gets
/// no word the filer wrote, and at most a few receipts a day (beyond them the petition is filed
/// without one: its answer carries the code), so that pakn relays nothing. The recipient of a
/// confidential or anonymous petition's receipt is hidden from the outbox view.
fn send_receipt(
    connection: &mut DbConnection,
    context: &Context,
    filer: &Filer,
    filing: &Filing,
    code: &TrackingCode,
    acceptance_due: NaiveDate,
    now: NaiveDateTime,
) -> ServiceResult<()> {
    let (address, name, title) = match (filer, &filing.petitioner.email, &filing.contact_email) {
        (Filer::Citizen { .. }, Some(address), _) => {
            (address.clone(), filing.petitioner.full_name.clone(), Some(filing.title.as_str()))
        }
        (Filer::Staff { .. }, Some(address), _) => (address.clone(), filing.petitioner.full_name.clone(), None),
        (Filer::Anonymous { .. } | Filer::Open311 { .. }, _, Some(contact)) => {
            if throttle::hit(connection, &Guard::receipts_to(contact.as_str()), now).is_err() {
                return Ok(());
            }
            (contact.to_string(), None, None)
        }
        _ => return Ok(()),
    };
    let link = format!("{}/track/{code}", context.settings.public_base_url);
    let greeting = name.as_deref().unwrap_or("công dân");
    let content = templates::petition_receipt(filing.language, greeting, code.as_str(), title, acceptance_due, &link);
    let hidden = filing.confidential || matches!(filer, Filer::Anonymous { .. } | Filer::Open311 { .. });
    let to = Addressee { address: &address, name: name.as_deref(), hidden };
    outbox::enqueue_to(connection, to, &content, now)?;
    Ok(())
}
