//! The checks a filing must pass before anything is stored: every field, what it names (category,
//! unit, agency), who may file which kind, and how the petitioner's identity may be kept. Every
//! problem is reported at once, by field.

use chrono::NaiveDate;

use super::{Filer, FilingForm, PetitionerForm};
use crate::config::IdentityStorage;
use crate::db::DbConnection;
use crate::domain::account::{Email, Language, check_full_name, check_phone};
use crate::domain::admin_unit::{AdminUnitCode, UnitPath};
use crate::domain::category::CategoryCode;
use crate::domain::ids::AgencyId;
use crate::domain::petition::filing::{DESCRIPTION_CHARS, TITLE_CHARS, check_coordinates, check_decision_date};
use crate::domain::petition::petitioner::{CoPetitioner, Petitioner};
use crate::domain::petition::{Channel, ComplainedDecision, Location, PetitionKind};
use crate::domain::routing::{AgencyLink, DenouncedPosition};
use crate::domain::text::{clean_text, optional_text};
use crate::domain::{FieldError, UnknownValue};
use crate::service::{Context, ServiceError, ServiceResult};

const MAX_CO_PETITIONERS: usize = 100;

/// A filing that passed every check.
pub(super) struct Filing {
    pub kind: PetitionKind,
    pub category: CategoryCode,
    pub title: String,
    pub description: String,
    pub admin_unit: AdminUnitCode,
    pub unit_path: UnitPath,
    pub location: Location,
    pub related_project: Option<String>,
    pub complained_decision: Option<ComplainedDecision>,
    pub confidential: bool,
    pub language: Language,
    pub channel: Channel,
    pub petitioner: Petitioner,
    pub offline_reference: Option<String>,
    pub contact_email: Option<Email>,
    /// The agency the law names for a complaint or a denunciation, when the filer named it.
    pub named_agency: Option<AgencyLink>,
    /// Denunciations naming an agency: who in it is denounced.
    pub denounced_position: Option<DenouncedPosition>,
}

