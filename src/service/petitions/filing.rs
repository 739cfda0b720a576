//! Filing a petition: who may file what, the checks a filing must pass, how the petitioner's
//! identity is kept (plain, sealed, offline or anonymous), the agency it is routed to (or the triage queue), the
//! acceptance deadline, the tracking code, the receipt, and idempotent retries.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use rand::Rng;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::config::IdentityStorage;
use crate::db::identities;
use crate::db::petitions::{self, NewPetitionRow};
use crate::db::users::UserRow;
use crate::db::{self, DbConnection, admin_units, agencies, categories, idempotency};
use crate::domain::FieldError;
use crate::domain::account::{Email, Language, check_full_name, check_phone};
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::deadline::Round;
use crate::domain::petition::{self, Channel, PetitionKind, PetitionStatus};
use crate::domain::routing::{self, AgencyLink};
use crate::domain::search::fold;
use crate::domain::tracking_code::TrackingCode;
use crate::mail::templates;
use crate::service::events::{self, TimelineEntry};
pub use crate::service::petitions::petitioners::{CoPetitioner, Identity};
use crate::service::{Context, ServiceError, ServiceResult, outbox, reference::calendar, throttle};

/// The filing as the client sent it; `check` turns it into a `Filing`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FilingRequest {
    pub kind: String,
    pub category: String,
    pub title: String,
    pub description: String,
    pub location: LocationRequest,
    pub related_project: Option<String>,
    pub decision_reference: Option<DecisionReference>,
    #[serde(default)]
    pub confidential: bool,
    pub language: Option<String>,
    #[serde(default)]
    pub co_petitioners: Vec<CoPetitioner>,
    /// Officers only: how the petition arrived (in_person, post, phone, email).
    pub channel: Option<String>,
    /// Officers only: who the petition is from (absent for anonymous feedback or proposals).
    pub petitioner: Option<PetitionerDetails>,
    /// Anonymous filers: where to send the tracking code.
    pub contact_email: Option<String>,
    /// Officers, when denouncers' identities are kept offline: the agency's register entry.
    pub offline_register_reference: Option<String>,
    /// Complaints: the agency whose decision or act is complained about (its head resolves it).
    pub respondent_agency_id: Option<String>,
    /// Denunciations: the agency of the person denounced (the agency above it resolves it).
    pub denounced_agency_id: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct LocationRequest {
    pub admin_unit_code: String,
    pub address: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct DecisionReference {
    /// The number or description of the decision or act complained about.
    pub number: String,
    pub date: NaiveDate,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
pub struct PetitionerDetails {
    pub full_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
}

/// Who is filing.
#[derive(Debug, Clone)]
pub enum Filer {
    /// A signed-in citizen, from the web or the mobile app.
    Citizen { user: UserRow, channel: Channel },
    /// An officer or head entering a petition received in person, by post, phone or e-mail.
    Staff { user: UserRow },
    /// Nobody signed in; the client's address bounds how much can be filed this way.
    Anonymous { client_address: String },
}

/// A retried request is recognised by (scope, key) and must carry the same body (hash).
#[derive(Debug, Clone)]
pub struct IdempotencyClaim {
    pub scope: String,
    pub key: String,
    pub request_hash: String,
}

#[derive(Debug, Clone)]
pub struct Filed {
    pub petition_id: String,
    /// True when this answers a retry of an earlier request.
    pub replayed: bool,
}

const MAX_CO_PETITIONERS: usize = 100;

/// Files a petition in one transaction: the petition, its petitioner's identity, its first
/// timeline entry, its receipt e-mail and its idempotency key all land together or not at all.
pub fn file(
    connection: &mut DbConnection,
    context: &Context,
    filer: &Filer,
    request: FilingRequest,
    claim: Option<IdempotencyClaim>,
) -> ServiceResult<Filed> {
    if let Some(claim) = &claim
        && let Some(filed) = replay(connection, claim)?
    {
        return Ok(filed);
    }
    let now = context.now();
    let today = crate::domain::time::vietnam_date(now);
    if let Filer::Anonymous { client_address } = filer {
        let key = throttle::address_key("anonymous-filing", client_address);
        throttle::hit(connection, &key, throttle::ANONYMOUS_FILINGS_PER_ADDRESS, now)?;
    }
    let outcome = db::transaction(connection, |c| {
        if let Some(claim) = &claim
            && let Some(filed) = replay(c, claim)?
        {
            return Ok(filed);
        }
        let filing = check(c, context, filer, request, today)?;
        let petition_id = insert(c, context, filer, &filing, now, today)?;
        if let Some(claim) = &claim {
            idempotency::insert(c, &claim.scope, &claim.key, &claim.request_hash, 201, &petition_id, now)?;
        }
        Ok(Filed { petition_id, replayed: false })
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

fn replay(connection: &mut DbConnection, claim: &IdempotencyClaim) -> ServiceResult<Option<Filed>> {
    match idempotency::find(connection, &claim.scope, &claim.key)? {
        Some(stored) if stored.request_hash == claim.request_hash => {
            Ok(Some(Filed { petition_id: stored.response_body, replayed: true }))
        }
        Some(_) => Err(ServiceError::invalid(
            "Idempotency-Key",
            "was already used for a different request; use a new key for a new petition",
        )),
        None => Ok(None),
    }
}

/// A filing that passed every check.
struct Filing {
    kind: PetitionKind,
    category: String,
    title: String,
    description: String,
    admin_unit: AdminUnitCode,
    unit_path: String,
    address: Option<String>,
    coordinates: (Option<f64>, Option<f64>),
    related_project: Option<String>,
    decision: Option<DecisionReference>,
    confidential: bool,
    language: Language,
    channel: Channel,
    identity: Identity,
    offline_reference: Option<String>,
    contact_email: Option<Email>,
    /// The agency the law names for a complaint or a denunciation, when the filer named it.
    named_agency: Option<AgencyLink>,
}

fn check(
    connection: &mut DbConnection,
    context: &Context,
    filer: &Filer,
    request: FilingRequest,
    today: NaiveDate,
) -> ServiceResult<Filing> {
    let mut errors = Vec::new();
    let kind =
        request.kind.parse::<PetitionKind>().map_err(|e| errors.push(FieldError::new("kind", e.to_string()))).ok();
    let title = petition::clean_text(&mut errors, "title", &request.title, petition::TITLE_CHARS, false);
    let description =
        petition::clean_text(&mut errors, "description", &request.description, petition::DESCRIPTION_CHARS, true);
    let address = petition::clean_optional(&mut errors, "location.address", request.location.address.as_deref(), 500);
    petition::check_coordinates(&mut errors, request.location.lat, request.location.lon);
    let related_project =
        petition::clean_optional(&mut errors, "related_project", request.related_project.as_deref(), 500);
    let language = match request.language.as_deref() {
        Some(text) => {
            text.parse::<Language>().map_err(|e| errors.push(FieldError::new("language", e.to_string()))).ok()
        }
        None => Some(Language::Vietnamese),
    };

    let category_ok = crate::domain::category::is_valid_category_code(&request.category)
        && categories::find(connection, &request.category)?.is_some_and(|c| c.active);
    if !category_ok {
        errors.push(FieldError::new("category", "is not a category in use (see /api/v1/categories)"));
    }
    let unit_path = match AdminUnitCode::parse(&request.location.admin_unit_code) {
        Ok(code) if admin_units::find_valid_on(connection, code.as_str(), today)?.is_some() => {
            crate::service::reference::admin_units::path_of(connection, code.as_str(), today)?.map(|path| (code, path))
        }
        _ => None,
    };
    if unit_path.is_none() {
        errors.push(FieldError::new("location.admin_unit_code", "is not an administrative unit in force today"));
    }

    let decision = match (kind, request.decision_reference) {
        (Some(PetitionKind::Complaint), None) => {
            errors.push(FieldError::new(
                "decision_reference",
                "is required for a complaint: the decision or act complained about and its date",
            ));
            None
        }
        (_, Some(mut decision)) => {
            decision.number =
                petition::clean_text(&mut errors, "decision_reference.number", &decision.number, 1..=300, false);
            petition::check_decision_date(&mut errors, decision.date, today);
            Some(decision)
        }
        (_, None) => None,
    };

    let named_agency = named_agency(
        connection,
        &mut errors,
        kind,
        [request.respondent_agency_id.as_deref(), request.denounced_agency_id.as_deref()],
        today,
    )?;

    let mut co_petitioners = Vec::new();
    if request.co_petitioners.len() > MAX_CO_PETITIONERS {
        errors.push(FieldError::new("co_petitioners", format!("at most {MAX_CO_PETITIONERS}")));
    }
    for (index, person) in request.co_petitioners.into_iter().take(MAX_CO_PETITIONERS).enumerate() {
        let full_name = check_full_name(&person.full_name)
            .map_err(|m| errors.push(FieldError::new(format!("co_petitioners[{index}].full_name"), m)))
            .unwrap_or_default();
        let contact = petition::clean_optional(
            &mut errors,
            &format!("co_petitioners[{index}].contact"),
            person.contact.as_deref(),
            300,
        );
        co_petitioners.push(CoPetitioner { full_name, contact, representative: person.representative });
    }

    let (channel, mut identity, offline_reference, contact_email) = match filer {
        Filer::Citizen { user, channel } => {
            if request.channel.is_some() || request.petitioner.is_some() || request.offline_register_reference.is_some()
            {
                errors.push(FieldError::new(
                    "petitioner",
                    "only officers record channel, petitioner or register references",
                ));
            }
            let identity = Identity {
                full_name: Some(user.full_name.clone()),
                email: Some(user.email.clone()),
                phone: user.phone.clone(),
                address: None,
                co_petitioners: Vec::new(),
            };
            (*channel, identity, None, None)
        }
        Filer::Staff { .. } => {
            let channel = match request.channel.as_deref().unwrap_or("in_person").parse::<Channel>() {
                Ok(channel) if channel.is_offline() => channel,
                _ => {
                    errors.push(FieldError::new("channel", "must be one of: in_person, post, phone, email"));
                    Channel::InPerson
                }
            };
            let identity = match &request.petitioner {
                Some(details) => check_petitioner(&mut errors, details),
                None => Identity::default(),
            };
            let reference = petition::clean_optional(
                &mut errors,
                "offline_register_reference",
                request.offline_register_reference.as_deref(),
                200,
            );
            (channel, identity, reference, None)
        }
        Filer::Anonymous { .. } => {
            if request.channel.is_some() || request.petitioner.is_some() || request.offline_register_reference.is_some()
            {
                errors.push(FieldError::new("petitioner", "sign in, or leave the petitioner out to file anonymously"));
            }
            let contact = match request.contact_email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
                Some(email) => Email::parse(email).map_err(|m| errors.push(FieldError::new("contact_email", m))).ok(),
                None => None,
            };
            (Channel::Web, Identity::default(), None, contact)
        }
    };
    identity.co_petitioners = co_petitioners;

    let offline_denunciation =
        kind == Some(PetitionKind::Denunciation) && context.settings.identity_storage == IdentityStorage::Offline;
    if let Some(kind) = kind {
        let named = identity.full_name.is_some() || (offline_denunciation && offline_reference.is_some());
        if !kind.allows_anonymous() && !named {
            let message = match filer {
                Filer::Anonymous { .. } => {
                    "an anonymous petition can only be feedback or a proposal: sign in to file a complaint or a denunciation"
                }
                _ => "a complaint or a denunciation needs an identified petitioner",
            };
            errors.push(FieldError::new("kind", message));
        }
    }
    if offline_denunciation {
        match filer {
            Filer::Citizen { .. } | Filer::Anonymous { .. } => errors.push(FieldError::new(
                "kind",
                "denunciations are received in person here: the denouncer's identity is kept only in the agency's offline register",
            )),
            Filer::Staff { .. } => {
                if offline_reference.is_none() {
                    errors.push(FieldError::new("offline_register_reference", "is required: identities of denouncers are kept offline"));
                }
                if identity != Identity::default() {
                    errors.push(FieldError::new("petitioner", "must be left out: identities of denouncers are kept offline"));
                }
            }
        }
    }

    match (kind, language, unit_path) {
        (Some(kind), Some(language), Some((admin_unit, unit_path))) if errors.is_empty() => Ok(Filing {
            kind,
            category: request.category,
            title,
            description,
            admin_unit,
            unit_path,
            address,
            coordinates: (request.location.lat, request.location.lon),
            related_project,
            decision,
            // The law keeps every denouncer's identity confidential; anyone else may ask for it.
            confidential: request.confidential || kind == PetitionKind::Denunciation,
            language,
            channel,
            identity,
            offline_reference,
            contact_email,
            named_agency,
        }),
        _ => Err(ServiceError::Invalid(errors)),
    }
}

/// The agency a complaint is about (`respondent_agency_id`) or a denounced person works in
/// (`denounced_agency_id`): optional (the triage queue routes what is not named), in force today,
/// and only for its kind.
fn named_agency(
    connection: &mut DbConnection,
    errors: &mut Vec<FieldError>,
    kind: Option<PetitionKind>,
    [respondent, denounced]: [Option<&str>; 2],
    today: NaiveDate,
) -> ServiceResult<Option<AgencyLink>> {
    let mut named = None;
    for (field, value, its_kind) in [
        ("respondent_agency_id", respondent, PetitionKind::Complaint),
        ("denounced_agency_id", denounced, PetitionKind::Denunciation),
    ] {
        let Some(id) = value else { continue };
        if kind.is_some_and(|k| k != its_kind) {
            errors.push(FieldError::new(field, format!("is only given for a {its_kind}")));
            continue;
        }
        match crate::service::reference::agencies::in_force(connection, id, today)? {
            Some(agency) => named = Some(AgencyLink { id: agency.id, parent_id: agency.parent_id }),
            None => errors.push(FieldError::new(field, "is not an agency in force today (see /api/v1/agencies)")),
        }
    }
    Ok(named)
}

fn check_petitioner(errors: &mut Vec<FieldError>, details: &PetitionerDetails) -> Identity {
    let full_name =
        check_full_name(&details.full_name).map_err(|m| errors.push(FieldError::new("petitioner.full_name", m))).ok();
    let email = details.email.as_deref().filter(|e| !e.trim().is_empty()).and_then(|e| {
        Email::parse(e).map(|e| e.to_string()).map_err(|m| errors.push(FieldError::new("petitioner.email", m))).ok()
    });
    let phone = details
        .phone
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .and_then(|p| check_phone(p).map_err(|m| errors.push(FieldError::new("petitioner.phone", m))).ok());
    let address = petition::clean_optional(errors, "petitioner.address", details.address.as_deref(), 500);
    Identity { full_name, email, phone, address, co_petitioners: Vec::new() }
}

pub(super) fn new_tracking_code(connection: &mut DbConnection) -> ServiceResult<TrackingCode> {
    for _ in 0..8 {
        let mut bytes = [0u8; 9];
        rand::rng().fill_bytes(&mut bytes);
        let code = TrackingCode::from_random(bytes);
        if !petitions::tracking_code_taken(connection, code.as_str())? {
            return Ok(code);
        }
    }
    Err(ServiceError::Internal(anyhow::anyhow!("no free tracking code after 8 tries")))
}

fn insert(
    connection: &mut DbConnection,
    context: &Context,
    filer: &Filer,
    filing: &Filing,
    now: NaiveDateTime,
    today: NaiveDate,
) -> ServiceResult<String> {
    let id = uuid::Uuid::new_v4().to_string();
    let code = new_tracking_code(connection)?;
    // Complaints and denunciations take the statutory route from the agency they name; feedback
    // and proposals follow the routing rules in force. Whatever finds no agency in force waits in
    // the coordinating office's triage queue.
    let routed = match filing.kind {
        PetitionKind::Feedback | PetitionKind::Proposal => crate::service::reference::routing_rules::route(
            connection,
            filing.kind,
            &filing.category,
            &filing.unit_path,
            today,
        )?,
        PetitionKind::Complaint | PetitionKind::Denunciation => {
            routing::statutory_agency(filing.kind, Round::First, filing.named_agency.as_ref()).ok().flatten()
        }
    };
    let in_force = |agency: &agencies::AgencyRow| agency.in_force_on(today);
    let assigned = match routed {
        Some(agency_id) => agencies::find(connection, &agency_id)?.filter(in_force),
        None => None,
    };
    let assigned = match assigned {
        Some(agency) => Some(agency),
        None => agencies::find_by_code(connection, &context.settings.triage_agency_code)?.filter(in_force),
    };
    let acceptance_calendar = calendar::working_calendar(connection, today, today + TimeDelta::days(120))?;
    let rule = crate::service::reference::deadline_rules::current(connection, filing.kind, Round::First)?;
    let acceptance_due = rule.acceptance.last_day(&acceptance_calendar, today);
    let mut deadline = petitions::PetitionChange::default();
    crate::service::handling::running(
        &mut deadline,
        &acceptance_calendar,
        acceptance_due,
        today,
        context.settings.reminder_working_days,
    );
    let named = filing.named_agency.as_ref().map(|a| a.id.as_str());
    let (petitioner_id, filed_by_id) = match filer {
        Filer::Citizen { user, .. } => (Some(user.id.as_str()), Some(user.id.as_str())),
        Filer::Staff { user } => (None, Some(user.id.as_str())),
        Filer::Anonymous { .. } => (None, None),
    };
    let search_text = fold(&format!("{} {}", filing.title, filing.description));
    petitions::insert(
        connection,
        &NewPetitionRow {
            id: &id,
            tracking_code: code.as_str(),
            kind: filing.kind.as_str(),
            category_code: &filing.category,
            title: &filing.title,
            description: &filing.description,
            search_text: &search_text,
            admin_unit_code: filing.admin_unit.as_str(),
            admin_unit_path: &filing.unit_path,
            address: filing.address.as_deref(),
            latitude: filing.coordinates.0,
            longitude: filing.coordinates.1,
            related_project: filing.related_project.as_deref(),
            decision_reference: filing.decision.as_ref().map(|d| d.number.as_str()),
            decision_date: filing.decision.as_ref().map(|d| d.date),
            confidential: filing.confidential,
            language: filing.language.as_str(),
            channel: filing.channel.as_str(),
            status: PetitionStatus::Received.as_str(),
            petitioner_id,
            filed_by_id,
            assigned_agency_id: assigned.as_ref().map(|agency| agency.id.as_str()),
            received_at: now,
            acceptance_due: Some(acceptance_due),
            created_at: now,
            updated_at: now,
            version: 1,
            respondent_agency_id: named.filter(|_| filing.kind == PetitionKind::Complaint),
            denounced_agency_id: named.filter(|_| filing.kind == PetitionKind::Denunciation),
            round: Round::First.as_str(),
            appeal_of_id: None,
            next_due: deadline.next_due.flatten(),
            next_sweep_on: deadline.next_sweep_on.flatten(),
        },
    )?;
    let stored = crate::service::petitions::petitioners::to_store(
        context,
        &id,
        &code,
        filing.kind,
        filing.confidential,
        &filing.identity,
        filing.offline_reference.as_deref(),
    )?;
    identities::insert(connection, &stored)?;
    let actor = filed_by_id;
    events::record_on_petition(
        connection,
        &id,
        TimelineEntry {
            actor_id: actor,
            kind: "petition.filed",
            public: true,
            note: Some("Đơn đã được tiếp nhận / The petition was received"),
            data: json!({ "channel": filing.channel.as_str(), "assigned_agency_id": assigned.as_ref().map(|a| a.id.clone()) }),
        },
        now,
    )?;
    let receipt_to = filing.identity.email.clone().or_else(|| filing.contact_email.as_ref().map(|e| e.to_string()));
    if let Some(address) = receipt_to {
        let link = format!("{}/track/{}", context.settings.public_base_url, code.as_str());
        let name = filing.identity.full_name.clone().unwrap_or_else(|| "công dân".into());
        let content =
            templates::petition_receipt(filing.language, &name, code.as_str(), &filing.title, acceptance_due, &link);
        outbox::enqueue(connection, &address, filing.identity.full_name.as_deref(), &content, now)?;
    }
    Ok(id)
}
