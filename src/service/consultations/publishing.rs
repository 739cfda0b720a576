//! An agency's side of a consultation before comments: drafting, editing the draft, publishing
//! it (the window at least the rule for its kind, from the day it is published), and extending
//! the window with a notice (never shortening it).

use chrono::NaiveDate;
use serde_json::json;

use super::reading::view;
use super::{ConsultationView, managed, notify, rules};
use crate::db::consultations as stored;
use crate::db::{self, DbConnection};
use crate::domain::FieldError;
use crate::domain::admin_unit::{AdminUnitCode, UnitPath};
use crate::domain::authorization::{self, Action, Actor};
use crate::domain::consultations::consultation::{WindowProblem, check_window};
use crate::domain::consultations::{Consultation, ConsultationKind, ConsultationState, Extension, Section};
use crate::domain::events::{EventKind, Subject};
use crate::domain::ids::{AgencyId, ConsultationId};
use crate::domain::text::clean_text;
use crate::service::reference::admin_units;
use crate::service::{Context, ServiceError, ServiceResult, events};

/// The most units or sections one consultation names.
pub const MAX_UNITS: usize = 50;
pub const MAX_SECTIONS: usize = 300;

#[derive(Debug, Clone)]
pub struct NewSection {
    pub number: i64,
    pub heading: String,
    pub text: String,
}

/// A draft as the agency sends it; on an edit, None keeps what the draft has.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// Required of administrators; staff publish for their own agency.
    pub agency_id: Option<String>,
    pub kind: Option<String>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub admin_unit_codes: Option<Vec<String>>,
    pub opens_on: Option<NaiveDate>,
    pub closes_on: Option<NaiveDate>,
    pub sections: Option<Vec<NewSection>>,
}

pub fn create(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    draft: Draft,
) -> ServiceResult<Consultation> {
    let (now, today) = (context.now(), context.today());
    let agency_text = match (&draft.agency_id, &actor.agency_id) {
        (Some(text), _) => text.clone(),
        (None, Some(own)) => own.to_string(),
        (None, None) => return Err(ServiceError::invalid("agency_id", "name the agency that publishes it")),
    };
    let agency_id =
        AgencyId::parse(&agency_text).map_err(|_| ServiceError::invalid("agency_id", "is not an agency"))?;
    authorization::authorize(actor, &Action::ManageConsultation { agency_id: &agency_id })
        .map_err(|_| ServiceError::Forbidden)?;
    let mut errors = Vec::<FieldError>::new();
    let required = |errors: &mut Vec<FieldError>, field: &str, present: bool| {
        if !present {
            errors.push(FieldError::new(field, "is required"));
        }
    };
    required(&mut errors, "kind", draft.kind.is_some());
    required(&mut errors, "title", draft.title.is_some());
    required(&mut errors, "summary", draft.summary.is_some());
    required(&mut errors, "admin_unit_codes", draft.admin_unit_codes.is_some());
    required(&mut errors, "opens_on", draft.opens_on.is_some());
    required(&mut errors, "closes_on", draft.closes_on.is_some());
    ServiceError::unless_valid(errors)?;
    let blank = Consultation {
        id: ConsultationId::from(uuid::Uuid::new_v4()),
        agency_id,
        kind: ConsultationKind::Project,
        title: String::new(),
        summary: String::new(),
        unit_codes: Vec::new(),
        opens_on: today,
        closes_on: today,
        state: ConsultationState::Draft,
        sections: Vec::new(),
        extensions: Vec::new(),
        published_at: None,
        synthesis: None,
        concluded_at: None,
        created_by: actor.user_id.clone(),
        created_at: now,
        updated_at: now,
        version: 1,
    };
    db::transaction(connection, |c| {
        if db::agencies::find(c, &blank.agency_id)?.is_none() {
            return Err(ServiceError::invalid("agency_id", "is not an agency"));
        }
        let (consultation, paths) = apply(c, blank, draft, today)?;
        stored::insert(c, &consultation, &paths)?;
        let data = json!({ "agency_id": consultation.agency_id, "kind": consultation.kind.as_str() });
        let subject = Subject::Consultation(&consultation.id);
        events::record(c, Some(&actor.user_id), EventKind::ConsultationDrafted, subject, data, now)?;
        Ok(consultation)
    })
}

