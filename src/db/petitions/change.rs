//! Writing a petition's change: the columns a `PetitionChange` touches, under the version guard
//! that makes sure no update is ever lost; and the sweep's guarded claim of its next visit.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::petitions;
use crate::domain::ids::{AgencyId, PetitionId, UserId};
use crate::domain::petition::{Petition, PetitionChange, PetitionStatus};

/// A change as the columns it writes: a field left `None` is not touched; `Some(None)` clears it.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = petitions)]
struct ChangedColumns<'a> {
    status: Option<&'a str>,
    outcome: Option<Option<&'a str>>,
    assigned_agency_id: Option<Option<&'a str>>,
    admin_unit_code: Option<&'a str>,
    admin_unit_path: Option<&'a str>,
    assignee_id: Option<Option<&'a str>>,
    acceptance_due: Option<Option<NaiveDate>>,
    resolution_due: Option<Option<NaiveDate>>,
    resolution_period_end: Option<Option<NaiveDate>>,
    complexity: Option<Option<&'a str>>,
    remote_area: Option<bool>,
    accepted_at: Option<Option<NaiveDateTime>>,
    extensions_used: Option<i32>,
    refusal_reason: Option<Option<&'a str>>,
    refusal_explanation: Option<Option<&'a str>>,
    competent_agency_id: Option<Option<&'a str>>,
    answer: Option<Option<&'a str>>,
    answer_decision_number: Option<Option<&'a str>>,
    answer_decision_date: Option<Option<NaiveDate>>,
    resolved_at: Option<Option<NaiveDateTime>>,
    days_to_resolve: Option<Option<i32>>,
    resolved_on_time: Option<Option<bool>>,
    closed_at: Option<Option<NaiveDateTime>>,
    rating: Option<Option<&'a str>>,
    rating_comment: Option<Option<&'a str>>,
    merged_into_id: Option<Option<&'a str>>,
    public_answer: Option<Option<&'a str>>,
    routing_basis: Option<Option<&'a str>>,
    reached_agency_at: Option<NaiveDateTime>,
    suspended_at: Option<Option<NaiveDateTime>>,
    next_due: Option<Option<NaiveDate>>,
    next_sweep_on: Option<Option<NaiveDate>>,
}

impl<'a> ChangedColumns<'a> {
    fn of(change: &'a PetitionChange) -> Self {
        let mut columns = ChangedColumns {
            status: change.status.map(PetitionStatus::as_str),
            assigned_agency_id: change.assigned_agency_id.as_ref().map(|id| id.as_ref().map(AgencyId::as_str)),
            admin_unit_code: change.admin_unit.as_ref().map(|(code, _)| code.as_str()),
            admin_unit_path: change.admin_unit.as_ref().map(|(_, path)| path.as_str()),
            assignee_id: change.assignee_id.as_ref().map(|id| id.as_ref().map(UserId::as_str)),
            acceptance_due: change.acceptance_due,
            resolution_due: change.resolution_due,
            resolution_period_end: change.resolution_period_end,
            complexity: change.complexity.map(|complexity| complexity.map(crate::domain::deadline::Complexity::as_str)),
            remote_area: change.remote_area,
            accepted_at: change.accepted_at,
            extensions_used: change.extensions_used,
            closed_at: change.closed_at,
            merged_into_id: change.merged_into_id.as_ref().map(|id| id.as_ref().map(PetitionId::as_str)),
            routing_basis: change.routing_basis.as_ref().map(Option::as_deref),
            reached_agency_at: change.reached_agency_at,
            suspended_at: change.suspended_at,
            next_due: change.clock.map(|clock| clock.next_due),
            next_sweep_on: change.clock.map(|clock| clock.next_sweep_on),
            ..ChangedColumns::default()
        };
        if let Some(refusal) = &change.refusal {
            columns.refusal_reason = Some(refusal.as_ref().map(|r| r.reason.as_str()));
            columns.refusal_explanation = Some(refusal.as_ref().and_then(|r| r.explanation.as_deref()));
            columns.competent_agency_id =
                Some(refusal.as_ref().and_then(|r| r.competent_agency_id.as_ref().map(AgencyId::as_str)));
        }
        if let Some(decision) = &change.decision {
            columns.outcome = Some(decision.as_ref().map(|d| d.outcome.as_str()));
            columns.answer = Some(decision.as_ref().map(|d| d.answer.as_str()));
            columns.answer_decision_number = Some(decision.as_ref().and_then(|d| d.number.as_deref()));
            columns.answer_decision_date = Some(decision.as_ref().and_then(|d| d.date));
            columns.resolved_at = Some(decision.as_ref().map(|d| d.resolved_at));
            columns.days_to_resolve = Some(decision.as_ref().map(|d| d.days_to_resolve));
            columns.resolved_on_time = Some(decision.as_ref().and_then(|d| d.on_time));
            columns.public_answer = Some(decision.as_ref().and_then(|d| d.public_answer.as_deref()));
        }
        if let Some(rating) = &change.rating {
            columns.rating = Some(rating.as_ref().map(|r| r.rating.as_str()));
            columns.rating_comment = Some(rating.as_ref().and_then(|r| r.comment.as_deref()));
        }
        columns
    }
}

/// Applies a change if the petition is still at `version`, and moves it to the next version.
/// 0 rows means someone else changed it first: no update is ever lost.
pub fn apply(
    connection: &mut DbConnection,
    id: &PetitionId,
    version: i32,
    change: &PetitionChange,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(petitions::table.find(id.as_str()).filter(petitions::version.eq(version)))
        .set((ChangedColumns::of(change), petitions::version.eq(version + 1), petitions::updated_at.eq(now)))
        .execute(connection)
}

/// The sweep claims its step: it moves `next_sweep_on` on only if nobody else (another sweeping
/// process, or a person acting on the petition) changed the petition since it was read.
pub fn claim_sweep_step(
    connection: &mut DbConnection,
    petition: &Petition,
    next_sweep_on: Option<NaiveDate>,
) -> QueryResult<usize> {
    diesel::update(
        petitions::table
            .find(petition.id.as_str())
            .filter(petitions::version.eq(petition.version))
            .filter(petitions::next_sweep_on.eq(petition.clock.next_sweep_on)),
    )
    .set(petitions::next_sweep_on.eq(next_sweep_on))
    .execute(connection)
}
