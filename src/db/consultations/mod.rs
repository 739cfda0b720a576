//! Public consultation's tables: consultations with their units, sections and extensions (changed
//! under a version guard), comments with supports and answers, the window rules, subscriptions.

pub mod comments;
pub mod documents;
pub mod meetings;
mod row;
pub mod rules;
pub mod subscriptions;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConnection;
use crate::db::schema::{consultation_extensions, consultation_sections, consultation_units, consultations};
use crate::domain::admin_unit::{AdminUnitCode, UnitPath};
use crate::domain::consultations::{Consultation, Extension, Section};
use crate::domain::ids::{AgencyId, ConsultationId, UserId};
use row::ConsultationRow;

/// Writes a new consultation with its units (each with its path) and sections.
pub fn insert(connection: &mut DbConnection, c: &Consultation, paths: &[UnitPath]) -> QueryResult<()> {
    diesel::insert_into(consultations::table)
        .values((
            consultations::id.eq(c.id.as_str()),
            consultations::agency_id.eq(c.agency_id.as_str()),
            consultations::kind.eq(c.kind.as_str()),
            consultations::title.eq(&c.title),
            consultations::summary.eq(&c.summary),
            consultations::opens_on.eq(c.opens_on),
            consultations::closes_on.eq(c.closes_on),
            consultations::state.eq(c.state.as_str()),
            consultations::created_by.eq(c.created_by.as_str()),
            consultations::created_at.eq(c.created_at),
            consultations::updated_at.eq(c.updated_at),
            consultations::version.eq(c.version),
        ))
        .execute(connection)?;
    replace_parts(connection, c, paths)
}

/// Replaces a draft's units and sections with those of `c`.
pub fn replace_parts(connection: &mut DbConnection, c: &Consultation, paths: &[UnitPath]) -> QueryResult<()> {
    diesel::delete(consultation_units::table.filter(consultation_units::consultation_id.eq(c.id.as_str())))
        .execute(connection)?;
    diesel::delete(consultation_sections::table.filter(consultation_sections::consultation_id.eq(c.id.as_str())))
        .execute(connection)?;
    for (code, path) in c.unit_codes.iter().zip(paths) {
        diesel::insert_into(consultation_units::table)
            .values((
                consultation_units::consultation_id.eq(c.id.as_str()),
                consultation_units::admin_unit_code.eq(code.as_str()),
                consultation_units::unit_path.eq(path.as_str()),
            ))
            .execute(connection)?;
    }
    for section in &c.sections {
        diesel::insert_into(consultation_sections::table)
            .values((
                consultation_sections::consultation_id.eq(c.id.as_str()),
                consultation_sections::number.eq(section.number),
                consultation_sections::heading.eq(&section.heading),
                consultation_sections::text.eq(&section.text),
            ))
            .execute(connection)?;
    }
    Ok(())
}

/// Writes what changed on the row, if it is still at the version read; 0 rows when it was not.
pub fn save(connection: &mut DbConnection, c: &Consultation) -> QueryResult<usize> {
    diesel::update(consultations::table.find(c.id.as_str()).filter(consultations::version.eq(c.version)))
        .set((
            consultations::kind.eq(c.kind.as_str()),
            consultations::title.eq(&c.title),
            consultations::summary.eq(&c.summary),
            consultations::opens_on.eq(c.opens_on),
            consultations::closes_on.eq(c.closes_on),
            consultations::state.eq(c.state.as_str()),
            consultations::published_at.eq(c.published_at),
            consultations::synthesis.eq(c.synthesis.as_deref()),
            consultations::concluded_at.eq(c.concluded_at),
            consultations::updated_at.eq(c.updated_at),
            consultations::version.eq(c.version + 1),
        ))
        .execute(connection)
}

pub fn add_extension(connection: &mut DbConnection, id: &ConsultationId, e: &Extension) -> QueryResult<usize> {
    diesel::insert_into(consultation_extensions::table)
        .values((
            consultation_extensions::consultation_id.eq(id.as_str()),
            consultation_extensions::previous_closes_on.eq(e.previous_closes_on),
            consultation_extensions::closes_on.eq(e.closes_on),
            consultation_extensions::notice.eq(&e.notice),
            consultation_extensions::extended_by.eq(e.extended_by.as_str()),
            consultation_extensions::extended_at.eq(e.extended_at),
        ))
        .execute(connection)
}

pub fn find(connection: &mut DbConnection, id: &ConsultationId) -> QueryResult<Option<Consultation>> {
    let row = consultations::table
        .find(id.as_str())
        .select(ConsultationRow::as_select())
        .get_result(connection)
        .optional()?;
    row.map(|row| with_parts(connection, row)).transpose()
}

