//! Service requests through Open311: a submission becomes a petition filed like any other (the
//! client's key names the channel), and requests are read and listed from what is public:
//! feedback and proposals, never a confidential one, never a petitioner's words or details.

use crate::db::{self, DbConnection};
use crate::domain::FieldError;
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::open311::{ATTRIBUTES, ServiceCode, StandardStatus, check_attributes};
use crate::domain::petition::{Petition, PetitionStatus};
use crate::domain::text::has_forbidden_characters;
use crate::service::petitions::filing::{self, Filed, Filer, FilingForm, LocationForm, PetitionerForm};
use crate::service::petitions::views::{self, PetitionView};
use crate::service::{Context, ServiceError, ServiceResult};

use super::keys;

/// GeoReport v2 caps a description at 4,000 characters; pakn asks for at least 20.
const DESCRIPTION_CHARS: std::ops::RangeInclusive<usize> = 20..=4000;

/// A POST to `requests`, as the client sent it.
#[derive(Debug, Clone, Default)]
pub struct Submission {
    pub api_key: Option<String>,
    pub service_code: Option<String>,
    pub lat: Option<String>,
    pub long: Option<String>,
    pub address_string: Option<String>,
    pub address_id: Option<String>,
    /// `attribute[code]=value`, in the order sent.
    pub attributes: Vec<(String, String)>,
    pub email: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub phone: Option<String>,
    pub description: Option<String>,
    pub media_url: Option<String>,
}

/// Files a submission; the public view of the petition it became.
pub fn submit(connection: &mut DbConnection, context: &Context, submission: Submission) -> ServiceResult<Filed> {
    let key = keys::client_of(connection, submission.api_key.as_deref())?;
    let (form, media_url) = filing_form(context, submission)?;
    let filer = Filer::Open311 { key, media_url };
    filing::file(connection, context, &filer, form, None).map_err(in_open311_words)
}

