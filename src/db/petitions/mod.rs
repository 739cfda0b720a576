//! Queries over petitions. Rows become `Petition` here, every enum column read back or refused by
//! name. Nothing here reads petitioner identities: they live in `petitioners`, so no listing can
//! carry one by accident.

mod figures;
mod queue;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::DbConnection;
use super::decode::Columns;
use super::schema::petitions;
use crate::domain::deadline::DeadlineClock;
use crate::domain::ids::{AgencyId, PetitionId, UserId};
use crate::domain::petition::{
    ComplainedDecision, Decision, Location, NewPetition, Petition, PetitionChange, PetitionStatus, RatingGiven, Refusal,
};
use crate::domain::search::fold;
use crate::domain::tracking_code::TrackingCode;

pub use figures::{AgencyFigures, agency_figures};
pub use queue::{PageStart, PetitionFilter, PetitionOrder, PetitionScope, page};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = petitions)]
struct PetitionRow {
    id: String,
    tracking_code: String,
    kind: String,
    category_code: String,
    title: String,
    description: String,
    #[allow(dead_code)] // written for search; the petition does not carry it
    search_text: String,
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
    closed_at: Option<NaiveDateTime>,
    rating: Option<String>,
    rating_comment: Option<String>,
    next_due: Option<NaiveDate>,
    next_sweep_on: Option<NaiveDate>,
}

const COLUMNS: Columns = Columns("petitions");

