//! Closure checks: the sample drawn from an agency's answered petitions, and each verdict,
//! written once.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::Double;

use crate::db::decode::Columns;
use crate::db::schema::{closure_check_items, closure_checks, petitions};
use crate::db::{DbConnection, MultiBackend};
use crate::domain::ids::{AgencyId, ClosureCheckId, PetitionId, UserId};
use crate::domain::oversight::closure_checks::{ClosureCheck, RecordedVerdict, SampledPetition, Verdict};
use crate::domain::tracking_code::TrackingCode;

const CHECKS: Columns = Columns("closure_checks");
const ITEMS: Columns = Columns("closure_check_items");

/// Which petitions a check draws from: those the agency answered in [from, before).
#[derive(Debug, Clone)]
pub struct Population<'a> {
    pub agency_id: &'a AgencyId,
    pub resolved_from: NaiveDateTime,
    pub resolved_before: NaiveDateTime,
}

impl Population<'_> {
    fn query(&self) -> petitions::BoxedQuery<'static, MultiBackend> {
        petitions::table
            .filter(petitions::assigned_agency_id.eq(self.agency_id.as_str().to_string()))
            .filter(petitions::resolved_at.ge(self.resolved_from))
            .filter(petitions::resolved_at.lt(self.resolved_before))
            .into_boxed()
    }
}

/// How many petitions the population holds, and `size` of them drawn at random by the database.
pub fn draw(connection: &mut DbConnection, from: &Population, size: i64) -> QueryResult<(i64, Vec<PetitionId>)> {
    let population = from.query().count().get_result(connection)?;
    let drawn: Vec<String> = from
        .query()
        .order(diesel::dsl::sql::<Double>("RANDOM()"))
        .limit(size)
        .select(petitions::id)
        .load(connection)?;
    Ok((population, drawn.into_iter().map(PetitionId::from_stored).collect()))
}

/// A check and the petitions drawn for it (its `sample` is not read).
pub fn insert(connection: &mut DbConnection, check: &ClosureCheck, drawn: &[PetitionId]) -> QueryResult<()> {
    diesel::insert_into(closure_checks::table)
        .values((
            closure_checks::id.eq(check.id.as_str()),
            closure_checks::monitor_id.eq(check.monitor_id.as_str()),
            closure_checks::oversight_body.eq(check.oversight_body.as_str()),
            closure_checks::agency_id.eq(check.agency_id.as_str()),
            closure_checks::resolved_from.eq(check.resolved_from),
            closure_checks::resolved_to.eq(check.resolved_to),
            closure_checks::population.eq(check.population),
            closure_checks::created_at.eq(check.created_at),
        ))
        .execute(connection)?;
    // One row a statement: a multi-row insert is not open to both backends at once (at most
    // `MAX_SAMPLE` rows, in the check's transaction).
    for petition in drawn {
        diesel::insert_into(closure_check_items::table)
            .values((
                closure_check_items::check_id.eq(check.id.as_str()),
                closure_check_items::petition_id.eq(petition.as_str()),
            ))
            .execute(connection)?;
    }
    Ok(())
}

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = closure_checks)]
struct CheckRow {
    id: String,
    monitor_id: String,
    oversight_body: String,
    agency_id: String,
    resolved_from: chrono::NaiveDate,
    resolved_to: chrono::NaiveDate,
    population: i32,
    created_at: NaiveDateTime,
}

type ItemRow = (String, String, Option<String>, Option<String>, Option<String>, Option<NaiveDateTime>, String);

fn sampled((_, petition_id, verdict, note, decided_by, decided_at, code): ItemRow) -> QueryResult<SampledPetition> {
    let verdict = match (verdict, decided_by, decided_at) {
        (Some(verdict), Some(by), Some(at)) => Some(RecordedVerdict {
            verdict: ITEMS.parse("verdict", &verdict)?,
            note: note.unwrap_or_default(),
            decided_by: UserId::from_stored(by),
            decided_at: at,
        }),
        _ => None,
    };
    let tracking_code =
        TrackingCode::parse(&code).ok_or_else(|| ITEMS.unreadable("tracking_code", &code, "not a tracking code"))?;
    Ok(SampledPetition { petition_id: PetitionId::from_stored(petition_id), tracking_code, verdict })
}

