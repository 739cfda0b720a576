//! Breaches of personal data and the people each touched.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::decode::Columns;
use crate::db::schema::{breach_affected, breach_incidents};
use crate::domain::ids::{BreachId, PetitionId, UserId};
use crate::domain::personal_data::breach::{Affected, Breach};

const COLUMNS: Columns = Columns("breach_affected");

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = breach_incidents)]
struct IncidentRow {
    id: String,
    summary: String,
    occurred_at: Option<NaiveDateTime>,
    discovered_at: NaiveDateTime,
    recorded_at: NaiveDateTime,
    recorded_by: String,
    authority_due_at: NaiveDateTime,
    authority_notified_at: Option<NaiveDateTime>,
    people_notified_at: Option<NaiveDateTime>,
    notice: Option<String>,
}

impl IncidentRow {
    fn into_breach(self, affected: Vec<Affected>) -> Breach {
        Breach {
            id: BreachId::from_stored(self.id),
            summary: self.summary,
            occurred_at: self.occurred_at,
            discovered_at: self.discovered_at,
            recorded_at: self.recorded_at,
            recorded_by: UserId::from_stored(self.recorded_by),
            authority_due_at: self.authority_due_at,
            authority_notified_at: self.authority_notified_at,
            people_notified_at: self.people_notified_at,
            notice: self.notice,
            affected,
        }
    }
}

pub fn insert(connection: &mut DbConnection, breach: &Breach) -> QueryResult<()> {
    diesel::insert_into(breach_incidents::table)
        .values((
            breach_incidents::id.eq(breach.id.as_str()),
            breach_incidents::summary.eq(&breach.summary),
            breach_incidents::occurred_at.eq(breach.occurred_at),
            breach_incidents::discovered_at.eq(breach.discovered_at),
            breach_incidents::recorded_at.eq(breach.recorded_at),
            breach_incidents::recorded_by.eq(breach.recorded_by.as_str()),
            breach_incidents::authority_due_at.eq(breach.authority_due_at),
        ))
        .execute(connection)?;
    for (position, affected) in (0..).zip(&breach.affected) {
        let (user_id, petition_id) = match affected {
            Affected::Account(user) => (Some(user.as_str()), None),
            Affected::Petitioner(petition) => (None, Some(petition.as_str())),
        };
        diesel::insert_into(breach_affected::table)
            .values((
                breach_affected::incident_id.eq(breach.id.as_str()),
                breach_affected::position.eq(position),
                breach_affected::user_id.eq(user_id),
                breach_affected::petition_id.eq(petition_id),
            ))
            .execute(connection)?;
    }
    Ok(())
}

fn affected(connection: &mut DbConnection, id: &str) -> QueryResult<Vec<Affected>> {
    let rows: Vec<(Option<String>, Option<String>)> = breach_affected::table
        .filter(breach_affected::incident_id.eq(id))
        .order(breach_affected::position.asc())
        .select((breach_affected::user_id, breach_affected::petition_id))
        .load(connection)?;
    rows.into_iter()
        .map(|row| match row {
            (Some(user), _) => Ok(Affected::Account(UserId::from_stored(user))),
            (None, Some(petition)) => Ok(Affected::Petitioner(PetitionId::from_stored(petition))),
            (None, None) => Err(COLUMNS.unreadable("user_id", "null", "names an account or a petition")),
        })
        .collect()
}

pub fn find(connection: &mut DbConnection, id: &BreachId) -> QueryResult<Option<Breach>> {
    let row =
        breach_incidents::table.find(id.as_str()).select(IncidentRow::as_select()).get_result(connection).optional()?;
    match row {
        Some(row) => {
            let affected = affected(connection, &row.id)?;
            Ok(Some(row.into_breach(affected)))
        }
        None => Ok(None),
    }
}

/// Every breach, the most recently discovered first (there are few).
pub fn all(connection: &mut DbConnection) -> QueryResult<Vec<Breach>> {
    let rows = breach_incidents::table
        .order((breach_incidents::discovered_at.desc(), breach_incidents::id.desc()))
        .select(IncidentRow::as_select())
        .load(connection)?;
    rows.into_iter()
        .map(|row| {
            let affected = affected(connection, &row.id)?;
            Ok(row.into_breach(affected))
        })
        .collect()
}

/// Marks the people notified, once: 0 when they already were (by this or another process).
pub fn mark_people_notified(
    connection: &mut DbConnection,
    id: &BreachId,
    notice: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(breach_incidents::table.find(id.as_str()).filter(breach_incidents::people_notified_at.is_null()))
        .set((breach_incidents::people_notified_at.eq(now), breach_incidents::notice.eq(notice)))
        .execute(connection)
}

/// Records when the authority was notified, once.
pub fn mark_authority_notified(connection: &mut DbConnection, id: &BreachId, at: NaiveDateTime) -> QueryResult<usize> {
    diesel::update(breach_incidents::table.find(id.as_str()).filter(breach_incidents::authority_notified_at.is_null()))
        .set(breach_incidents::authority_notified_at.eq(at))
        .execute(connection)
}
