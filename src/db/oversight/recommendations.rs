//! Recommendations after supervision: the row, its petitions and findings, and the remedy's
//! progress reports; changed under a version guard.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::decode::Columns;
use crate::db::schema::{recommendation_findings, recommendation_petitions, recommendation_progress, recommendations};
use crate::domain::ids::{AgencyId, FindingId, PetitionId, RecommendationId, UserId};
use crate::domain::oversight::recommendations::{ProgressReport, Recommendation, Response};

const COLUMNS: Columns = Columns("recommendations");

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = recommendations)]
struct RecommendationRow {
    id: String,
    monitor_id: String,
    oversight_body: String,
    agency_id: String,
    text: String,
    respond_by: NaiveDate,
    status: String,
    position: Option<String>,
    response: Option<String>,
    remedy_plan: Option<String>,
    responded_by: Option<String>,
    responded_at: Option<NaiveDateTime>,
    progress: i32,
    closing_note: Option<String>,
    closed_at: Option<NaiveDateTime>,
    escalated_from_id: Option<String>,
    overdue_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    version: i32,
    reminded_at: Option<NaiveDateTime>,
}

impl RecommendationRow {
    fn into_recommendation(
        self,
        petition_ids: Vec<PetitionId>,
        finding_ids: Vec<FindingId>,
    ) -> QueryResult<Recommendation> {
        let response = match (self.position, self.response, self.responded_by, self.responded_at) {
            (Some(position), Some(text), Some(by), Some(at)) => Some(Response {
                position: COLUMNS.parse("position", &position)?,
                text,
                remedy_plan: self.remedy_plan,
                responded_by: UserId::from_stored(by),
                responded_at: at,
            }),
            _ => None,
        };
        Ok(Recommendation {
            id: RecommendationId::from_stored(self.id),
            monitor_id: UserId::from_stored(self.monitor_id),
            oversight_body: COLUMNS.parse("oversight_body", &self.oversight_body)?,
            agency_id: AgencyId::from_stored(self.agency_id),
            text: self.text,
            respond_by: self.respond_by,
            status: COLUMNS.parse("status", &self.status)?,
            response,
            progress: self.progress,
            closing_note: self.closing_note,
            closed_at: self.closed_at,
            escalated_from_id: self.escalated_from_id.map(RecommendationId::from_stored),
            overdue_at: self.overdue_at,
            reminded_at: self.reminded_at,
            petition_ids,
            finding_ids,
            created_at: self.created_at,
            updated_at: self.updated_at,
            version: self.version,
        })
    }
}

pub fn insert(connection: &mut DbConnection, r: &Recommendation) -> QueryResult<()> {
    diesel::insert_into(recommendations::table)
        .values((
            recommendations::id.eq(r.id.as_str()),
            recommendations::monitor_id.eq(r.monitor_id.as_str()),
            recommendations::oversight_body.eq(r.oversight_body.as_str()),
            recommendations::agency_id.eq(r.agency_id.as_str()),
            recommendations::text.eq(&r.text),
            recommendations::respond_by.eq(r.respond_by),
            recommendations::status.eq(r.status.as_str()),
            recommendations::escalated_from_id.eq(r.escalated_from_id.as_ref().map(RecommendationId::as_str)),
            recommendations::created_at.eq(r.created_at),
            recommendations::updated_at.eq(r.updated_at),
        ))
        .execute(connection)?;
    for petition in &r.petition_ids {
        diesel::insert_into(recommendation_petitions::table)
            .values((
                recommendation_petitions::recommendation_id.eq(r.id.as_str()),
                recommendation_petitions::petition_id.eq(petition.as_str()),
            ))
            .execute(connection)?;
    }
    for finding in &r.finding_ids {
        diesel::insert_into(recommendation_findings::table)
            .values((
                recommendation_findings::recommendation_id.eq(r.id.as_str()),
                recommendation_findings::finding_id.eq(finding.as_str()),
            ))
            .execute(connection)?;
    }
    Ok(())
}

/// Writes what a step changed, if the row is still at the version read; 0 rows when it was not.
pub fn save(connection: &mut DbConnection, r: &Recommendation) -> QueryResult<usize> {
    let response = r.response.as_ref();
    diesel::update(recommendations::table.find(r.id.as_str()).filter(recommendations::version.eq(r.version)))
        .set((
            recommendations::status.eq(r.status.as_str()),
            recommendations::position.eq(response.map(|x| x.position.as_str())),
            recommendations::response.eq(response.map(|x| x.text.as_str())),
            recommendations::remedy_plan.eq(response.and_then(|x| x.remedy_plan.as_deref())),
            recommendations::responded_by.eq(response.map(|x| x.responded_by.as_str())),
            recommendations::responded_at.eq(response.map(|x| x.responded_at)),
            recommendations::progress.eq(r.progress),
            recommendations::closing_note.eq(r.closing_note.as_deref()),
            recommendations::closed_at.eq(r.closed_at),
            recommendations::overdue_at.eq(r.overdue_at),
            recommendations::reminded_at.eq(r.reminded_at),
            recommendations::updated_at.eq(r.updated_at),
            recommendations::version.eq(r.version + 1),
        ))
        .execute(connection)
}

