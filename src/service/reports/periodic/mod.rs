//! The six-month and annual reports (Department of Home Affairs): the statistical appendix of a
//! period, counted by the database in one grouped pass and folded into tables, for administrators (everything, or one unit)
//! and monitors (their scope); written as JSON, CSV or XLSX by `files`.

pub mod files;
pub mod periods;

use chrono::{NaiveDate, NaiveDateTime};

use crate::db::reports::names;
use crate::db::reports::periodic::{self as queries, ReportFilter};
use crate::db::reports::petition_counts::{self, Breakdown};
use crate::db::{DbConnection, agencies};
use crate::domain::account::Role;
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::authorization::{self, Action, Actor};
use crate::domain::ids::AgencyId;
use crate::domain::petition::{Channel, Outcome, PetitionKind, Rating, RefusalReason};
use crate::domain::reports::periodic::{
    PeriodicReport, ReceptionFigure, Row, SupervisionFigure, Table, Words, petition_columns, reception_columns,
    supervision_columns,
};
use crate::domain::reports::periods::ReportPeriod;
use crate::domain::time::vietnam_days;
use crate::service::petitions::queues;
use crate::service::reference::{admin_units as units, categories};
use crate::service::{ServiceError, ServiceResult};

/// A report as asked for: `2026-H1` or `2026`, optionally for one unit.
#[derive(Debug, Clone, Default)]
pub struct ReportRequest {
    pub period: String,
    pub admin_unit: Option<AdminUnitCode>,
}

/// The report for whoever may read it: administrators for everything or one unit, monitors for
/// their scope (or a unit in it).
pub fn build(
    connection: &mut DbConnection,
    actor: &Actor,
    request: ReportRequest,
    now: NaiveDateTime,
    today: NaiveDate,
) -> ServiceResult<PeriodicReport> {
    let admin_unit = covered_unit(actor, request.admin_unit)?;
    if actor.role.oversees() {
        let code = admin_unit.as_ref().ok_or(ServiceError::Forbidden)?;
        let scope = queues::unit_path(connection, code, today)?;
        authorization::authorize(actor, &Action::Supervise { unit_path: &scope })
            .map_err(|_| ServiceError::Forbidden)?;
    }
    compile(connection, &request.period, admin_unit, now, today)
}

/// The report of `period` over a unit (None: everything), as the operator at the command line
/// (who holds the database) or `build` asks for it.
pub fn compile(
    connection: &mut DbConnection,
    period: &str,
    admin_unit: Option<AdminUnitCode>,
    now: NaiveDateTime,
    today: NaiveDate,
) -> ServiceResult<PeriodicReport> {
    let period = ReportPeriod::parse(period)
        .ok_or_else(|| ServiceError::invalid("period", "is a year (2026) or its first half (2026-H1)"))?;
    let unit = match &admin_unit {
        Some(code) => Some(queues::unit_path(connection, code, today)?),
        None => None,
    };
    let bounds = periods::bounds(connection, period.kind)?;
    let (from, to) = bounds
        .days(period.year)
        .map_err(|e| ServiceError::Internal(anyhow::anyhow!("the {} period cannot be used: {e:?}", period.kind)))?;
    let (start, before) = vietnam_days(from, to);
    let filter = ReportFilter { from: start, before, days: (from, to), unit, today };
    let tables = tables(connection, &filter, today)?;
    Ok(PeriodicReport {
        period,
        from,
        to,
        complete: to < today,
        basis: bounds.basis,
        admin_unit,
        generated_at: now,
        tables,
    })
}

/// The unit a report covers: an administrator's choice (everything by default), a monitor's
/// scope unless they name a unit in it; no one else reads reports.
fn covered_unit(actor: &Actor, asked: Option<AdminUnitCode>) -> ServiceResult<Option<AdminUnitCode>> {
    match actor.role {
        Role::Admin => Ok(asked),
        Role::Monitor | Role::Inspector => Ok(asked.or_else(|| actor.scope_admin_unit.clone())),
        _ => Err(ServiceError::Forbidden),
    }
}