/// The samples of these checks, by check, in the order of their tracking codes.
fn samples_of(connection: &mut DbConnection, ids: &[&str]) -> QueryResult<HashMap<String, Vec<SampledPetition>>> {
    let rows: Vec<ItemRow> = closure_check_items::table
        .inner_join(petitions::table)
        .filter(closure_check_items::check_id.eq_any(ids))
        .order((closure_check_items::check_id, petitions::tracking_code))
        .select((
            closure_check_items::check_id,
            closure_check_items::petition_id,
            closure_check_items::verdict,
            closure_check_items::note,
            closure_check_items::decided_by,
            closure_check_items::decided_at,
            petitions::tracking_code,
        ))
        .load(connection)?;
    let mut samples: HashMap<String, Vec<SampledPetition>> = HashMap::new();
    for row in rows {
        let check = row.0.clone();
        samples.entry(check).or_default().push(sampled(row)?);
    }
    Ok(samples)
}

fn with_samples(connection: &mut DbConnection, rows: Vec<CheckRow>) -> QueryResult<Vec<ClosureCheck>> {
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mut samples = samples_of(connection, &ids)?;
    rows.into_iter()
        .map(|r| {
            Ok(ClosureCheck {
                sample: samples.remove(&r.id).unwrap_or_default(),
                oversight_body: CHECKS.parse("oversight_body", &r.oversight_body)?,
                id: ClosureCheckId::from_stored(r.id),
                monitor_id: UserId::from_stored(r.monitor_id),
                agency_id: AgencyId::from_stored(r.agency_id),
                resolved_from: r.resolved_from,
                resolved_to: r.resolved_to,
                population: r.population,
                created_at: r.created_at,
            })
        })
        .collect()
}

pub fn find(connection: &mut DbConnection, id: &ClosureCheckId) -> QueryResult<Option<ClosureCheck>> {
    let row =
        closure_checks::table.find(id.as_str()).select(CheckRow::as_select()).get_result(connection).optional()?;
    Ok(with_samples(connection, row.into_iter().collect())?.pop())
}

/// An agency's checks, newest first, at most `limit`.
pub fn of_agency(connection: &mut DbConnection, agency: &AgencyId, limit: i64) -> QueryResult<Vec<ClosureCheck>> {
    let rows = closure_checks::table
        .filter(closure_checks::agency_id.eq(agency.as_str()))
        .order((closure_checks::created_at.desc(), closure_checks::id.desc()))
        .limit(limit)
        .select(CheckRow::as_select())
        .load(connection)?;
    with_samples(connection, rows)
}

/// Records a verdict on a sampled petition that has none yet: false when it had one already.
pub fn record_verdict(
    connection: &mut DbConnection,
    check: &ClosureCheckId,
    petition: &PetitionId,
    verdict: &RecordedVerdict,
) -> QueryResult<bool> {
    let item = closure_check_items::table
        .filter(closure_check_items::check_id.eq(check.as_str()))
        .filter(closure_check_items::petition_id.eq(petition.as_str()))
        .filter(closure_check_items::verdict.is_null());
    let updated = diesel::update(item)
        .set((
            closure_check_items::verdict.eq(verdict.verdict.as_str()),
            closure_check_items::note.eq(&verdict.note),
            closure_check_items::decided_by.eq(verdict.decided_by.as_str()),
            closure_check_items::decided_at.eq(verdict.decided_at),
        ))
        .execute(connection)?;
    Ok(updated == 1)
}

/// Each of these petitions' closure verdict, for those checked: contested if any check contested
/// it, matched otherwise.
pub fn verdicts_of(connection: &mut DbConnection, petition_ids: &[&str]) -> QueryResult<HashMap<String, Verdict>> {
    let rows: Vec<(String, Option<String>)> = closure_check_items::table
        .filter(closure_check_items::petition_id.eq_any(petition_ids))
        .filter(closure_check_items::verdict.is_not_null())
        .select((closure_check_items::petition_id, closure_check_items::verdict))
        .load(connection)?;
    let mut verdicts = HashMap::new();
    for (petition, verdict) in rows {
        let verdict: Verdict = ITEMS.parse("verdict", verdict.as_deref().unwrap_or_default())?;
        let kept = verdicts.entry(petition).or_insert(verdict);
        if verdict == Verdict::Contested {
            *kept = verdict;
        }
    }
    Ok(verdicts)
}
