//! Second-time complaints: lodged by the petitioner of a first-time complaint, routed to the
//! superior of the agency that decided it, with the same petitioner kept the same way.

use chrono::NaiveDateTime;
use serde_json::json;

use crate::db::petitions::{self, NewPetitionRow, PetitionRow};
use crate::db::{DbConnection, agencies, identities};
use crate::domain::deadline::Round;
use crate::domain::petition::{PetitionKind, PetitionStatus};
use crate::domain::routing::{self, AgencyLink};
use crate::domain::search::fold;
use crate::domain::time::vietnam_date;
use crate::mail::templates::Notice;
use crate::service::events::{self, TimelineEntry};
use crate::service::petitions::petitioners as kept;
use crate::service::{
    Context, ServiceError, ServiceResult, petitions::filing, petitions::notices, reference::calendar,
    reference::deadline_rules,
};

/// Files the second-time complaint against `first` and returns it. The caller records the
/// appeal on `first` in the same transaction.
pub fn lodge(
    c: &mut DbConnection,
    context: &Context,
    first: &PetitionRow,
    reason: &str,
    now: NaiveDateTime,
) -> ServiceResult<PetitionRow> {
    let today = vietnam_date(now);
    let decided_by = match &first.assigned_agency_id {
        Some(id) => agencies::find(c, id)?,
        None => None,
    }
    .map(|agency| AgencyLink { id: agency.id, parent_id: agency.parent_id });
    let superior = routing::statutory_agency(PetitionKind::Complaint, Round::Second, decided_by.as_ref())
        .map_err(|e| ServiceError::Conflict(format!("{e}: lodge the second-time complaint in person")))?;

    let id = uuid::Uuid::new_v4().to_string();
    let code = filing::new_tracking_code(c)?;
    let rule = deadline_rules::current(c, PetitionKind::Complaint, Round::Second)?;
    let calendar = calendar::working_calendar(c, today, today + chrono::TimeDelta::days(120))?;
    let acceptance_due = rule.acceptance.last_day(&calendar, today);
    let mut deadline = petitions::PetitionChange::default();
    crate::service::handling::running(
        &mut deadline,
        &calendar,
        acceptance_due,
        today,
        context.settings.reminder_working_days,
    );
    // The first-time decision is what the second-time complaint is about.
    let decision = first.answer_decision_number.clone().unwrap_or_else(|| match first.resolved_at {
        Some(_) => format!("Quyết định giải quyết khiếu nại lần đầu, đơn {}", first.tracking_code),
        None => format!("Khiếu nại lần đầu quá hạn chưa giải quyết, đơn {}", first.tracking_code),
    });
    let decision_date = first.answer_decision_date.or(first.resolved_at.map(vietnam_date)).or(first.next_due);
    petitions::insert(
        c,
        &NewPetitionRow {
            id: &id,
            tracking_code: code.as_str(),
            kind: PetitionKind::Complaint.as_str(),
            category_code: &first.category_code,
            title: &first.title,
            description: reason,
            search_text: &fold(&format!("{} {reason}", first.title)),
            admin_unit_code: &first.admin_unit_code,
            admin_unit_path: &first.admin_unit_path,
            address: first.address.as_deref(),
            latitude: first.latitude,
            longitude: first.longitude,
            related_project: first.related_project.as_deref(),
            decision_reference: Some(&decision),
            decision_date,
            confidential: first.confidential,
            language: &first.language,
            channel: &first.channel,
            status: PetitionStatus::Received.as_str(),
            petitioner_id: first.petitioner_id.as_deref(),
            filed_by_id: first.petitioner_id.as_deref(),
            assigned_agency_id: superior.as_deref(),
            received_at: now,
            acceptance_due: Some(acceptance_due),
            created_at: now,
            updated_at: now,
            version: 1,
            respondent_agency_id: first.assigned_agency_id.as_deref(),
            denounced_agency_id: None,
            round: Round::Second.as_str(),
            appeal_of_id: Some(&first.id),
            next_due: deadline.next_due.flatten(),
            next_sweep_on: deadline.next_sweep_on.flatten(),
        },
    )?;
    // The identity is sealed to its petition, so it is opened and sealed again for the new one.
    if let Some(row) = identities::find(c, &first.id)? {
        let identity = kept::open(context, &row)?.unwrap_or_default();
        let stored = kept::to_store(
            context,
            &id,
            &code,
            PetitionKind::Complaint,
            first.confidential,
            &identity,
            row.offline_reference.as_deref(),
        )?;
        identities::insert(c, &stored)?;
    }
    events::record_on_petition(
        c,
        &id,
        TimelineEntry {
            actor_id: first.petitioner_id.as_deref(),
            kind: "petition.filed",
            public: true,
            note: Some("Đã tiếp nhận khiếu nại lần hai / The second-time complaint was received"),
            data: json!({ "appeal_of": first.id, "assigned_agency_id": superior }),
        },
        now,
    )?;
    let second = petitions::find(c, &id)?.ok_or_else(|| ServiceError::NotFound(id.clone()))?;
    let notice = Notice::new(
        format!("đã tiếp nhận khiếu nại lần hai, hạn thụ lý {}", acceptance_due.format("%d/%m/%Y")),
        format!("second-time complaint received, to be accepted by {}", acceptance_due.format("%d/%m/%Y")),
    );
    notices::to_petitioners(c, context, &second, &notice, None, now)?;
    if let Some(superior) = &superior {
        notices::to_head_of(c, context, superior, &second, &notice, now)?;
    }
    Ok(second)
}