fn tables(c: &mut DbConnection, filter: &ReportFilter, today: NaiveDate) -> ServiceResult<Vec<Table>> {
    let counted = petition_counts::petition_counts(c, filter)?;
    let by = |breakdown| counted.rows(breakdown);
    let units = by(Breakdown::Unit);
    let unit_names = names_of_units(c, &units, today)?;
    let handled = by(Breakdown::Agency);
    let agency_names = names_of_agencies(c, &handled)?;
    let categories = category_names(c)?;
    let named_in = |names: &[(String, Words)], key: &str| {
        names.iter().find(|(code, _)| code == key).map_or_else(|| Words::new(key, key), |(_, w)| w.clone())
    };
    let named_by = |words: fn(&str) -> Option<(&'static str, &'static str)>| {
        move |key: &str| words(key).map_or_else(|| Words::new(key, key), Words::of)
    };
    let mut tables = vec![
        petition_table(
            by(Breakdown::Kind),
            "by_kind",
            ("Theo loại đơn", "By kind"),
            ("Loại đơn", "Kind"),
            &named_by(|k| k.parse::<PetitionKind>().ok().map(PetitionKind::words)),
        ),
        petition_table(
            by(Breakdown::Category),
            "by_category",
            ("Theo lĩnh vực", "By category"),
            ("Lĩnh vực", "Category"),
            &|key| named_in(&categories, key),
        ),
        petition_table(
            by(Breakdown::Channel),
            "by_channel",
            ("Theo hình thức tiếp nhận", "By channel"),
            ("Hình thức", "Channel"),
            &named_by(|k| k.parse::<Channel>().ok().map(Channel::words)),
        ),
        petition_table(
            units,
            "by_admin_unit",
            ("Theo đơn vị hành chính", "By administrative unit"),
            ("Đơn vị hành chính", "Administrative unit"),
            &|key| named_in(&unit_names, key),
        ),
        petition_table(
            handled,
            "by_agency",
            ("Theo cơ quan giải quyết", "By handling agency"),
            ("Cơ quan", "Agency"),
            &|key| named_in(&agency_names, key),
        ),
        count_table(
            "refusals",
            ("Không thụ lý, theo lý do", "Refused, by reason"),
            ("Lý do", "Reason"),
            RefusalReason::ALL
                .iter()
                .map(|r| (r.as_str(), r.in_words().split_once(" / ").unwrap_or((r.as_str(), r.as_str())))),
            &counted.refusals,
        ),
        count_table(
            "outcomes",
            ("Kết quả giải quyết", "Outcomes"),
            ("Kết quả", "Outcome"),
            Outcome::ALL.iter().map(|o| (o.as_str(), o.words())),
            &counted.outcomes,
        ),
        count_table(
            "satisfaction",
            ("Mức độ hài lòng", "Satisfaction"),
            ("Đánh giá", "Rating"),
            Rating::ALL.iter().map(|r| (r.as_str(), r.words())),
            &counted.ratings,
        ),
    ];
    let rounds = &counted.complaint_rounds;
    let round = |index: usize| rounds.get(index).copied().unwrap_or(0);
    tables.push(Table::of_facts(
        "complaint_rounds",
        ("Khiếu nại lần đầu, lần hai", "First- and second-time complaints"),
        vec![
            fact("first_time_received", ("Khiếu nại lần đầu tiếp nhận", "First-time complaints received"), round(0)),
            fact("second_time_received", ("Khiếu nại lần hai tiếp nhận", "Second-time complaints received"), round(1)),
            fact(
                "first_time_appealed",
                ("Khiếu nại lần đầu đã bị khiếu nại tiếp", "First-time complaints appealed"),
                round(2),
            ),
        ],
    ));
    tables.push(supervision_table(c, filter, today)?);
    tables.push(reception_table(c, filter, today)?);
    tables.push(Table::of_facts(
        "confidentiality",
        ("Bảo vệ người tố cáo, người gửi đơn", "Protecting petitioners' identities"),
        vec![fact(
            "identities_unsealed",
            ("Số lần mở danh tính được giữ bí mật", "Sealed identities unsealed"),
            queries::identities_unsealed(c, filter)?,
        )],
    ));
    Ok(tables)
}

fn fact(key: &str, label: (&str, &str), count: i64) -> Row {
    Row { key: key.to_string(), label: Words::of(label), values: vec![count] }
}

/// A table of petitions counted per value of a breakdown (None: no agency holds them).
fn petition_table(
    counted: Vec<(Option<String>, Vec<i64>)>,
    key: &'static str,
    title: (&str, &str),
    label_heading: (&str, &str),
    label: &dyn Fn(&str) -> Words,
) -> Table {
    let rows = counted
        .into_iter()
        .map(|(code, values)| {
            let label = code.as_deref().map_or_else(|| Words::new("Chưa giao cơ quan", "Not assigned"), label);
            Row { key: code.unwrap_or_default(), label, values }
        })
        .collect();
    Table::of_parts(key, title, label_heading, petition_columns(), rows)
}

/// A table of one count per code, the codes given in order with their names; codes nothing was
/// counted for are left out.
fn count_table<'a>(
    key: &'static str,
    title: (&str, &str),
    label_heading: (&str, &str),
    codes: impl Iterator<Item = (&'a str, (&'a str, &'a str))>,
    counts: &[i64],
) -> Table {
    let rows = codes
        .zip(counts)
        .filter(|(_, n)| **n > 0)
        .map(|((code, words), n)| Row { key: code.to_string(), label: Words::of(words), values: vec![*n] })
        .collect();
    let columns = vec![crate::domain::reports::periodic::Column::new("count", ("Số lượng", "Count"))];
    Table::of_parts(key, title, label_heading, columns, rows)
}