pub fn edit(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    id: &ConsultationId,
    draft: Draft,
) -> ServiceResult<ConsultationView> {
    let (now, today) = (context.now(), context.today());
    if draft.agency_id.is_some() {
        return Err(ServiceError::invalid("agency_id", "cannot change; draft a new consultation instead"));
    }
    db::transaction(connection, |c| {
        let found = managed(c, actor, id, today)?;
        if found.is_published() {
            return Err(ServiceError::Conflict("a published consultation is no longer a draft to edit".into()));
        }
        let (mut consultation, paths) = apply(c, found, draft, today)?;
        consultation.updated_at = now;
        saved(c, &consultation)?;
        stored::replace_parts(c, &consultation, &paths)?;
        let subject = Subject::Consultation(&consultation.id);
        events::record(c, Some(&actor.user_id), EventKind::ConsultationEdited, subject, json!({}), now)?;
        let edited = reread(c, id)?;
        view(c, edited)
    })
}

/// Checks what the draft sends and puts it on `x`, with the path of each unit.
fn apply(
    c: &mut DbConnection,
    mut x: Consultation,
    draft: Draft,
    today: NaiveDate,
) -> ServiceResult<(Consultation, Vec<UnitPath>)> {
    let mut errors = Vec::<FieldError>::new();
    if let Some(kind) = &draft.kind {
        match kind.parse::<ConsultationKind>() {
            Ok(kind) => x.kind = kind,
            Err(e) => errors.push(FieldError::new("kind", e.to_string())),
        }
    }
    if let Some(title) = &draft.title {
        x.title = clean_text(&mut errors, "title", title, 5..=300, false);
    }
    if let Some(summary) = &draft.summary {
        x.summary = clean_text(&mut errors, "summary", summary, 10..=20_000, true);
    }
    x.opens_on = draft.opens_on.unwrap_or(x.opens_on);
    x.closes_on = draft.closes_on.unwrap_or(x.closes_on);
    if x.closes_on < x.opens_on {
        errors.push(FieldError::new("closes_on", "must not be before opens_on"));
    }
    if let Some(sections) = &draft.sections {
        x.sections = checked_sections(&mut errors, sections);
    }
    let mut paths = Vec::new();
    match &draft.admin_unit_codes {
        Some(codes) => {
            if codes.is_empty() || codes.len() > MAX_UNITS {
                errors.push(FieldError::new("admin_unit_codes", format!("name 1 to {MAX_UNITS} units")));
            }
            x.unit_codes.clear();
            for text in codes {
                let unknown = || FieldError::new("admin_unit_codes", format!("{text:?} is not an administrative unit"));
                let Ok(code) = AdminUnitCode::parse(text) else {
                    errors.push(unknown());
                    continue;
                };
                if x.unit_codes.contains(&code) {
                    continue;
                }
                match admin_units::path_of(c, code.as_str(), today)? {
                    Some(path) => {
                        x.unit_codes.push(code);
                        paths.push(path);
                    }
                    None => errors.push(unknown()),
                }
            }
        }
        None => paths = stored::unit_paths(c, &x.id)?,
    }
    ServiceError::unless_valid(errors)?;
    Ok((x, paths))
}

fn checked_sections(errors: &mut Vec<FieldError>, sent: &[NewSection]) -> Vec<Section> {
    if sent.len() > MAX_SECTIONS {
        errors.push(FieldError::new("sections", format!("hold at most {MAX_SECTIONS} sections")));
    }
    let mut sections: Vec<Section> = Vec::new();
    for s in sent {
        let number = match i32::try_from(s.number) {
            Ok(n) if (1..=9_999).contains(&n) => n,
            _ => {
                errors.push(FieldError::new("sections", "a section's number is from 1 to 9999"));
                continue;
            }
        };
        if sections.iter().any(|x| x.number == number) {
            errors.push(FieldError::new("sections", format!("two sections are numbered {number}")));
        }
        let heading = clean_text(errors, "sections", &s.heading, 1..=300, false);
        let text = clean_text(errors, "sections", &s.text, 1..=50_000, true);
        sections.push(Section { number, heading, text });
    }
    sections.sort_by_key(|s| s.number);
    sections
}

