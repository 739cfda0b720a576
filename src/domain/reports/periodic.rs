//! The six-month and annual reports' statistical appendix as tables: what each counts, its
//! headings in Vietnamese and English, and totals that are the sums of their rows.

use chrono::{NaiveDate, NaiveDateTime};

use super::periods::ReportPeriod;
use crate::domain::account::Language;
use crate::domain::admin_unit::AdminUnitCode;

/// Words in both languages; a report is written in one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    pub vi: String,
    pub en: String,
}

impl Words {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Words { vi: vi.into(), en: en.into() }
    }

    pub fn of(words: (&str, &str)) -> Self {
        Words::new(words.0, words.1)
    }

    pub fn read(&self, language: Language) -> &str {
        match language {
            Language::Vietnamese => &self.vi,
            Language::English => &self.en,
        }
    }
}

crate::text_enum! {
    /// What the petition tables count, per row, of the petitions received in the period.
    pub enum PetitionFigure {
        Received => "received",
        Accepted => "accepted",
        Refused => "refused",
        Transferred => "transferred",
        Withdrawn => "withdrawn",
        Merged => "merged",
        Resolved => "resolved",
        ResolvedOnTime => "resolved_on_time",
        ResolvedLate => "resolved_late",
        OpenWithinDeadline => "open_within_deadline",
        OpenOverdue => "open_overdue",
    }
}

impl PetitionFigure {
    pub fn heading(self) -> (&'static str, &'static str) {
        match self {
            PetitionFigure::Received => ("Tiếp nhận", "Received"),
            PetitionFigure::Accepted => ("Thụ lý", "Accepted"),
            PetitionFigure::Refused => ("Không thụ lý", "Refused"),
            PetitionFigure::Transferred => ("Chuyển đơn", "Transferred"),
            PetitionFigure::Withdrawn => ("Rút đơn", "Withdrawn"),
            PetitionFigure::Merged => ("Gộp đơn trùng", "Merged as duplicates"),
            PetitionFigure::Resolved => ("Đã giải quyết", "Resolved"),
            PetitionFigure::ResolvedOnTime => ("Giải quyết đúng hạn", "Resolved on time"),
            PetitionFigure::ResolvedLate => ("Giải quyết quá hạn", "Resolved late"),
            PetitionFigure::OpenWithinDeadline => ("Đang giải quyết trong hạn", "Open within deadline"),
            PetitionFigure::OpenOverdue => ("Đang giải quyết quá hạn", "Open and overdue"),
        }
    }
}

crate::text_enum! {
    /// What the supervision table counts, per agency, of the records made in the period. The
    /// order is the order of the columns the queries fill.
    pub enum SupervisionFigure {
        FindingsRecorded => "findings_recorded",
        RecommendationsIssued => "recommendations_issued",
        RecommendationsAnswered => "recommendations_answered",
        RecommendationsOverdue => "recommendations_overdue",
        RecommendationsRemedied => "recommendations_remedied",
        RecommendationsEscalated => "recommendations_escalated",
        ClosuresChecked => "closures_checked",
        ClosuresContested => "closures_contested",
    }
}

impl SupervisionFigure {
    pub fn heading(self) -> (&'static str, &'static str) {
        match self {
            SupervisionFigure::FindingsRecorded => ("Phát hiện giám sát", "Findings recorded"),
            SupervisionFigure::RecommendationsIssued => ("Kiến nghị sau giám sát", "Recommendations issued"),
            SupervisionFigure::RecommendationsAnswered => ("Kiến nghị đã được trả lời", "Recommendations answered"),
            SupervisionFigure::RecommendationsOverdue => ("Kiến nghị trả lời quá hạn", "Recommendations overdue"),
            SupervisionFigure::RecommendationsRemedied => ("Kiến nghị đã khắc phục xong", "Recommendations remedied"),
            SupervisionFigure::RecommendationsEscalated => ("Kiến nghị chuyển cấp trên", "Recommendations escalated"),
            SupervisionFigure::ClosuresChecked => ("Đơn được kiểm tra kết quả", "Closures checked"),
            SupervisionFigure::ClosuresContested => ("Kết quả không đúng thực tế", "Closures contested"),
        }
    }
}