pub(super) fn check(
    connection: &mut DbConnection,
    context: &Context,
    filer: &Filer,
    form: FilingForm,
    today: NaiveDate,
) -> ServiceResult<Filing> {
    let mut errors = Vec::new();
    let kind = form.kind.parse::<PetitionKind>().map_err(|e| errors.push(FieldError::new("kind", e.to_string()))).ok();
    let title = clean_text(&mut errors, "title", &form.title, TITLE_CHARS, false);
    let description = clean_text(&mut errors, "description", &form.description, DESCRIPTION_CHARS, true);
    let address = optional_text(&mut errors, "location.address", form.location.address.as_deref(), 500);
    check_coordinates(&mut errors, form.location.lat, form.location.lon);
    let related_project = optional_text(&mut errors, "related_project", form.related_project.as_deref(), 500);
    let language = match form.language.as_deref() {
        Some(text) => {
            text.parse::<Language>().map_err(|e| errors.push(FieldError::new("language", e.to_string()))).ok()
        }
        None => Some(Language::Vietnamese),
    };

    // Reference data from this process's copy (`context.reference`): a filing reads only what
    // is its own.
    let reference = &context.reference;
    let category = match CategoryCode::parse(&form.category) {
        Ok(code) if reference.category(connection, &code)?.is_some_and(|c| c.active) => Some(code),
        _ => None,
    };
    if category.is_none() {
        errors.push(FieldError::new("category", "is not a category in use (see /api/v1/categories)"));
    }
    let unit = match AdminUnitCode::parse(&form.location.admin_unit_code) {
        Ok(code) if reference.unit_on(connection, &code, today)?.is_some() => {
            reference.unit_path_on(connection, &code, today)?.map(|path| (code, path))
        }
        _ => None,
    };
    if unit.is_none() {
        errors.push(FieldError::new("location.admin_unit_code", "is not an administrative unit in force today"));
    }

    let complained_decision = match (kind, form.decision_reference) {
        (Some(PetitionKind::Complaint), None) => {
            errors.push(FieldError::new(
                "decision_reference",
                "is required for a complaint: the decision or act complained about and its date",
            ));
            None
        }
        (_, Some((number, date))) => {
            let reference = clean_text(&mut errors, "decision_reference.number", &number, 1..=300, false);
            check_decision_date(&mut errors, date, today);
            Some(ComplainedDecision { reference, date: Some(date) })
        }
        (_, None) => None,
    };

    let named_agency = named_agency(
        connection,
        context,
        &mut errors,
        kind,
        [form.respondent_agency_id.as_deref(), form.denounced_agency_id.as_deref()],
        today,
    )?;
    let denounced_position =
        denounced_position(&mut errors, kind, form.denounced_agency_id.as_deref(), form.denounced_position.as_deref());
    if let (Some(agency), Some(DenouncedPosition::HeadOrDeputy | DenouncedPosition::Agency)) =
        (&named_agency, denounced_position)
        && agency.parent_id.is_none()
    {
        errors.push(FieldError::new(
            "denounced_agency_id",
            "has no superior agency in pakn: a denunciation of its head, a deputy head or the agency itself is \
             resolved by the head of the superior agency (Law on Denunciations 2018, Art. 12(1) and 12(6)); lodge it there",
        ));
    }
    let co_petitioners = check_co_petitioners(&mut errors, form.co_petitioners);

    let offline_form = form.channel.is_some() || form.petitioner.is_some() || form.offline_register_reference.is_some();
    let (channel, mut petitioner, offline_reference, contact_email) = match filer {
        Filer::Citizen { user, channel } => {
            if offline_form {
                errors.push(FieldError::new(
                    "petitioner",
                    "only officers record channel, petitioner or register references",
                ));
            }
            let petitioner = Petitioner {
                full_name: Some(user.full_name.clone()),
                email: Some(user.email.to_string()),
                phone: user.phone.clone(),
                address: None,
                co_petitioners: Vec::new(),
            };
            (*channel, petitioner, None, None)
        }
        Filer::Staff { .. } => {
            let channel = match form.channel.as_deref().unwrap_or("in_person").parse::<Channel>() {
                Ok(channel) if channel.is_offline() => channel,
                _ => {
                    errors.push(FieldError::new("channel", "must be one of: in_person, post, phone, email"));
                    Channel::InPerson
                }
            };
            let petitioner = match &form.petitioner {
                Some(details) => check_petitioner(&mut errors, details),
                None => Petitioner::default(),
            };
            let reference = optional_text(
                &mut errors,
                "offline_register_reference",
                form.offline_register_reference.as_deref(),
                200,
            );
            (channel, petitioner, reference, None)
        }
        Filer::Open311 { .. } => {
            // The client's first and last name, e-mail and phone; a receipt goes to the e-mail.
            let petitioner = match &form.petitioner {
                Some(details) => check_petitioner(&mut errors, details),
                None => Petitioner::default(),
            };
            let contact = match form.contact_email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
                Some(email) => Email::parse(email).map_err(|m| errors.push(FieldError::new("email", m))).ok(),
                None => None,
            };
            (Channel::Open311, petitioner, None, contact)
        }
        Filer::Anonymous { .. } => {
            if offline_form {
                errors.push(FieldError::new("petitioner", "sign in, or leave the petitioner out to file anonymously"));
            }
            let contact = match form.contact_email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
                Some(email) => Email::parse(email).map_err(|m| errors.push(FieldError::new("contact_email", m))).ok(),
                None => None,
            };
            (Channel::Web, Petitioner::default(), None, contact)
        }
    };
    petitioner.co_petitioners = co_petitioners;

    let offline_denunciation =
        kind == Some(PetitionKind::Denunciation) && context.settings.identity_storage == IdentityStorage::Offline;
    if let Some(kind) = kind {
        let named = petitioner.full_name.is_some() || (offline_denunciation && offline_reference.is_some());
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
            Filer::Citizen { .. } | Filer::Anonymous { .. } | Filer::Open311 { .. } => errors.push(FieldError::new(
                "kind",
                "denunciations are received in person here: the denouncer's identity is kept only in the agency's offline register",
            )),
            Filer::Staff { .. } => {
                if offline_reference.is_none() {
                    errors.push(FieldError::new("offline_register_reference", "is required: identities of denouncers are kept offline"));
                }
                if petitioner != Petitioner::default() {
                    errors.push(FieldError::new("petitioner", "must be left out: identities of denouncers are kept offline"));
                }
            }
        }
    }

    match (kind, language, category, unit) {
        (Some(kind), Some(language), Some(category), Some((admin_unit, unit_path))) if errors.is_empty() => {
            Ok(Filing {
                kind,
                category,
                title,
                description,
                admin_unit,
                unit_path,
                location: Location { address, latitude: form.location.lat, longitude: form.location.lon },
                related_project,
                complained_decision,
                // The law keeps every denouncer's identity confidential; anyone else may ask for it.
                confidential: form.confidential || kind == PetitionKind::Denunciation,
                language,
                channel,
                petitioner,
                offline_reference,
                contact_email,
                named_agency,
                denounced_position,
            })
        }
        _ => Err(ServiceError::Invalid(errors)),
    }
}

