//! A consultation's row, read into the domain record (an unknown stored value names its column).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::decode::Columns;
use crate::db::schema::consultations;
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::consultations::{Consultation, Extension, Section};
use crate::domain::ids::{AgencyId, ConsultationId, UserId};

pub(super) const COLUMNS: Columns = Columns("consultations");

#[derive(Debug, Queryable, Selectable)]
#[diesel(table_name = consultations)]
pub(super) struct ConsultationRow {
    pub(super) id: String,
    agency_id: String,
    kind: String,
    title: String,
    summary: String,
    opens_on: NaiveDate,
    closes_on: NaiveDate,
    state: String,
    published_at: Option<NaiveDateTime>,
    synthesis: Option<String>,
    concluded_at: Option<NaiveDateTime>,
    created_by: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    version: i32,
}

impl ConsultationRow {
    pub(super) fn into_consultation(
        self,
        unit_codes: Vec<AdminUnitCode>,
        sections: Vec<Section>,
        extensions: Vec<Extension>,
    ) -> QueryResult<Consultation> {
        Ok(Consultation {
            kind: COLUMNS.parse("kind", &self.kind)?,
            state: COLUMNS.parse("state", &self.state)?,
            id: ConsultationId::from_stored(self.id),
            agency_id: AgencyId::from_stored(self.agency_id),
            title: self.title,
            summary: self.summary,
            unit_codes,
            opens_on: self.opens_on,
            closes_on: self.closes_on,
            sections,
            extensions,
            published_at: self.published_at,
            synthesis: self.synthesis,
            concluded_at: self.concluded_at,
            created_by: UserId::from_stored(self.created_by),
            created_at: self.created_at,
            updated_at: self.updated_at,
            version: self.version,
        })
    }
}
