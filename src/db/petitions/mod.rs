//! Queries over petitions, which come back as `Petition` (`row` reads them). Nothing here reads
//! petitioner identities: they live in `petitioners`, so no listing can carry one by accident.

mod change;
mod figures;
mod public_requests;
mod queue;
mod row;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::DbConnection;
use super::schema::{events, petitions};
use crate::domain::ids::{AgencyId, PetitionId, UserId};
use crate::domain::petition::{NewPetition, Petition, PetitionStatus};
use crate::domain::routing::DenouncedPosition;
use crate::domain::search::fold;
use crate::domain::tracking_code::TrackingCode;

pub use change::{apply, claim_sweep_step};
pub use figures::{AgencyFigures, agency_figures};
pub use public_requests::{PublicRequestFilter, public_batch, public_requests};
pub use queue::{PageStart, PetitionFilter, PetitionOrder, PetitionScope, count, page_rows, page_versions, subtree};
use row::{PetitionRow, one, petitions_of};

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
    pub denounced_position: Option<&'a str>,
    pub routing_basis: Option<&'a str>,
    pub reached_agency_at: Option<NaiveDateTime>,
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
            denounced_position: petition.denounced_position.map(DenouncedPosition::as_str),
            routing_basis: petition.routing_basis.as_deref(),
            reached_agency_at: Some(petition.received_at),
        },
    )
}

pub fn insert_row(connection: &mut DbConnection, row: &NewPetitionRow) -> QueryResult<usize> {
    diesel::insert_into(petitions::table).values(row).execute(connection)
}

pub fn find(connection: &mut DbConnection, id: &PetitionId) -> QueryResult<Option<Petition>> {
    one(petitions::table.find(id.as_str()).select(PetitionRow::as_select()).get_result(connection).optional()?)
}

pub fn find_by_tracking_code(connection: &mut DbConnection, code: &TrackingCode) -> QueryResult<Option<Petition>> {
    one(petitions::table
        .filter(petitions::tracking_code.eq(code.as_str()))
        .select(PetitionRow::as_select())
        .get_result(connection)
        .optional()?)
}

/// What a petition's public page is made of, as of now, in one indexed lookup: its id, its
/// version (every change to the petition moves it) and its newest event's sequence number
/// (events are append-only, so a new entry on the timeline moves it).
pub fn public_stamp(
    connection: &mut DbConnection,
    code: &TrackingCode,
) -> QueryResult<Option<(PetitionId, i32, Option<i32>)>> {
    let found = petitions::table
        .filter(petitions::tracking_code.eq(code.as_str()))
        .select((petitions::id, petitions::version, newest_event()))
        .get_result::<(String, i32, Option<i32>)>(connection)
        .optional()?;
    Ok(found.map(|(id, version, newest_event)| (PetitionId::from_stored(id), version, newest_event)))
}

/// The petition with `code` and the sequence number of its newest timeline entry, in one
/// statement: what [`public_stamp`] reads, with the whole row, for a page not kept yet.
pub fn with_newest_event(
    connection: &mut DbConnection,
    code: &TrackingCode,
) -> QueryResult<Option<(Petition, Option<i32>)>> {
    let found = petitions::table
        .filter(petitions::tracking_code.eq(code.as_str()))
        .select((PetitionRow::as_select(), newest_event()))
        .get_result::<(PetitionRow, Option<i32>)>(connection)
        .optional()?;
    found.map(|(row, newest_event)| Ok((row.into_petition()?, newest_event))).transpose()
}

/// The sequence number of the petition's newest timeline entry, as a column of a petitions query.
#[diesel::dsl::auto_type(no_type_alias)]
fn newest_event() -> _ {
    let of_petitions: &'static str = "petition";
    let newest: diesel::helper_types::max<events::seq> = diesel::dsl::max(events::seq);
    events::table
        .filter(events::subject_type.eq(of_petitions))
        .filter(events::subject_id.eq(petitions::id))
        .select(newest)
        .single_value()
}

pub fn tracking_code_taken(connection: &mut DbConnection, code: &TrackingCode) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(petitions::table.filter(petitions::tracking_code.eq(code.as_str()))))
        .get_result(connection)
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
        .get_result(connection)
        .optional()?)
}

fn open_statuses() -> [&'static str; 5] {
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