/// Publishes a draft: its window, counted from the later of its first day and today, must be at
/// least the rule for its kind. Those following its units are told.
pub fn publish(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    id: &ConsultationId,
) -> ServiceResult<ConsultationView> {
    let (now, today) = (context.now(), context.today());
    db::transaction(connection, |c| {
        let mut x = managed(c, actor, id, today)?;
        if x.is_published() {
            return Err(ServiceError::Conflict("the consultation is already published".into()));
        }
        let rule = rules::rule(c, x.kind.as_str())?;
        let first_day = x.opens_on.max(today);
        match check_window(first_day, x.closes_on, rule.days) {
            Ok(()) => {}
            Err(WindowProblem::Reversed) => {
                return Err(ServiceError::invalid(
                    "closes_on",
                    format!("the window has passed: it closed on {}", x.closes_on),
                ));
            }
            Err(WindowProblem::TooShort { days, minimum }) => {
                return Err(ServiceError::invalid(
                    "closes_on",
                    format!(
                        "the window from {first_day} to {} is {days} days; the rule {} requires at least {minimum} days ({})",
                        x.closes_on, rule.rule, rule.basis
                    ),
                ));
            }
        }
        x.state = ConsultationState::Published;
        x.published_at = Some(now);
        x.updated_at = now;
        saved(c, &x)?;
        let data =
            json!({ "opens_on": x.opens_on.to_string(), "closes_on": x.closes_on.to_string(), "rule_days": rule.days });
        events::record(
            c,
            Some(&actor.user_id),
            EventKind::ConsultationPublished,
            Subject::Consultation(id),
            data,
            now,
        )?;
        notify::tell_followers(c, context, &x)?;
        let published = reread(c, id)?;
        view(c, published)
    })
}

/// A later closing day, with the notice the public page shows; never an earlier one.
pub fn extend(
    connection: &mut DbConnection,
    context: &Context,
    actor: &Actor,
    id: &ConsultationId,
    closes_on: NaiveDate,
    notice: &str,
) -> ServiceResult<ConsultationView> {
    let (now, today) = (context.now(), context.today());
    let mut errors = Vec::<FieldError>::new();
    let notice = clean_text(&mut errors, "notice", notice, 5..=2_000, true);
    ServiceError::unless_valid(errors)?;
    db::transaction(connection, |c| {
        let mut x = managed(c, actor, id, today)?;
        match x.state {
            ConsultationState::Draft => {
                return Err(ServiceError::Conflict("a draft's window is edited, not extended".into()));
            }
            ConsultationState::Concluded => {
                return Err(ServiceError::Conflict("the consultation is concluded".into()));
            }
            ConsultationState::Published if x.closes_on < today => {
                return Err(ServiceError::Conflict("the window has closed; it cannot be extended".into()));
            }
            ConsultationState::Published => {}
        }
        if closes_on <= x.closes_on {
            return Err(ServiceError::invalid(
                "closes_on",
                format!("must be later than {}: a published window is never shortened", x.closes_on),
            ));
        }
        let extension = Extension {
            previous_closes_on: x.closes_on,
            closes_on,
            notice: notice.clone(),
            extended_by: actor.user_id.clone(),
            extended_at: now,
        };
        stored::add_extension(c, id, &extension)?;
        x.closes_on = closes_on;
        x.updated_at = now;
        saved(c, &x)?;
        let data = json!({ "from": extension.previous_closes_on.to_string(), "to": closes_on.to_string() });
        events::record(c, Some(&actor.user_id), EventKind::ConsultationExtended, Subject::Consultation(id), data, now)?;
        let extended = reread(c, id)?;
        view(c, extended)
    })
}

/// Writes `x` under its version guard: 409 when someone changed it meanwhile.
pub(super) fn saved(c: &mut DbConnection, x: &Consultation) -> ServiceResult<()> {
    if stored::save(c, x)? == 0 {
        return Err(ServiceError::Conflict("the consultation changed meanwhile; read it again".into()));
    }
    Ok(())
}

pub(super) fn reread(c: &mut DbConnection, id: &ConsultationId) -> ServiceResult<Consultation> {
    stored::find(c, id)?.ok_or_else(|| super::missing(id))
}