/// The agency a complaint is about (`respondent_agency_id`) or a denounced person works in
/// (`denounced_agency_id`): optional (the triage queue routes what is not named), in force today,
/// and only for its kind.
fn named_agency(
    connection: &mut DbConnection,
    context: &Context,
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
        let agency = match AgencyId::parse(id) {
            Ok(id) => context.reference.agency(connection, &id)?.filter(|agency| agency.in_force_on(today)),
            Err(_) => None,
        };
        match agency {
            Some(agency) => named = Some(AgencyLink::of(&agency)),
            None => errors.push(FieldError::new(field, "is not an agency in force today (see /api/v1/agencies)")),
        }
    }
    Ok(named)
}

/// Who in the named agency is denounced: required with `denounced_agency_id`, since the law
/// sends a denunciation about an official and one about their head to different levels
/// (Law on Denunciations 2018, Art. 12).
fn denounced_position(
    errors: &mut Vec<FieldError>,
    kind: Option<PetitionKind>,
    agency: Option<&str>,
    position: Option<&str>,
) -> Option<DenouncedPosition> {
    let field = "denounced_position";
    match (kind, agency, position) {
        (Some(kind), _, Some(_)) if kind != PetitionKind::Denunciation => {
            errors.push(FieldError::new(field, "is only given for a denunciation"));
            None
        }
        (_, None, Some(_)) => {
            errors.push(FieldError::new(field, "is only given with denounced_agency_id"));
            None
        }
        (Some(PetitionKind::Denunciation), Some(_), None) => {
            errors.push(FieldError::new(
                field,
                "is required with denounced_agency_id: staff, head_or_deputy or agency (Law on Denunciations 2018, Art. 12)",
            ));
            None
        }
        (_, _, Some(text)) => {
            text.parse().map_err(|e: UnknownValue| errors.push(FieldError::new(field, e.to_string()))).ok()
        }
        (_, _, None) => None,
    }
}

fn check_co_petitioners(errors: &mut Vec<FieldError>, people: Vec<CoPetitioner>) -> Vec<CoPetitioner> {
    if people.len() > MAX_CO_PETITIONERS {
        errors.push(FieldError::new("co_petitioners", format!("at most {MAX_CO_PETITIONERS}")));
    }
    let mut checked = Vec::new();
    for (index, person) in people.into_iter().take(MAX_CO_PETITIONERS).enumerate() {
        let full_name = check_full_name(&person.full_name)
            .map_err(|m| errors.push(FieldError::new(format!("co_petitioners[{index}].full_name"), m)))
            .unwrap_or_default();
        let contact =
            optional_text(errors, &format!("co_petitioners[{index}].contact"), person.contact.as_deref(), 300);
        checked.push(CoPetitioner { full_name, contact, representative: person.representative });
    }
    checked
}

fn check_petitioner(errors: &mut Vec<FieldError>, details: &PetitionerForm) -> Petitioner {
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
    let address = optional_text(errors, "petitioner.address", details.address.as_deref(), 500);
    Petitioner { full_name, email, phone, address, co_petitioners: Vec::new() }
}
