//! Importing administrative units from the statistics office's list as CSV: every row is checked
//! before anything is written, and the whole file lands in one transaction or not at all.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime};

use crate::db::admin_units::{self, NewAdminUnitRow};
use crate::db::{self, DbConnection};
use crate::domain::FieldError;
use crate::domain::admin_unit::{AdminLevel, AdminUnitCode, UnitType};
use crate::domain::ids::AdminUnitId;
use crate::domain::validity::Validity;
use crate::service::{ServiceError, ServiceResult};

/// The columns of the import file, in the order `migrations/data/README.md` documents.
#[derive(Debug, serde::Deserialize)]
struct CsvRow {
    code: String,
    name: String,
    level: String,
    unit_type: String,
    parent_code: String,
    valid_from: String,
    valid_to: String,
    successor_codes: String,
    source_note: String,
}

/// A row that passed every check.
#[derive(Debug)]
struct UnitRecord {
    code: AdminUnitCode,
    name: String,
    level: AdminLevel,
    unit_type: UnitType,
    parent: Option<AdminUnitCode>,
    validity: Validity,
    successors: Vec<AdminUnitCode>,
    source_note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportReport {
    pub inserted: usize,
    pub updated: usize,
}

/// Reads, checks and stores a CSV file of units. On any bad row nothing is stored and every
/// problem found is returned, each naming its line and column.
pub fn import_csv(connection: &mut DbConnection, csv_text: &str, now: NaiveDateTime) -> ServiceResult<ImportReport> {
    let records = parse(csv_text)?;
    db::transaction(connection, |connection| {
        check_references(connection, &records)?;
        store(connection, &records, now)
    })
}

fn parse(csv_text: &str) -> ServiceResult<Vec<UnitRecord>> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(csv_text.as_bytes());
    let mut records = Vec::new();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for (index, row) in reader.deserialize::<CsvRow>().enumerate() {
        let line = index + 2; // the header is line 1
        match row {
            Ok(row) => match check_row(row, line) {
                Ok(record) => {
                    if !seen.insert((record.code.clone(), record.validity.from)) {
                        errors.push(FieldError::new(
                            format!("line {line}, code"),
                            format!("{} with this valid_from appears twice in the file", record.code),
                        ));
                    }
                    records.push(record);
                }
                Err(mut row_errors) => errors.append(&mut row_errors),
            },
            Err(error) => errors.push(FieldError::new(format!("line {line}"), csv_problem(&error))),
        }
    }
    if records.is_empty() && errors.is_empty() {
        errors.push(FieldError::new("file", "holds no units"));
    }
    if errors.is_empty() { Ok(records) } else { Err(ServiceError::Invalid(errors)) }
}

fn csv_problem(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::Deserialize { err, .. } => format!(
            "{err}; the header must be: code,name,level,unit_type,parent_code,valid_from,valid_to,successor_codes,source_note"
        ),
        csv::ErrorKind::Utf8 { .. } => "is not valid UTF-8".to_string(),
        _ => error.to_string(),
    }
}

fn check_row(row: CsvRow, line: usize) -> Result<UnitRecord, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut problem =
        |column: &str, message: String| errors.push(FieldError::new(format!("line {line}, {column}"), message));

    let code = AdminUnitCode::parse(&row.code).map_err(|e| problem("code", e.to_string())).ok();
    let name = row.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 200 || crate::domain::text::has_forbidden_characters(&name, false) {
        problem("name", "must be 1 to 200 characters with no control characters".into());
    }
    let level = row.level.parse::<AdminLevel>().map_err(|e| problem("level", e.to_string())).ok();
    let unit_type = row.unit_type.parse::<UnitType>().map_err(|e| problem("unit_type", e.to_string())).ok();
    if let (Some(level), Some(unit_type)) = (level, unit_type)
        && unit_type.level() != level
    {
        problem("unit_type", format!("a {unit_type} is a {}-level unit, not {level}", unit_type.level()));
    }
    let parent = optional(&row.parent_code)
        .and_then(|text| AdminUnitCode::parse(text).map_err(|e| problem("parent_code", e.to_string())).ok());
    match (level, &parent) {
        (Some(AdminLevel::Province), Some(_)) => problem("parent_code", "a province has no parent".into()),
        (Some(AdminLevel::District | AdminLevel::Commune), None) => {
            problem("parent_code", "is required below the province level".into());
        }
        _ => {}
    }
    let valid_from = parse_date(&row.valid_from).map_err(|m| problem("valid_from", m)).ok().flatten();
    let valid_to = parse_date(&row.valid_to).map_err(|m| problem("valid_to", m)).ok().flatten();
    let validity = Validity::new(valid_from, valid_to).map_err(|e| problem("valid_to", e.to_string())).ok();
    let successors: Vec<AdminUnitCode> = row
        .successor_codes
        .split(';')
        .filter_map(optional)
        .filter_map(|text| {
            AdminUnitCode::parse(text).map_err(|e| problem("successor_codes", format!("{text:?} {e}"))).ok()
        })
        .collect();
    let source_note = row.source_note.trim().to_string();
    if source_note.chars().count() > 1000 || crate::domain::text::has_forbidden_characters(&source_note, false) {
        problem("source_note", "must be at most 1000 characters with no control characters".into());
    }

    match (code, level, unit_type, validity) {
        (Some(code), Some(level), Some(unit_type), Some(validity)) if errors.is_empty() => {
            Ok(UnitRecord { code, name, level, unit_type, parent, validity, successors, source_note })
        }
        _ => Err(errors),
    }
}