fn category_names(c: &mut DbConnection) -> ServiceResult<Vec<(String, Words)>> {
    Ok(categories::list(c)?
        .into_iter()
        .map(|cat| (cat.code.to_string(), Words::new(cat.name_vi, cat.name_en)))
        .collect())
}

/// The names of the units the rows count, in one query.
fn names_of_units(
    c: &mut DbConnection,
    rows: &[(Option<String>, Vec<i64>)],
    today: NaiveDate,
) -> ServiceResult<Vec<(String, Words)>> {
    let codes: Vec<&str> = rows.iter().filter_map(|(code, _)| code.as_deref()).collect();
    Ok(names::units(c, &codes, today)?.into_iter().map(|(code, name)| (code, Words::new(name.clone(), name))).collect())
}

/// The names of the agencies the rows count, in one query.
fn names_of_agencies(c: &mut DbConnection, rows: &[(Option<String>, Vec<i64>)]) -> ServiceResult<Vec<(String, Words)>> {
    let ids: Vec<&str> = rows.iter().filter_map(|(id, _)| id.as_deref()).collect();
    Ok(names::agencies(c, &ids)?
        .into_iter()
        .map(|(id, (name, name_en))| {
            let en = name_en.unwrap_or_else(|| name.clone());
            (id, Words::new(name, en))
        })
        .collect())
}

/// The agency `id` names, when it serves a unit within the report's: the rows of the tables
/// counted per agency keep only those.
fn agency_within(
    c: &mut DbConnection,
    filter: &ReportFilter,
    id: &str,
    today: NaiveDate,
) -> ServiceResult<Option<crate::domain::agency::Agency>> {
    let Some(agency) = agencies::find(c, &AgencyId::from_stored(id.to_string()))? else { return Ok(None) };
    if let Some(code) = filter.unit.as_ref().and_then(|unit| unit.codes().last()) {
        let path = units::path_or_unit(c, agency.admin_unit_code.as_str(), today)?;
        if !path.includes(code) {
            return Ok(None);
        }
    }
    Ok(Some(agency))
}

fn words_of(agency: crate::domain::agency::Agency) -> Words {
    let en = agency.name_en.clone().unwrap_or_else(|| agency.name.clone());
    Words::new(agency.name, en)
}

/// The supervision records of the period, per agency within the report's unit.
fn supervision_table(c: &mut DbConnection, filter: &ReportFilter, today: NaiveDate) -> ServiceResult<Table> {
    let mut rows = Vec::new();
    for (id, values) in queries::supervision_by_agency(c, filter)? {
        let Some(agency) = agency_within(c, filter, &id, today)? else { continue };
        rows.push(Row { key: id, label: words_of(agency), values });
    }
    debug_assert!(rows.iter().all(|r| r.values.len() == SupervisionFigure::ALL.len()));
    Ok(Table::of_parts(
        "supervision",
        // Both bodies' records: the Front's supervision and the steering committees' inspection.
        (
            "Giám sát của Mặt trận Tổ quốc và kiểm tra của Ban chỉ đạo thực hiện Quy chế dân chủ",
            "Supervision by the Fatherland Front and inspection by the steering committees",
        ),
        ("Cơ quan", "Agency"),
        supervision_columns(),
        rows,
    ))
}

/// The citizen-reception sessions on the period's days, per agency (its head) and month, within
/// the report's unit.
fn reception_table(c: &mut DbConnection, filter: &ReportFilter, today: NaiveDate) -> ServiceResult<Table> {
    let mut by_month: std::collections::BTreeMap<(String, String), Vec<i64>> = std::collections::BTreeMap::new();
    for ((agency, day), values) in queries::reception_by_agency_day(c, filter.days.0, filter.days.1)? {
        let month = day.get(..7).unwrap_or(&day).to_string();
        let sums = by_month.entry((agency, month)).or_insert_with(|| vec![0; ReceptionFigure::ALL.len()]);
        for (sum, value) in sums.iter_mut().zip(values) {
            *sum += value;
        }
    }
    let mut rows = Vec::new();
    for ((id, month), values) in by_month {
        let Some(agency) = agency_within(c, filter, &id, today)? else { continue };
        let Words { vi, en } = words_of(agency);
        let label = Words::new(format!("{vi} — tháng {month}"), format!("{en} — {month}"));
        rows.push(Row { key: format!("{id}/{month}"), label, values });
    }
    Ok(Table::of_parts(
        "citizen_reception",
        ("Tiếp công dân định kỳ của người đứng đầu, theo tháng", "Heads' citizen-reception sessions, by month"),
        ("Cơ quan — tháng", "Agency — month"),
        reception_columns(),
        rows,
    ))
}