/// Every published or concluded consultation, the latest published first (the public listing
/// filters and pages them; a deployment holds hundreds, not millions).
pub fn published(connection: &mut DbConnection) -> QueryResult<Vec<Consultation>> {
    let rows = consultations::table
        .filter(consultations::state.ne("draft"))
        .order((consultations::published_at.desc(), consultations::id.desc()))
        .select(ConsultationRow::as_select())
        .load(connection)?;
    rows.into_iter().map(|row| with_parts(connection, row)).collect()
}

/// Every consultation of one agency, drafts too, the latest created first (its listing filters
/// and pages them).
pub fn of_agency(connection: &mut DbConnection, agency: &AgencyId) -> QueryResult<Vec<Consultation>> {
    let rows = consultations::table
        .filter(consultations::agency_id.eq(agency.as_str()))
        .order((consultations::created_at.desc(), consultations::id.desc()))
        .select(ConsultationRow::as_select())
        .load(connection)?;
    rows.into_iter().map(|row| with_parts(connection, row)).collect()
}

/// The published consultations (not concluded) whose overdue synthesis the sweep has not told
/// their agency of yet, closed before `closed_before`.
pub fn synthesis_unflagged(connection: &mut DbConnection, closed_before: NaiveDate) -> QueryResult<Vec<Consultation>> {
    let rows = consultations::table
        .filter(consultations::state.eq("published"))
        .filter(consultations::synthesis_overdue_at.is_null())
        .filter(consultations::closes_on.lt(closed_before))
        .order((consultations::closes_on.asc(), consultations::id.asc()))
        .select(ConsultationRow::as_select())
        .load(connection)?;
    rows.into_iter().map(|row| with_parts(connection, row)).collect()
}

/// Marks the synthesis of `id` overdue at `now`, if it is still published and no one marked it:
/// 1 row for the one sweep that gets there first, 0 for any other.
pub fn flag_synthesis_overdue(
    connection: &mut DbConnection,
    id: &ConsultationId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        consultations::table
            .find(id.as_str())
            .filter(consultations::state.eq("published"))
            .filter(consultations::synthesis_overdue_at.is_null()),
    )
    .set(consultations::synthesis_overdue_at.eq(now))
    .execute(connection)
}

/// The ids of the consultations about a unit at `path` or any unit under it.
pub fn ids_under(connection: &mut DbConnection, path: &UnitPath) -> QueryResult<Vec<ConsultationId>> {
    let ids: Vec<String> = consultation_units::table
        .filter(consultation_units::unit_path.like(format!("{}%", path.as_str())))
        .select(consultation_units::consultation_id)
        .distinct()
        .load(connection)?;
    Ok(ids.into_iter().map(ConsultationId::from_stored).collect())
}

/// The paths of the units a consultation is about, in the order of their codes (as `find` lists them).
pub fn unit_paths(connection: &mut DbConnection, id: &ConsultationId) -> QueryResult<Vec<UnitPath>> {
    let paths: Vec<String> = consultation_units::table
        .filter(consultation_units::consultation_id.eq(id.as_str()))
        .order(consultation_units::admin_unit_code.asc())
        .select(consultation_units::unit_path)
        .load(connection)?;
    Ok(paths.into_iter().map(UnitPath::from_stored).collect())
}

fn with_parts(connection: &mut DbConnection, row: ConsultationRow) -> QueryResult<Consultation> {
    let codes: Vec<String> = consultation_units::table
        .filter(consultation_units::consultation_id.eq(&row.id))
        .order(consultation_units::admin_unit_code.asc())
        .select(consultation_units::admin_unit_code)
        .load(connection)?;
    let sections: Vec<(i32, String, String)> = consultation_sections::table
        .filter(consultation_sections::consultation_id.eq(&row.id))
        .order(consultation_sections::number.asc())
        .select((consultation_sections::number, consultation_sections::heading, consultation_sections::text))
        .load(connection)?;
    let extensions: Vec<(chrono::NaiveDate, chrono::NaiveDate, String, String, NaiveDateTime)> =
        consultation_extensions::table
            .filter(consultation_extensions::consultation_id.eq(&row.id))
            .order(consultation_extensions::closes_on.asc())
            .select((
                consultation_extensions::previous_closes_on,
                consultation_extensions::closes_on,
                consultation_extensions::notice,
                consultation_extensions::extended_by,
                consultation_extensions::extended_at,
            ))
            .load(connection)?;
    let unit_codes = codes
        .iter()
        .map(|code| row::COLUMNS.parse::<AdminUnitCode>("admin_unit_code", code))
        .collect::<QueryResult<Vec<_>>>()?;
    let sections = sections.into_iter().map(|(number, heading, text)| Section { number, heading, text }).collect();
    let extensions = extensions
        .into_iter()
        .map(|(previous_closes_on, closes_on, notice, by, extended_at)| Extension {
            previous_closes_on,
            closes_on,
            notice,
            extended_by: UserId::from_stored(by),
            extended_at,
        })
        .collect();
    row.into_consultation(unit_codes, sections, extensions)
}
