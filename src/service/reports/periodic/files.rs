//! A periodic report written out in one language: JSON for programs, CSV (UTF-8 with a BOM, so
//! Excel reads the Vietnamese right) and XLSX — one sheet per table, typed numbers, frozen
//! headings, columns wide enough to read.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use serde_json::{Map, Value, json};

use crate::domain::account::Language;
use crate::domain::reports::periodic::{PeriodicReport, Table};
use crate::domain::time::VIETNAM_OFFSET;
use crate::service::{ServiceError, ServiceResult};

crate::text_enum! {
    /// The formats a report is written in.
    pub enum ReportFormat {
        Json => "json",
        Csv => "csv",
        Xlsx => "xlsx",
    }
}

impl ReportFormat {
    pub fn content_type(self) -> &'static str {
        match self {
            ReportFormat::Json => "application/json",
            ReportFormat::Csv => "text/csv; charset=utf-8",
            ReportFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// The name a downloaded report is saved under.
pub fn file_name(report: &PeriodicReport, format: ReportFormat) -> String {
    let unit = report.admin_unit.as_ref().map(|u| format!("-{u}")).unwrap_or_default();
    format!("bao-cao-{}{unit}.{format}", report.period)
}

pub fn write(report: &PeriodicReport, format: ReportFormat, language: Language) -> ServiceResult<Vec<u8>> {
    match format {
        ReportFormat::Json => serde_json::to_vec_pretty(&as_json(report, language))
            .map_err(|e| ServiceError::Internal(anyhow::anyhow!("writing the report as JSON: {e}"))),
        ReportFormat::Csv => as_csv(report, language),
        ReportFormat::Xlsx => {
            as_xlsx(report, language).map_err(|e| ServiceError::Internal(anyhow::anyhow!("writing the XLSX: {e}")))
        }
    }
}

/// The facts that head every format: what the report covers.
fn about(report: &PeriodicReport, language: Language) -> Vec<(Both, String)> {
    let vi = language == Language::Vietnamese;
    let ended =
        if report.complete { ("có", "yes") } else { ("chưa (số liệu đến nay)", "not yet (figures to date)") };
    vec![
        (("Kỳ báo cáo", "Period"), report.period.to_string()),
        (("Từ ngày", "From"), report.from.to_string()),
        (("Đến ngày", "To"), report.to.to_string()),
        (("Đã hết kỳ", "Period ended"), pick(ended, language).to_string()),
        (
            ("Đơn vị hành chính", "Administrative unit"),
            report
                .admin_unit
                .as_ref()
                .map_or_else(|| if vi { "Toàn tỉnh" } else { "All" }.to_string(), ToString::to_string),
        ),
        (("Căn cứ kỳ chốt số liệu", "Basis of the period"), report.basis.clone()),
        (("Thời điểm lập", "Generated at"), report.generated_at.and_utc().with_timezone(&VIETNAM_OFFSET).to_rfc3339()),
    ]
}

/// Words in Vietnamese and English.
type Both = (&'static str, &'static str);

fn pick(words: Both, language: Language) -> &'static str {
    if language == Language::Vietnamese { words.0 } else { words.1 }
}

fn as_json(report: &PeriodicReport, language: Language) -> Value {
    let valued = |table: &Table, values: &[i64]| -> Value {
        let map: Map<String, Value> =
            table.columns.iter().zip(values).map(|(column, value)| (column.key.clone(), json!(value))).collect();
        Value::Object(map)
    };
    let tables: Vec<Value> = report
        .tables
        .iter()
        .map(|table| {
            json!({
                "key": table.key,
                "title": table.title.read(language),
                "label_heading": table.label_heading.read(language),
                "columns": table.columns.iter().map(|c| json!({ "key": c.key, "heading": c.heading.read(language) })).collect::<Vec<_>>(),
                "rows": table.rows.iter().map(|r| json!({ "key": r.key, "label": r.label.read(language), "values": valued(table, &r.values) })).collect::<Vec<_>>(),
                "total": table.total.as_ref().map(|total| valued(table, total)),
            })
        })
        .collect();
    json!({
        "period": report.period.to_string(),
        "from": report.from,
        "to": report.to,
        "complete": report.complete,
        "admin_unit": report.admin_unit,
        "basis": report.basis,
        "language": language.as_str(),
        "generated_at": report.generated_at.and_utc().with_timezone(&VIETNAM_OFFSET).to_rfc3339(),
        "tables": tables,
    })
}

fn total_label(language: Language) -> &'static str {
    pick(("Tổng cộng", "Total"), language)
}

