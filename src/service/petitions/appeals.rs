//! Second-time complaints: lodged by the petitioner of a first-time complaint, routed to the
//! superior of the agency that decided it, with the same petitioner kept the same way.

use chrono::{NaiveDateTime, TimeDelta};
use serde_json::json;

use super::notices::Telling;
use super::{petitioners, tracking_codes};
use crate::db::{self, DbConnection, agencies, petitions};
use crate::domain::deadline::{DeadlineClock, Round};
use crate::domain::events::{EventKind, Visibility};
use crate::domain::ids::PetitionId;
use crate::domain::notice::Notice;
use crate::domain::petition::{ComplainedDecision, NewPetition, Petition, PetitionKind};
use crate::domain::routing::{self, AgencyLink, RoutingError};
use crate::domain::time::vietnam_date;
use crate::domain::workflow::steps::Lodged;
use crate::service::events::{self, TimelineEntry};
use crate::service::reference::{calendar, deadline_rules};
use crate::service::{Context, ServiceError, ServiceResult};

/// Files the second-time complaint against `first`, with `reason` (already checked) as its
/// description. The caller records the appeal on `first` in the same transaction.
pub fn lodge(
    c: &mut DbConnection,
    context: &Context,
    first: &Petition,
    reason: &str,
    now: NaiveDateTime,
) -> ServiceResult<Lodged> {
    let today = vietnam_date(now);
    let decided_by = match &first.assigned_agency_id {
        Some(id) => agencies::find(c, id)?,
        None => None,
    }
    .map(|agency| AgencyLink::of(&agency));
    let route = match routing::statutory_route(PetitionKind::Complaint, Round::Second, decided_by.as_ref(), None) {
        Ok(route) => route,
        Err(RoutingError::ToTheMinister) => {
            return Err(ServiceError::Conflict(RoutingError::ToTheMinister.to_string()));
        }
        Err(e) => return Err(ServiceError::Conflict(format!("{e}: lodge the second-time complaint in person"))),
    };
    let superior = route.as_ref().map(|route| route.agency_id.clone());

    let id = PetitionId::from(uuid::Uuid::new_v4());
    let code = tracking_codes::mint(c)?;
    let rule = deadline_rules::current(c, PetitionKind::Complaint, Round::Second)?;
    let calendar = calendar::working_calendar(c, today, today + TimeDelta::days(120))?;
    let acceptance_due = rule.acceptance.last_day(&calendar, today);
    // The first-time decision is what the second-time complaint is about.
    let decision = first.decision.as_ref();
    let reference = decision.and_then(|d| d.number.clone()).unwrap_or_else(|| match decision {
        Some(_) => format!("Quyết định giải quyết khiếu nại lần đầu, đơn {}", first.tracking_code),
        None => format!("Khiếu nại lần đầu quá hạn chưa giải quyết, đơn {}", first.tracking_code),
    });
    let date = decision.and_then(|d| d.date.or(Some(vietnam_date(d.resolved_at)))).or(first.clock.next_due);
    petitions::insert(
        c,
        &NewPetition {
            id: id.clone(),
            tracking_code: code.clone(),
            kind: PetitionKind::Complaint,
            category: first.category.clone(),
            title: first.title.clone(),
            description: reason.to_string(),
            admin_unit_code: first.admin_unit_code.clone(),
            unit_path: first.unit_path.clone(),
            location: first.location.clone(),
            related_project: first.related_project.clone(),
            complained_decision: Some(ComplainedDecision { reference, date }),
            confidential: first.confidential,
            language: first.language,
            channel: first.channel,
            petitioner_id: first.petitioner_id.clone(),
            filed_by_id: first.petitioner_id.clone(),
            assigned_agency_id: superior.clone(),
            received_at: now,
            acceptance_due,
            respondent_agency_id: first.assigned_agency_id.clone(),
            denounced_agency_id: None,
            denounced_position: None,
            routing_basis: route.map(|route| route.basis.in_words().to_string()),
            round: Round::Second,
            appeal_of_id: Some(first.id.clone()),
            clock: DeadlineClock::running(&calendar, acceptance_due, today, context.settings.reminder_working_days),
        },
    )?;
    // The identity is sealed to its petition, so it is opened and sealed again for the new one.
    // (Only denouncers are ever kept offline, and a complaint is no denunciation.)
    if let Some(kept) = db::petitioners::find(c, &first.id)? {
        let petitioner = petitioners::open(context, &first.id, &kept)?.unwrap_or_default();
        let kept_again =
            petitioners::keep(context, &id, &code, PetitionKind::Complaint, first.confidential, &petitioner, None)?;
        db::petitioners::insert(c, &id, &kept_again)?;
    }
    let entry = TimelineEntry {
        actor_id: first.petitioner_id.as_ref(),
        kind: EventKind::PetitionFiled,
        visibility: Visibility::Public,
        note: Some("Đã tiếp nhận khiếu nại lần hai / The second-time complaint was received"),
        data: json!({ "appeal_of": first.id, "assigned_agency_id": superior }),
    };
    events::record_on_petition(c, &id, entry, now)?;
    let second = petitions::find(c, &id)?.ok_or_else(|| ServiceError::NotFound(id.to_string()))?;
    let day = acceptance_due.format("%d/%m/%Y");
    let notice = Notice::new(
        format!("đã tiếp nhận khiếu nại lần hai, hạn thụ lý {day}"),
        format!("second-time complaint received, to be accepted by {day}"),
    );
    let telling = Telling { context, petition: &second, notice: &notice, now };
    telling.petitioners(c, None)?;
    if let Some(superior) = &superior {
        telling.head_of(c, superior)?;
    }
    Ok(Lodged { id, tracking_code: code })
}