fn given(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// The petition a submission asks for, checked as far as Open311's own fields go; pakn's
/// filing checks the rest (the category in use, the unit in force, the words).
fn filing_form(context: &Context, s: Submission) -> ServiceResult<(FilingForm, Option<String>)> {
    let mut errors = Vec::new();
    let service = match given(s.service_code) {
        Some(code) => ServiceCode::parse(&code).or_else(|| {
            errors.push(FieldError::new("service_code", "is not a service of this endpoint (see services)"));
            None
        }),
        None => {
            errors.push(FieldError::new("service_code", "is required"));
            None
        }
    };
    let attributes = check_attributes(&ATTRIBUTES, &s.attributes).unwrap_or_else(|mut wrong| {
        errors.append(&mut wrong);
        Vec::new()
    });
    let attribute = |code: &str| attributes.iter().find(|(c, _)| *c == code).map(|(_, v)| v.to_string());
    let (admin_unit_code, lat, lon) = location(context, &mut errors, &s.lat, &s.long, &s.address_id, &s.address_string);
    let description = given(s.description);
    match &description {
        None => errors
            .push(FieldError::new("description", "is required: what happened, and where (20 to 4,000 characters)")),
        Some(text) if !DESCRIPTION_CHARS.contains(&text.chars().count()) => {
            errors.push(FieldError::new("description", "must be 20 to 4,000 characters"));
        }
        Some(_) => {}
    }
    let media_url = given(s.media_url);
    if let Some(url) = &media_url {
        let web_address =
            (url.starts_with("https://") || url.starts_with("http://")) && !url.contains(char::is_whitespace);
        if !web_address || url.len() > 1000 || has_forbidden_characters(url, false) {
            errors.push(FieldError::new("media_url", "must be an http or https address of at most 1,000 characters"));
        }
    }
    ServiceError::unless_valid(errors)?;
    let (Some(service), Some(description)) = (service, description) else {
        return Err(ServiceError::invalid("service_code", "is required"));
    };
    let name = [given(s.first_name), given(s.last_name)].into_iter().flatten().collect::<Vec<_>>().join(" ");
    let email = given(s.email);
    let petitioner = (!name.is_empty()).then(|| PetitionerForm {
        full_name: name,
        email: email.clone(),
        phone: given(s.phone),
        address: None,
    });
    let form = FilingForm {
        kind: service.kind.to_string(),
        category: service.category.as_str().to_string(),
        title: attribute("title").unwrap_or_else(|| title_from(&description)),
        description,
        location: LocationForm { admin_unit_code, address: given(s.address_string), lat, lon },
        related_project: attribute("related_project"),
        language: attribute("language"),
        petitioner,
        contact_email: email,
        ..FilingForm::default()
    };
    Ok((form, media_url))
}

/// Where a request is placed: `address_id` is the code of an administrative unit; coordinates or
/// an address text alone are placed in the configured default unit while pakn holds no
/// boundaries. Coordinates come in pairs, within Vietnam.
fn location(
    context: &Context,
    errors: &mut Vec<FieldError>,
    lat: &Option<String>,
    long: &Option<String>,
    address_id: &Option<String>,
    address_string: &Option<String>,
) -> (String, Option<f64>, Option<f64>) {
    let coordinate =
        |field: &str, text: &Option<String>, range: std::ops::RangeInclusive<f64>, errors: &mut Vec<FieldError>| {
            let text = given(text.clone())?;
            match text.parse::<f64>() {
                Ok(value) if range.contains(&value) => Some(value),
                _ => {
                    errors.push(FieldError::new(field, format!("must be a WGS84 coordinate in Vietnam ({range:?})")));
                    None
                }
            }
        };
    let lat_value = coordinate("lat", lat, 6.0..=23.5, errors);
    let lon_value = coordinate("long", long, 102.0..=118.0, errors);
    let coordinates = given(lat.clone()).is_some() || given(long.clone()).is_some();
    if coordinates && (given(lat.clone()).is_none() || given(long.clone()).is_none()) {
        errors.push(FieldError::new(
            if given(lat.clone()).is_none() { "lat" } else { "long" },
            "lat and long are sent together",
        ));
    }
    let unit = match given(address_id.clone()) {
        Some(code) => match AdminUnitCode::parse(&code) {
            Ok(code) => Some(code),
            Err(_) => {
                errors.push(FieldError::new(
                    "address_id",
                    "must be the code of an administrative unit (see /api/v1/admin-units)",
                ));
                return (String::new(), lat_value, lon_value);
            }
        },
        None if coordinates || given(address_string.clone()).is_some() => {
            match &context.settings.open311_default_unit {
                Some(unit) => Some(unit.clone()),
                None => {
                    errors.push(FieldError::new(
                    "address_id",
                    "is needed here: pakn cannot place coordinates or an address in an administrative unit; send the unit's code",
                ));
                    None
                }
            }
        }
        None => {
            errors.push(FieldError::new("lat", "a location is required: lat and long, address_string, or address_id"));
            None
        }
    };
    (unit.map(|u| u.as_str().to_string()).unwrap_or_default(), lat_value, lon_value)
}

/// A title from the description's first words: its first line, cut at a word before 100
/// characters.
fn title_from(description: &str) -> String {
    let first_line = description.lines().next().unwrap_or(description).trim();
    if first_line.chars().count() <= 100 {
        return first_line.to_string();
    }
    let cut: String = first_line.chars().take(100).collect();
    let words = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", words.trim_end())
}

/// pakn's field names, as the Open311 parameters they came from.
fn in_open311_words(error: ServiceError) -> ServiceError {
    let renamed = |field: &str| {
        match field {
            "title" => "attribute[title]",
            "related_project" => "attribute[related_project]",
            "language" => "attribute[language]",
            "category" | "kind" => "service_code",
            "location.admin_unit_code" => "address_id",
            "location.address" => "address_string",
            "location.lat" => "lat",
            "location.lon" => "long",
            "petitioner.full_name" => "first_name",
            "petitioner.email" | "contact_email" => "email",
            "petitioner.phone" => "phone",
            other => other,
        }
        .to_string()
    };
    match error {
        ServiceError::Invalid(errors) => ServiceError::Invalid(
            errors.into_iter().map(|e| FieldError { field: renamed(&e.field), message: e.message }).collect(),
        ),
        other => other,
    }
}

/// Whether a petition may leave through Open311 at all: feedback and proposals that are not
/// confidential. Complaints and denunciations never do.
pub fn is_public_request(petition: &Petition) -> bool {
    ServiceCode::of(petition.kind, &petition.category).is_some() && !petition.confidential
}

/// One request by its `service_request_id` (the tracking code); unknown and non-public ones
/// alike are not found, and misses count against the client as on the public status page.
pub fn find(
    connection: &mut DbConnection,
    context: &Context,
    service_request_id: &str,
    client_address: &str,
) -> ServiceResult<PetitionView> {
    let view = views::find_public(connection, context, service_request_id, client_address)?;
    if !is_public_request(&view.petition) {
        return Err(ServiceError::NotFound("no service request has this id".into()));
    }
    Ok(view)
}

/// GeoReport v2's `open` and `closed`, as pakn's statuses (derived from the one mapping).
pub fn statuses_called(name: &str) -> Option<Vec<PetitionStatus>> {
    let statuses: Vec<PetitionStatus> = PetitionStatus::ALL
        .iter()
        .copied()
        .filter(|status| StandardStatus::of(*status, false).open_or_closed() == name)
        .collect();
    (!statuses.is_empty()).then_some(statuses)
}

pub use crate::db::petitions::PublicRequestFilter as RequestQuery;

/// The requests a listing asks for, each as the public sees it.
pub fn list(
    connection: &mut DbConnection,
    context: &Context,
    query: &RequestQuery,
) -> ServiceResult<Vec<PetitionView>> {
    let petitions = db::petitions::public_requests(connection, query)?;
    petitions.iter().map(|petition| views::public_of(connection, context, &petition.id)).collect()
}

#[cfg(test)]
mod tests {
    use super::title_from;

    #[test]
    fn a_title_is_the_first_line_cut_at_a_word() {
        assert_eq!(title_from("Đèn đường hỏng\nở kiệt 12 Lê Lợi đã ba tuần"), "Đèn đường hỏng");
        let long = "đèn ".repeat(40);
        let title = title_from(&long);
        assert!(title.ends_with("đèn…") && title.chars().count() <= 101, "{title}");
    }
}
