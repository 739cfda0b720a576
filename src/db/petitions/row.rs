//! A petition's row as stored, and how it becomes a `Petition`: every enum column read back or
//! refused by name, the answer, the refusal and the rating read as the wholes they are.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::decode::Columns;
use crate::db::schema::petitions;
use crate::domain::admin_unit::UnitPath;
use crate::domain::deadline::DeadlineClock;
use crate::domain::ids::{AgencyId, PetitionId, UserId};
use crate::domain::petition::{ComplainedDecision, Decision, Location, Petition, PetitionStatus, RatingGiven, Refusal};
use crate::domain::tracking_code::TrackingCode;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = petitions)]
pub(super) struct PetitionRow {
    id: String,
    tracking_code: String,
    kind: String,
    category_code: String,
    title: String,
    description: String,
    // Not `search_text`: written for search only, as long as the title and description together,
    // and the petition does not carry it, so no read selects it.
    admin_unit_code: String,
    admin_unit_path: String,
    address: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    related_project: Option<String>,
    decision_reference: Option<String>,
    decision_date: Option<NaiveDate>,
    confidential: bool,
    language: String,
    channel: String,
    status: String,
    outcome: Option<String>,
    petitioner_id: Option<String>,
    filed_by_id: Option<String>,
    assigned_agency_id: Option<String>,
    received_at: NaiveDateTime,
    acceptance_due: Option<NaiveDate>,
    resolution_due: Option<NaiveDate>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    version: i32,
    respondent_agency_id: Option<String>,
    denounced_agency_id: Option<String>,
    round: String,
    appeal_of_id: Option<String>,
    merged_into_id: Option<String>,
    assignee_id: Option<String>,
    complexity: Option<String>,
    remote_area: bool,
    accepted_at: Option<NaiveDateTime>,
    extensions_used: i32,
    refusal_reason: Option<String>,
    refusal_explanation: Option<String>,
    competent_agency_id: Option<String>,
    answer: Option<String>,
    answer_decision_number: Option<String>,
    answer_decision_date: Option<NaiveDate>,
    resolved_at: Option<NaiveDateTime>,
    days_to_resolve: Option<i32>,
    resolved_on_time: Option<bool>,
    closed_at: Option<NaiveDateTime>,
    rating: Option<String>,
    rating_comment: Option<String>,
    next_due: Option<NaiveDate>,
    next_sweep_on: Option<NaiveDate>,
    public_answer: Option<String>,
    denounced_position: Option<String>,
    routing_basis: Option<String>,
    reached_agency_at: Option<NaiveDateTime>,
    suspended_at: Option<NaiveDateTime>,
    resolution_period_end: Option<NaiveDate>,
}

const COLUMNS: Columns = Columns("petitions");

impl PetitionRow {
    pub(super) fn into_petition(self) -> QueryResult<Petition> {
        let tracking_code = TrackingCode::parse(&self.tracking_code)
            .ok_or_else(|| COLUMNS.unreadable("tracking_code", &self.tracking_code, "not a tracking code"))?;
        let refusal = match self.refusal_reason.as_deref() {
            Some(reason) => Some(Refusal {
                reason: COLUMNS.parse("refusal_reason", reason)?,
                explanation: self.refusal_explanation,
                competent_agency_id: self.competent_agency_id.map(AgencyId::from_stored),
            }),
            None => None,
        };
        // The answer, its outcome, its time and how long it took are written together by
        // `resolve` and cleared together by `reopen`; any other mix is a damaged row.
        let decision = match (self.outcome.as_deref(), self.answer, self.resolved_at, self.days_to_resolve) {
            (Some(outcome), Some(answer), Some(resolved_at), Some(days_to_resolve)) => Some(Decision {
                outcome: COLUMNS.parse("outcome", outcome)?,
                answer,
                number: self.answer_decision_number,
                date: self.answer_decision_date,
                resolved_at,
                days_to_resolve,
                on_time: self.resolved_on_time,
                public_answer: self.public_answer,
            }),
            (None, None, None, None) => None,
            (outcome, ..) => {
                return Err(COLUMNS.unreadable(
                    "outcome",
                    outcome.unwrap_or("null"),
                    "outcome, answer, resolved_at and days_to_resolve must be set together",
                ));
            }
        };
        let rating = match self.rating.as_deref() {
            Some(rating) => {
                Some(RatingGiven { rating: COLUMNS.parse("rating", rating)?, comment: self.rating_comment })
            }
            None => None,
        };
        Ok(Petition {
            kind: COLUMNS.parse("kind", &self.kind)?,
            category: COLUMNS.parse("category_code", &self.category_code)?,
            admin_unit_code: COLUMNS.parse("admin_unit_code", &self.admin_unit_code)?,
            language: COLUMNS.parse("language", &self.language)?,
            channel: COLUMNS.parse("channel", &self.channel)?,
            status: COLUMNS.parse::<PetitionStatus>("status", &self.status)?,
            round: COLUMNS.parse("round", &self.round)?,
            complexity: COLUMNS.parse_optional("complexity", self.complexity.as_deref())?,
            denounced_position: COLUMNS.parse_optional("denounced_position", self.denounced_position.as_deref())?,
            id: PetitionId::from_stored(self.id),
            tracking_code,
            title: self.title,
            description: self.description,
            unit_path: UnitPath::from_stored(self.admin_unit_path),
            location: Location { address: self.address, latitude: self.latitude, longitude: self.longitude },
            related_project: self.related_project,
            complained_decision: self
                .decision_reference
                .map(|reference| ComplainedDecision { reference, date: self.decision_date }),
            confidential: self.confidential,
            petitioner_id: self.petitioner_id.map(UserId::from_stored),
            filed_by_id: self.filed_by_id.map(UserId::from_stored),
            assigned_agency_id: self.assigned_agency_id.map(AgencyId::from_stored),
            received_at: self.received_at,
            acceptance_due: self.acceptance_due,
            resolution_due: self.resolution_due,
            // Rows from before the column: the deadline is the best knowledge of the period's end.
            resolution_period_end: self.resolution_period_end.or(self.resolution_due),
            created_at: self.created_at,
            updated_at: self.updated_at,
            version: self.version,
            respondent_agency_id: self.respondent_agency_id.map(AgencyId::from_stored),
            denounced_agency_id: self.denounced_agency_id.map(AgencyId::from_stored),
            routing_basis: self.routing_basis,
            // Rows from before the column: the agency has had it since it was received.
            reached_agency_at: self.reached_agency_at.unwrap_or(self.received_at),
            suspended_at: self.suspended_at,
            appeal_of_id: self.appeal_of_id.map(PetitionId::from_stored),
            merged_into_id: self.merged_into_id.map(PetitionId::from_stored),
            assignee_id: self.assignee_id.map(UserId::from_stored),
            remote_area: self.remote_area,
            accepted_at: self.accepted_at,
            extensions_used: self.extensions_used,
            refusal,
            decision,
            closed_at: self.closed_at,
            rating,
            clock: DeadlineClock { next_due: self.next_due, next_sweep_on: self.next_sweep_on },
        })
    }
}