fn optional(text: &str) -> Option<&str> {
    let text = text.trim();
    (!text.is_empty()).then_some(text)
}

fn parse_date(text: &str) -> Result<Option<NaiveDate>, String> {
    optional(text)
        .map(|text| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| format!("{text:?} is not a date YYYY-MM-DD"))
        })
        .transpose()
}

/// Parents and successors must be units of the file or already known.
fn check_references(connection: &mut DbConnection, records: &[UnitRecord]) -> ServiceResult<()> {
    let in_file: HashSet<&str> = records.iter().map(|r| r.code.as_str()).collect();
    let mut known: HashMap<String, bool> = HashMap::new();
    let mut errors = Vec::new();
    for record in records {
        let references = record
            .parent
            .iter()
            .map(|code| ("parent_code", code))
            .chain(record.successors.iter().map(|code| ("successor_codes", code)));
        for (column, code) in references {
            if in_file.contains(code.as_str()) {
                continue;
            }
            let exists = match known.get(code.as_str()) {
                Some(exists) => *exists,
                None => {
                    let exists = !admin_units::versions_of(connection, code.as_str())?.is_empty();
                    known.insert(code.as_str().to_string(), exists);
                    exists
                }
            };
            if !exists {
                errors.push(FieldError::new(
                    format!("unit {}, {column}", record.code),
                    format!("{code} is neither in the file nor already known"),
                ));
            }
        }
    }
    if errors.is_empty() { Ok(()) } else { Err(ServiceError::Invalid(errors)) }
}

fn store(connection: &mut DbConnection, records: &[UnitRecord], now: NaiveDateTime) -> ServiceResult<ImportReport> {
    let mut report = ImportReport::default();
    for record in records {
        let existing = admin_units::find_version(connection, record.code.as_str(), record.validity.from)?;
        let id = existing.as_ref().map_or_else(|| AdminUnitId::from(uuid::Uuid::new_v4()), |unit| unit.id.clone());
        let row = NewAdminUnitRow {
            id: id.as_str(),
            code: record.code.as_str(),
            name: &record.name,
            level: record.level.as_str(),
            unit_type: record.unit_type.as_str(),
            parent_code: record.parent.as_ref().map(AdminUnitCode::as_str),
            valid_from: record.validity.from,
            valid_to: record.validity.to,
            source_note: &record.source_note,
            created_at: now,
            updated_at: now,
        };
        if existing.is_some() {
            admin_units::update(connection, &id, &row)?;
            report.updated += 1;
        } else {
            admin_units::insert(connection, &row)?;
            report.inserted += 1;
        }
        admin_units::set_successors(connection, &id, &record.successors)?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "code,name,level,unit_type,parent_code,valid_from,valid_to,successor_codes,source_note\n";

    fn errors_of(body: &str) -> Vec<FieldError> {
        match parse(&format!("{HEADER}{body}")) {
            Err(ServiceError::Invalid(errors)) => errors,
            other => panic!("expected errors, got {other:?}"),
        }
    }

    #[test]
    fn a_well_formed_file_parses_row_by_row() {
        let records = parse(&format!(
            "{HEADER}46,Thành phố Huế,province,centrally_run_city,,,,,\n19753,Phường Phú Xuân,commune,ward,46,2025-07-01,,,NQ 1675\n"
        ))
        .unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[1].validity.from, NaiveDate::from_ymd_opt(2025, 7, 1));
    }

    #[test]
    fn each_bad_cell_is_reported_with_its_line_and_column() {
        let errors = errors_of("4x,,hamlet,ward,46,2025-13-01,,,\n");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"line 2, code"), "{fields:?}");
        assert!(fields.contains(&"line 2, name"), "{fields:?}");
        assert!(fields.contains(&"line 2, level"), "{fields:?}");
        assert!(fields.contains(&"line 2, valid_from"), "{fields:?}");
    }

    #[test]
    fn a_ward_cannot_be_declared_a_district() {
        let errors = errors_of("19753,Phường Phú Xuân,district,ward,46,,,,\n");
        assert_eq!(errors[0].field, "line 2, unit_type");
    }

    #[test]
    fn a_unit_below_the_province_needs_a_parent() {
        assert_eq!(errors_of("19753,Phường Phú Xuân,commune,ward,,,,,\n")[0].field, "line 2, parent_code");
    }

    #[test]
    fn the_same_version_twice_is_refused() {
        let errors = errors_of("46,Huế,province,province,,,,,\n46,Huế,province,province,,,,,\n");
        assert_eq!(errors[0].field, "line 3, code");
    }

    #[test]
    fn a_file_with_the_wrong_columns_says_which_header_is_expected() {
        match parse("id,title\n1,x\n") {
            Err(ServiceError::Invalid(errors)) => assert!(errors[0].message.contains("the header must be")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_shipped_hue_sample_passes_every_row_check() {
        let records = parse(include_str!("../../../migrations/data/hue_admin_units_sample.csv")).unwrap();
        assert!(records.len() > 150, "{} rows", records.len());
    }

    #[test]
    fn an_empty_file_is_refused() {
        assert!(matches!(parse(HEADER), Err(ServiceError::Invalid(_))));
    }
}