impl PetitionRow {
    fn into_petition(self) -> QueryResult<Petition> {
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
        // The answer, its outcome and its time are written together by `resolve` and cleared
        // together by `reopen`; any other mix is a damaged row.
        let decision = match (self.outcome.as_deref(), self.answer, self.resolved_at) {
            (Some(outcome), Some(answer), Some(resolved_at)) => Some(Decision {
                outcome: COLUMNS.parse("outcome", outcome)?,
                answer,
                number: self.answer_decision_number,
                date: self.answer_decision_date,
                resolved_at,
                days_to_resolve: self.days_to_resolve.unwrap_or_default(),
            }),
            (None, None, None) => None,
            (outcome, _, _) => {
                return Err(COLUMNS.unreadable(
                    "outcome",
                    outcome.unwrap_or("null"),
                    "outcome, answer and resolved_at must be set together",
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
            id: PetitionId::from_stored(self.id),
            tracking_code,
            title: self.title,
            description: self.description,
            unit_path: crate::domain::admin_unit::UnitPath::from_stored(self.admin_unit_path),
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
            created_at: self.created_at,
            updated_at: self.updated_at,
            version: self.version,
            respondent_agency_id: self.respondent_agency_id.map(AgencyId::from_stored),
            denounced_agency_id: self.denounced_agency_id.map(AgencyId::from_stored),
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

fn petitions_of(rows: Vec<PetitionRow>) -> QueryResult<Vec<Petition>> {
    rows.into_iter().map(PetitionRow::into_petition).collect()
}

fn one(row: Option<PetitionRow>) -> QueryResult<Option<Petition>> {
    row.map(PetitionRow::into_petition).transpose()
}

/// A petition as inserted. Services insert a `NewPetition`; tests and benchmarks load queues of
/// them straight through this row.
#[derive(Debug, Insertable)]
#[diesel(table_name = petitions)]
pub struct NewPetitionRow<'a> {
    pub id: &'a str,
    pub tracking_code: &'a str,
    pub kind: &'a str,
    pub category_code: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub search_text: &'a str,
    pub admin_unit_code: &'a str,
    pub admin_unit_path: &'a str,
    pub address: Option<&'a str>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub related_project: Option<&'a str>,
    pub decision_reference: Option<&'a str>,
    pub decision_date: Option<NaiveDate>,
    pub confidential: bool,
    pub language: &'a str,
    pub channel: &'a str,
    pub status: &'a str,
    pub petitioner_id: Option<&'a str>,
    pub filed_by_id: Option<&'a str>,
    pub assigned_agency_id: Option<&'a str>,
    pub received_at: NaiveDateTime,
    pub acceptance_due: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub version: i32,
    pub respondent_agency_id: Option<&'a str>,
    pub denounced_agency_id: Option<&'a str>,
    pub round: &'a str,
    pub appeal_of_id: Option<&'a str>,
    pub next_due: Option<NaiveDate>,
    pub next_sweep_on: Option<NaiveDate>,
}

/// Stores a new petition, received: its first version. Its search text is its title and
/// description folded.
pub fn insert(connection: &mut DbConnection, petition: &NewPetition) -> QueryResult<usize> {
    let search_text = fold(&format!("{} {}", petition.title, petition.description));
    let decision = petition.complained_decision.as_ref();
    insert_row(
        connection,
        &NewPetitionRow {
            id: petition.id.as_str(),
            tracking_code: petition.tracking_code.as_str(),
            kind: petition.kind.as_str(),
            category_code: petition.category.as_str(),
            title: &petition.title,
            description: &petition.description,
            search_text: &search_text,
            admin_unit_code: petition.admin_unit_code.as_str(),
            admin_unit_path: petition.unit_path.as_str(),
            address: petition.location.address.as_deref(),
            latitude: petition.location.latitude,
            longitude: petition.location.longitude,
            related_project: petition.related_project.as_deref(),
            decision_reference: decision.map(|d| d.reference.as_str()),
            decision_date: decision.and_then(|d| d.date),
            confidential: petition.confidential,
            language: petition.language.as_str(),
            channel: petition.channel.as_str(),
            status: PetitionStatus::Received.as_str(),
            petitioner_id: petition.petitioner_id.as_ref().map(UserId::as_str),
            filed_by_id: petition.filed_by_id.as_ref().map(UserId::as_str),
            assigned_agency_id: petition.assigned_agency_id.as_ref().map(AgencyId::as_str),
            received_at: petition.received_at,
            acceptance_due: Some(petition.acceptance_due),
            created_at: petition.received_at,
            updated_at: petition.received_at,
            version: 1,
            respondent_agency_id: petition.respondent_agency_id.as_ref().map(AgencyId::as_str),
            denounced_agency_id: petition.denounced_agency_id.as_ref().map(AgencyId::as_str),
            round: petition.round.as_str(),
            appeal_of_id: petition.appeal_of_id.as_ref().map(PetitionId::as_str),
            next_due: petition.clock.next_due,
            next_sweep_on: petition.clock.next_sweep_on,
        },
    )
}

pub fn insert_row(connection: &mut DbConnection, row: &NewPetitionRow) -> QueryResult<usize> {
    diesel::insert_into(petitions::table).values(row).execute(connection)
}

pub fn find(connection: &mut DbConnection, id: &PetitionId) -> QueryResult<Option<Petition>> {
    one(petitions::table.find(id.as_str()).select(PetitionRow::as_select()).first(connection).optional()?)
}

pub fn find_by_tracking_code(connection: &mut DbConnection, code: &TrackingCode) -> QueryResult<Option<Petition>> {
    one(petitions::table
        .filter(petitions::tracking_code.eq(code.as_str()))
        .select(PetitionRow::as_select())
        .first(connection)
        .optional()?)
}

pub fn tracking_code_taken(connection: &mut DbConnection, code: &TrackingCode) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(petitions::table.filter(petitions::tracking_code.eq(code.as_str()))))
        .get_result(connection)
}

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
    closed_at: Option<Option<NaiveDateTime>>,
    rating: Option<Option<&'a str>>,
    rating_comment: Option<Option<&'a str>>,
    merged_into_id: Option<Option<&'a str>>,
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
            complexity: change.complexity.map(|complexity| complexity.map(|c| c.as_str())),
            remote_area: change.remote_area,
            accepted_at: change.accepted_at,
            extensions_used: change.extensions_used,
            closed_at: change.closed_at,
            merged_into_id: change.merged_into_id.as_ref().map(|id| id.as_ref().map(PetitionId::as_str)),
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

/// Petitions the deadline sweep has work for on `day`, a batch at a time.
pub fn due_for_sweep(connection: &mut DbConnection, day: NaiveDate, limit: i64) -> QueryResult<Vec<Petition>> {
    petitions_of(
        petitions::table
            .filter(petitions::next_sweep_on.le(day))
            .order((petitions::next_sweep_on.asc(), petitions::id.asc()))
            .limit(limit)
            .select(PetitionRow::as_select())
            .load(connection)?,
    )
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

/// Petitions marked duplicates of this one: their petitioners follow it.
pub fn merged_into(connection: &mut DbConnection, id: &PetitionId) -> QueryResult<Vec<Petition>> {
    petitions_of(
        petitions::table
            .filter(petitions::merged_into_id.eq(id.as_str()))
            .select(PetitionRow::as_select())
            .load(connection)?,
    )
}

/// The second-time complaint filed against this petition's resolution, if any.
pub fn appeal_of(connection: &mut DbConnection, id: &PetitionId) -> QueryResult<Option<Petition>> {
    one(petitions::table
        .filter(petitions::appeal_of_id.eq(id.as_str()))
        .select(PetitionRow::as_select())
        .first(connection)
        .optional()?)
}

fn open_statuses() -> [&'static str; 4] {
    PetitionStatus::OPEN.map(PetitionStatus::as_str)
}

/// The open petitions of an agency, a batch at a time (for moving them to a successor).
pub fn open_of_agency(connection: &mut DbConnection, agency_id: &AgencyId, limit: i64) -> QueryResult<Vec<Petition>> {
    petitions_of(
        petitions::table
            .filter(petitions::assigned_agency_id.eq(agency_id.as_str()))
            .filter(petitions::status.eq_any(open_statuses()))
            .order(petitions::id.asc())
            .limit(limit)
            .select(PetitionRow::as_select())
            .load(connection)?,
    )
}

/// The open petitions filed in an administrative unit, a batch at a time (for moving them to the
/// unit that succeeded it).
pub fn open_in_unit(connection: &mut DbConnection, unit_code: &str, limit: i64) -> QueryResult<Vec<Petition>> {
    petitions_of(
        petitions::table
            .filter(petitions::admin_unit_code.eq(unit_code))
            .filter(petitions::status.eq_any(open_statuses()))
            .order(petitions::id.asc())
            .limit(limit)
            .select(PetitionRow::as_select())
            .load(connection)?,
    )
}