crate::text_enum! {
    /// What the citizen-reception table counts, per agency and month, of the sessions held on
    /// days of the period. The order is the order of the columns the queries fill.
    pub enum ReceptionFigure {
        HeldByHead => "held_by_head",
        HeldByDeputy => "held_by_deputy",
        NotHeld => "not_held",
        CitizensReceived => "citizens_received",
        PetitionsReceived => "petitions_received",
    }
}

impl ReceptionFigure {
    pub fn heading(self) -> (&'static str, &'static str) {
        match self {
            ReceptionFigure::HeldByHead => ("Buổi người đứng đầu trực tiếp tiếp", "Sessions held by the head"),
            ReceptionFigure::HeldByDeputy => ("Buổi cấp phó được ủy quyền tiếp", "Sessions held by a deputy"),
            ReceptionFigure::NotHeld => ("Buổi không tổ chức", "Sessions not held"),
            ReceptionFigure::CitizensReceived => ("Lượt công dân được tiếp", "Citizens received"),
            ReceptionFigure::PetitionsReceived => ("Đơn tiếp nhận tại buổi tiếp", "Petitions received"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub key: String,
    pub heading: Words,
}

impl Column {
    pub fn new(key: &str, heading: (&str, &str)) -> Self {
        Column { key: key.to_string(), heading: Words::of(heading) }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The code the row stands for (a kind, a category code, an agency id …).
    pub key: String,
    pub label: Words,
    pub values: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub key: &'static str,
    pub title: Words,
    /// The heading of the column that names each row.
    pub label_heading: Words,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// Each column's sum over the rows; None where rows are not parts of one whole.
    pub total: Option<Vec<i64>>,
}

impl Table {
    /// A table whose rows are parts of one whole, so its total is their sum.
    pub fn of_parts(
        key: &'static str,
        title: (&str, &str),
        label_heading: (&str, &str),
        columns: Vec<Column>,
        rows: Vec<Row>,
    ) -> Self {
        let mut total = vec![0; columns.len()];
        for row in &rows {
            for (sum, value) in total.iter_mut().zip(&row.values) {
                *sum += value;
            }
        }
        Table {
            key,
            title: Words::of(title),
            label_heading: Words::of(label_heading),
            columns,
            rows,
            total: Some(total),
        }
    }

    /// A table of separate facts, one count each: no total.
    pub fn of_facts(key: &'static str, title: (&str, &str), rows: Vec<Row>) -> Self {
        Table {
            key,
            title: Words::of(title),
            label_heading: Words::new("Nội dung", "Item"),
            columns: vec![Column::new("count", ("Số lượng", "Count"))],
            rows,
            total: None,
        }
    }
}

/// The columns of the petition tables.
pub fn petition_columns() -> Vec<Column> {
    PetitionFigure::ALL.iter().map(|f| Column::new(f.as_str(), f.heading())).collect()
}

/// The columns of the supervision table.
pub fn supervision_columns() -> Vec<Column> {
    SupervisionFigure::ALL.iter().map(|f| Column::new(f.as_str(), f.heading())).collect()
}

/// The columns of the citizen-reception table.
pub fn reception_columns() -> Vec<Column> {
    ReceptionFigure::ALL.iter().map(|f| Column::new(f.as_str(), f.heading())).collect()
}

/// The statistical appendix of one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodicReport {
    pub period: ReportPeriod,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// False while the period has not ended: the figures are to date.
    pub complete: bool,
    /// Where the period's days come from.
    pub basis: String,
    /// The unit the report covers (None: everything).
    pub admin_unit: Option<AdminUnitCode>,
    pub generated_at: NaiveDateTime,
    pub tables: Vec<Table>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_of_parts_totals_each_column_and_a_table_of_facts_does_not() {
        let row = |key: &str, values: Vec<i64>| Row { key: key.into(), label: Words::new(key, key), values };
        let columns = vec![Column::new("a", ("A", "A")), Column::new("b", ("B", "B"))];
        let parts =
            Table::of_parts("t", ("T", "T"), ("K", "K"), columns, vec![row("x", vec![1, 2]), row("y", vec![3, 4])]);
        assert_eq!(parts.total, Some(vec![4, 6]));
        assert_eq!(Table::of_facts("f", ("F", "F"), vec![row("x", vec![1])]).total, None);
    }
}