pub(super) fn petitions_of(rows: Vec<PetitionRow>) -> QueryResult<Vec<Petition>> {
    rows.into_iter().map(PetitionRow::into_petition).collect()
}

pub(super) fn one(row: Option<PetitionRow>) -> QueryResult<Option<Petition>> {
    row.map(PetitionRow::into_petition).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A received feedback as the database would hand it back.
    fn row() -> PetitionRow {
        let at = NaiveDateTime::default();
        PetitionRow {
            id: "7f1c2a52-0000-4000-8000-000000000001".into(),
            tracking_code: TrackingCode::from_random([1; 12]).to_string(),
            kind: "feedback".into(),
            category_code: "environmental_pollution".into(),
            title: "Bãi rác tự phát".into(),
            description: "Rác thải đổ trộm ven sông Hương.".into(),
            admin_unit_code: "19753".into(),
            admin_unit_path: "46/19753/".into(),
            address: None,
            latitude: None,
            longitude: None,
            related_project: None,
            decision_reference: None,
            decision_date: None,
            confidential: false,
            language: "vi".into(),
            channel: "web".into(),
            status: "received".into(),
            outcome: None,
            petitioner_id: None,
            filed_by_id: None,
            assigned_agency_id: None,
            received_at: at,
            acceptance_due: None,
            resolution_due: None,
            created_at: at,
            updated_at: at,
            version: 1,
            respondent_agency_id: None,
            denounced_agency_id: None,
            round: "first".into(),
            appeal_of_id: None,
            merged_into_id: None,
            assignee_id: None,
            complexity: None,
            remote_area: false,
            accepted_at: None,
            extensions_used: 0,
            refusal_reason: None,
            refusal_explanation: None,
            competent_agency_id: None,
            answer: None,
            answer_decision_number: None,
            answer_decision_date: None,
            resolved_at: None,
            days_to_resolve: None,
            resolved_on_time: None,
            closed_at: None,
            rating: None,
            rating_comment: None,
            next_due: None,
            next_sweep_on: None,
            public_answer: None,
            denounced_position: None,
            routing_basis: None,
            reached_agency_at: None,
            suspended_at: None,
            resolution_period_end: None,
        }
    }

    #[test]
    fn a_stored_row_becomes_a_typed_petition() {
        let petition = row().into_petition().unwrap();
        assert_eq!(petition.status, PetitionStatus::Received);
        assert_eq!(petition.unit_path.as_str(), "46/19753/");
        assert_eq!((petition.decision, petition.refusal, petition.rating), (None, None, None));
    }

    #[test]
    fn an_unknown_status_is_an_error_that_names_the_column_never_a_default() {
        let error = PetitionRow { status: "lost".into(), ..row() }.into_petition().unwrap_err();
        assert!(error.to_string().starts_with("petitions.status holds \"lost\""), "{error}");
        let error = PetitionRow { kind: "petition".into(), ..row() }.into_petition().unwrap_err();
        assert!(error.to_string().starts_with("petitions.kind holds \"petition\""), "{error}");
    }

    #[test]
    fn an_answer_without_its_outcome_is_a_damaged_row() {
        let error = PetitionRow { answer: Some("Đã xử lý.".into()), ..row() }.into_petition().unwrap_err();
        assert!(error.to_string().contains("must be set together"), "{error}");
    }
}