pub fn find(connection: &mut DbConnection, id: &RecommendationId) -> QueryResult<Option<Recommendation>> {
    let row = recommendations::table
        .find(id.as_str())
        .select(RecommendationRow::as_select())
        .get_result(connection)
        .optional()?;
    row.map(|row| with_links(connection, row)).transpose()
}

fn with_links(connection: &mut DbConnection, row: RecommendationRow) -> QueryResult<Recommendation> {
    let petitions: Vec<String> = recommendation_petitions::table
        .filter(recommendation_petitions::recommendation_id.eq(&row.id))
        .select(recommendation_petitions::petition_id)
        .load(connection)?;
    let findings: Vec<String> = recommendation_findings::table
        .filter(recommendation_findings::recommendation_id.eq(&row.id))
        .select(recommendation_findings::finding_id)
        .load(connection)?;
    row.into_recommendation(
        petitions.into_iter().map(PetitionId::from_stored).collect(),
        findings.into_iter().map(FindingId::from_stored).collect(),
    )
}

/// The recommendations addressed to any of `agencies` (all when None), newest first.
pub fn list(
    connection: &mut DbConnection,
    agencies: Option<&[AgencyId]>,
    limit: i64,
) -> QueryResult<Vec<Recommendation>> {
    let mut query = recommendations::table.into_boxed();
    if let Some(agencies) = agencies {
        let ids: Vec<&str> = agencies.iter().map(AgencyId::as_str).collect();
        query = query.filter(recommendations::agency_id.eq_any(ids));
    }
    let rows = query
        .order((recommendations::created_at.desc(), recommendations::id.desc()))
        .limit(limit)
        .select(RecommendationRow::as_select())
        .load(connection)?;
    rows.into_iter().map(|row| with_links(connection, row)).collect()
}

/// Unanswered past their respond-by day and not yet marked overdue.
/// Those still unanswered whose respond-by day falls in [today, until], not yet reminded.
pub fn due_for_reminder(
    connection: &mut DbConnection,
    today: NaiveDate,
    until: NaiveDate,
    limit: i64,
) -> QueryResult<Vec<Recommendation>> {
    let rows = recommendations::table
        .filter(recommendations::status.eq("awaiting_response"))
        .filter(recommendations::respond_by.ge(today))
        .filter(recommendations::respond_by.le(until))
        .filter(recommendations::reminded_at.is_null())
        .order(recommendations::respond_by.asc())
        .limit(limit)
        .select(RecommendationRow::as_select())
        .load(connection)?;
    rows.into_iter().map(|row| with_links(connection, row)).collect()
}

pub fn newly_overdue(connection: &mut DbConnection, today: NaiveDate, limit: i64) -> QueryResult<Vec<Recommendation>> {
    let rows = recommendations::table
        .filter(recommendations::status.eq("awaiting_response"))
        .filter(recommendations::respond_by.lt(today))
        .filter(recommendations::overdue_at.is_null())
        .order(recommendations::respond_by.asc())
        .limit(limit)
        .select(RecommendationRow::as_select())
        .load(connection)?;
    rows.into_iter().map(|row| with_links(connection, row)).collect()
}

pub fn add_progress(
    connection: &mut DbConnection,
    id: &RecommendationId,
    report: &ProgressReport,
) -> QueryResult<usize> {
    diesel::insert_into(recommendation_progress::table)
        .values((
            recommendation_progress::id.eq(uuid::Uuid::new_v4().to_string()),
            recommendation_progress::recommendation_id.eq(id.as_str()),
            recommendation_progress::percent.eq(report.percent),
            recommendation_progress::note.eq(&report.note),
            recommendation_progress::reported_by.eq(report.reported_by.as_str()),
            recommendation_progress::reported_at.eq(report.reported_at),
        ))
        .execute(connection)
}

pub fn progress_of(connection: &mut DbConnection, id: &RecommendationId) -> QueryResult<Vec<ProgressReport>> {
    let rows: Vec<(i32, String, String, NaiveDateTime)> = recommendation_progress::table
        .filter(recommendation_progress::recommendation_id.eq(id.as_str()))
        .order((recommendation_progress::reported_at.asc(), recommendation_progress::id.asc()))
        .select((
            recommendation_progress::percent,
            recommendation_progress::note,
            recommendation_progress::reported_by,
            recommendation_progress::reported_at,
        ))
        .load(connection)?;
    Ok(rows
        .into_iter()
        .map(|(percent, note, by, at)| ProgressReport {
            percent,
            note,
            reported_by: UserId::from_stored(by),
            reported_at: at,
        })
        .collect())
}