/// Every table one after another, each under its title, a blank line between.
fn as_csv(report: &PeriodicReport, language: Language) -> ServiceResult<Vec<u8>> {
    let failed = |e: csv::Error| ServiceError::Internal(anyhow::anyhow!("writing the report as CSV: {e}"));
    let mut out = csv::WriterBuilder::new().flexible(true).from_writer(b"\xEF\xBB\xBF".to_vec());
    for (label, value) in about(report, language) {
        out.write_record([pick(label, language), value.as_str()]).map_err(failed)?;
    }
    for table in &report.tables {
        out.write_record([""]).map_err(failed)?;
        out.write_record([table.title.read(language)]).map_err(failed)?;
        let mut heading = vec![table.label_heading.read(language).to_string()];
        heading.extend(table.columns.iter().map(|c| c.heading.read(language).to_string()));
        out.write_record(&heading).map_err(failed)?;
        let mut line = |label: &str, values: &[i64]| {
            let mut record = vec![label.to_string()];
            record.extend(values.iter().map(i64::to_string));
            out.write_record(&record)
        };
        for row in &table.rows {
            line(row.label.read(language), &row.values).map_err(failed)?;
        }
        if let Some(total) = &table.total {
            line(total_label(language), total).map_err(failed)?;
        }
    }
    out.into_inner().map_err(|e| ServiceError::Internal(anyhow::anyhow!("writing the report as CSV: {e}")))
}

/// A sheet's name: numbered, the title cut to Excel's 31 characters, without the characters
/// Excel forbids in a name.
fn sheet_name(number: usize, title: &str) -> String {
    let clean: String = title.chars().filter(|c| !"[]:*?/\\'".contains(*c)).collect();
    format!("{number}. {clean}").chars().take(31).collect()
}

fn as_xlsx(report: &PeriodicReport, language: Language) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let wrapped = Format::new().set_bold().set_text_wrap();
    let cover = workbook.add_worksheet();
    cover.set_name(pick(("Thông tin", "About"), language))?;
    for (row, (label, value)) in (0u32..).zip(about(report, language)) {
        cover.write_string_with_format(row, 0, pick(label, language), &bold)?;
        cover.write_string(row, 1, value)?;
    }
    cover.set_column_width(0, 28)?;
    cover.set_column_width(1, 90)?;
    for (number, table) in (1..).zip(&report.tables) {
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name(number, table.title.read(language)))?;
        write_table(sheet, table, language, &wrapped, &bold)?;
    }
    workbook.save_to_buffer()
}

fn write_table(
    sheet: &mut Worksheet,
    table: &Table,
    language: Language,
    heading: &Format,
    bold: &Format,
) -> Result<(), XlsxError> {
    sheet.write_string_with_format(0, 0, table.label_heading.read(language), heading)?;
    let widest = table.rows.iter().map(|r| r.label.read(language).chars().count()).max().unwrap_or(10);
    sheet.set_column_width(0, (widest.clamp(12, 60) + 2) as f64)?;
    for (col, column) in (1u16..).zip(&table.columns) {
        sheet.write_string_with_format(0, col, column.heading.read(language), heading)?;
        sheet.set_column_width(col, 16)?;
    }
    sheet.set_freeze_panes(1, 1)?;
    let mut at = 1u32;
    for row in &table.rows {
        sheet.write_string(at, 0, row.label.read(language))?;
        for (col, value) in (1u16..).zip(&row.values) {
            sheet.write_number(at, col, *value as f64)?;
        }
        at += 1;
    }
    if let Some(total) = &table.total {
        sheet.write_string_with_format(at, 0, total_label(language), bold)?;
        for (col, value) in (1u16..).zip(total) {
            sheet.write_number_with_format(at, col, *value as f64, bold)?;
        }
    }
    Ok(())
}
