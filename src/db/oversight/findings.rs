//! Monitors' findings: recorded once, never changed; listed per agency, per petition and per
//! consultation, newest first, a page at a time.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::decode::Columns;
use crate::db::schema::{consultations, findings, petitions};
use crate::db::{DbConnection, MultiBackend};
use crate::domain::ids::{AgencyId, ConsultationId, FindingId, PetitionId, UserId};
use crate::domain::oversight::recommendations::{Finding, FindingAbout};

const COLUMNS: Columns = Columns("findings");

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = findings)]
struct FindingRow {
    id: String,
    monitor_id: String,
    oversight_body: String,
    petition_id: Option<String>,
    agency_id: Option<String>,
    period_from: Option<NaiveDate>,
    period_to: Option<NaiveDate>,
    severity: String,
    text: String,
    created_at: NaiveDateTime,
    consultation_id: Option<String>,
}

impl FindingRow {
    fn into_finding(self) -> QueryResult<Finding> {
        let about = match (self.consultation_id, self.petition_id, self.agency_id, self.period_from, self.period_to) {
            (Some(consultation), ..) => FindingAbout::Consultation(ConsultationId::from_stored(consultation)),
            (None, Some(petition), ..) => FindingAbout::Petition(PetitionId::from_stored(petition)),
            (None, None, Some(agency), Some(from), Some(to)) => {
                FindingAbout::Period { agency_id: AgencyId::from_stored(agency), from, to }
            }
            (None, None, Some(agency), _, _) => FindingAbout::Agency(AgencyId::from_stored(agency)),
            (None, None, None, ..) => {
                return Err(COLUMNS.unreadable("agency_id", "null", "a finding is about something"));
            }
        };
        Ok(Finding {
            id: FindingId::from_stored(self.id),
            monitor_id: UserId::from_stored(self.monitor_id),
            oversight_body: COLUMNS.parse("oversight_body", &self.oversight_body)?,
            about,
            severity: COLUMNS.parse("severity", &self.severity)?,
            text: self.text,
            created_at: self.created_at,
        })
    }
}

/// Records `finding`; one about a consultation also keeps the consultation's agency, so that the
/// agency's listing shows it.
pub fn insert(connection: &mut DbConnection, finding: &Finding) -> QueryResult<usize> {
    let (petition, mut agency, from, to, consultation) = match &finding.about {
        FindingAbout::Petition(id) => (Some(id.to_string()), None, None, None, None),
        FindingAbout::Agency(id) => (None, Some(id.to_string()), None, None, None),
        FindingAbout::Period { agency_id, from, to } => {
            (None, Some(agency_id.to_string()), Some(*from), Some(*to), None)
        }
        FindingAbout::Consultation(id) => (None, None, None, None, Some(id.as_str())),
    };
    if let Some(consultation) = consultation {
        let publisher = consultations::table.find(consultation).select(consultations::agency_id);
        agency = Some(publisher.get_result::<String>(connection)?);
    }
    diesel::insert_into(findings::table)
        .values((
            findings::id.eq(finding.id.as_str()),
            findings::monitor_id.eq(finding.monitor_id.as_str()),
            findings::oversight_body.eq(finding.oversight_body.as_str()),
            findings::petition_id.eq(petition),
            findings::agency_id.eq(agency),
            findings::period_from.eq(from),
            findings::period_to.eq(to),
            findings::severity.eq(finding.severity.as_str()),
            findings::text.eq(&finding.text),
            findings::created_at.eq(finding.created_at),
            findings::consultation_id.eq(consultation),
        ))
        .execute(connection)
}

pub fn find(connection: &mut DbConnection, id: &FindingId) -> QueryResult<Option<Finding>> {
    let row = findings::table.find(id.as_str()).select(FindingRow::as_select()).get_result(connection).optional()?;
    row.map(FindingRow::into_finding).transpose()
}

/// Which findings a listing reads: a petition's, a consultation's, or an agency's — about it, a
/// period of it, one of its consultations, or one of the petitions it handles.
#[derive(Debug, Clone, Copy)]
pub enum FindingsOf<'a> {
    Agency(&'a AgencyId),
    Petition(&'a PetitionId),
    Consultation(&'a ConsultationId),
}

fn of(about: FindingsOf<'_>) -> findings::BoxedQuery<'static, MultiBackend> {
    let query = findings::table.into_boxed();
    match about {
        FindingsOf::Petition(id) => query.filter(findings::petition_id.eq(id.to_string())),
        FindingsOf::Consultation(id) => query.filter(findings::consultation_id.eq(id.to_string())),
        FindingsOf::Agency(id) => {
            let handled = petitions::table
                .filter(petitions::assigned_agency_id.eq(id.to_string()))
                .select(petitions::id.nullable());
            query.filter(findings::agency_id.eq(id.to_string()).or(findings::petition_id.eq_any(handled)))
        }
    }
}

/// A page of findings, newest first, after the (created_at, id) a previous page ended on.
pub fn page(
    connection: &mut DbConnection,
    about: FindingsOf<'_>,
    after: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<Finding>> {
    let mut query = of(about);
    if let Some((at, id)) = after {
        query = query.filter(findings::created_at.lt(at).or(findings::created_at.eq(at).and(findings::id.lt(id))));
    }
    let rows = query
        .order((findings::created_at.desc(), findings::id.desc()))
        .limit(limit)
        .select(FindingRow::as_select())
        .load(connection)?;
    rows.into_iter().map(FindingRow::into_finding).collect()
}

pub fn count(connection: &mut DbConnection, about: FindingsOf<'_>) -> QueryResult<i64> {
    of(about).count().get_result(connection)
}
