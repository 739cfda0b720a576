//! The petitions Open311 lists: feedback and proposals that are not confidential, by filing
//! time, status, kind and category, or by tracking code, newest first, a page at a time; and
//! every public petition in receipt order, a batch at a time, for the open data.

use chrono::NaiveDateTime;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text, Timestamp};

use super::{PetitionRow, petitions_of};
use crate::db::DbConnection;
use crate::db::schema::petitions;
use crate::domain::category::CategoryCode;
use crate::domain::ids::PetitionId;
use crate::domain::petition::{Petition, PetitionKind, PetitionStatus};
use crate::domain::reports::statistics::PUBLIC_PETITIONS_SQL;
use crate::domain::tracking_code::TrackingCode;

/// What a listing of public requests asks for.
#[derive(Debug, Clone)]
pub struct PublicRequestFilter {
    /// When given, only these (and every other filter but the kinds is ignored).
    pub codes: Vec<TrackingCode>,
    pub kinds: Vec<PetitionKind>,
    pub category: Option<CategoryCode>,
    /// Empty: every status.
    pub statuses: Vec<PetitionStatus>,
    /// Received within [from, to].
    pub received: (NaiveDateTime, NaiveDateTime),
    pub updated_after: Option<NaiveDateTime>,
    pub updated_before: Option<NaiveDateTime>,
    pub offset: i64,
    pub limit: i64,
}

pub fn public_requests(connection: &mut DbConnection, filter: &PublicRequestFilter) -> QueryResult<Vec<Petition>> {
    let kinds: Vec<&str> = filter.kinds.iter().map(|k| k.as_str()).collect();
    let mut query =
        petitions::table.filter(petitions::kind.eq_any(kinds)).filter(petitions::confidential.eq(false)).into_boxed();
    if filter.codes.is_empty() {
        query = query.filter(petitions::received_at.between(filter.received.0, filter.received.1));
        if let Some(category) = &filter.category {
            query = query.filter(petitions::category_code.eq(category.as_str().to_string()));
        }
        if !filter.statuses.is_empty() {
            let statuses: Vec<&str> = filter.statuses.iter().map(|s| s.as_str()).collect();
            query = query.filter(petitions::status.eq_any(statuses));
        }
        if let Some(after) = filter.updated_after {
            query = query.filter(petitions::updated_at.ge(after));
        }
        if let Some(before) = filter.updated_before {
            query = query.filter(petitions::updated_at.le(before));
        }
    } else {
        let codes: Vec<&str> = filter.codes.iter().map(TrackingCode::as_str).collect();
        query = query.filter(petitions::tracking_code.eq_any(codes));
    }
    let rows = query
        .order((petitions::received_at.desc(), petitions::id.desc()))
        .offset(filter.offset)
        .limit(filter.limit)
        .select(PetitionRow::as_select())
        .load(connection)?;
    petitions_of(rows)
}

/// Up to `limit` public petitions (`PUBLIC_PETITIONS_SQL`) received after `after` (receipt time,
/// then id), oldest first.
pub fn public_batch(
    connection: &mut DbConnection,
    after: Option<&(NaiveDateTime, PetitionId)>,
    limit: i64,
) -> QueryResult<Vec<Petition>> {
    let mut query = petitions::table.filter(sql::<Bool>(PUBLIC_PETITIONS_SQL)).into_boxed();
    if let Some((received_at, id)) = after {
        query = query.filter(
            sql::<Bool>("(petitions.received_at, petitions.id) > (")
                .bind::<Timestamp, _>(*received_at)
                .sql(", ")
                .bind::<Text, _>(id.to_string())
                .sql(")"),
        );
    }
    let rows = query
        .order((petitions::received_at.asc(), petitions::id.asc()))
        .limit(limit)
        .select(PetitionRow::as_select())
        .load(connection)?;
    petitions_of(rows)
}
