//! The volume fill the harnesses share: the database itself generates the petitions
//! (`INSERT … SELECT` over a number series, 50,000 a statement and a transaction), so a million
//! take minutes, not the time of a million bound rows. Every kind, the categories, units and
//! agencies the migrations installed, every channel, statuses across the workflow with the columns
//! each status has, received over the two years before today; each petition has its
//! `petition.filed` event and, once answered, its `petition.resolved`; about 4% were transferred,
//! about 6% of the answered first-time complaints appealed. With `correspondence`, also messages
//! between petitioner and agency and the e-mails pakn sent (a receipt each, an answer notice once
//! answered), so the tables a running pakn writes to are as large as the petitions imply.
//!
//! Tracking codes are `BENCH` and the row number (`tracking_code(n)`), which the public status
//! page refuses (no check symbol): a harness that looks codes up gives some petitions real ones
//! afterwards (see `proof.rs`).

use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use pakn::db::DbConnection;
use pakn::domain::petition::Channel;

/// Petitions an `INSERT … SELECT` and a transaction.
pub const CHUNK: usize = 50_000;
/// The received dates span this many days, ending yesterday.
pub const SPAN_DAYS: usize = 730;
/// The newest petitions, received within this many days, are mostly still open.
pub const RECENT_DAYS: usize = 45;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// The few expressions the two databases spell differently.
impl Dialect {
    pub fn of(connection: &DbConnection) -> Self {
        match connection {
            DbConnection::Sqlite(_) => Dialect::Sqlite,
            DbConnection::Postgres(_) => Dialect::Postgres,
        }
    }

    /// A subquery of one column `i`, the integers [from, to).
    fn series(self, from: usize, to: usize) -> String {
        match self {
            Dialect::Sqlite => format!(
                "WITH RECURSIVE s(i) AS (SELECT {from} UNION ALL SELECT i + 1 FROM s WHERE i < {}) SELECT i FROM s",
                to - 1
            ),
            Dialect::Postgres => format!("SELECT generate_series({from}::bigint, {}::bigint) AS i", to - 1),
        }
    }

    /// A fresh random UUID, as text.
    fn uuid(self) -> &'static str {
        match self {
            Dialect::Sqlite => {
                "lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) \
                 || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"
            }
            Dialect::Postgres => "CAST(gen_random_uuid() AS TEXT)",
        }
    }

    /// The instant `seconds` after the instant `at`.
    fn plus_seconds(self, at: &str, seconds: &str) -> String {
        match self {
            Dialect::Sqlite => format!("datetime({at}, '+' || ({seconds}) || ' seconds')"),
            Dialect::Postgres => format!("({at} + ({seconds}) * INTERVAL '1 second')"),
        }
    }

    /// The day `days` after the instant `at`'s day.
    fn day_plus(self, at: &str, days: &str) -> String {
        match self {
            Dialect::Sqlite => format!("date({at}, '+' || ({days}) || ' days')"),
            Dialect::Postgres => format!("(CAST({at} AS DATE) + CAST({days} AS INTEGER))"),
        }
    }

    fn instant(self, at: NaiveDateTime) -> String {
        let text = at.format("%Y-%m-%d %H:%M:%S");
        match self {
            Dialect::Sqlite => format!("'{text}'"),
            Dialect::Postgres => format!("TIMESTAMP '{text}'"),
        }
    }
}

pub fn tracking_code(n: usize) -> String {
    format!("'BENCH{n:010}'")
}

/// `CASE {index} WHEN 0 THEN 'a' WHEN 1 THEN 'b' … END`.
fn pick(index: &str, values: &[String]) -> String {
    let arms: Vec<String> =
        values.iter().enumerate().map(|(k, v)| format!("WHEN {k} THEN '{}'", v.replace('\'', "''"))).collect();
    format!("CASE {index} {} END", arms.join(" "))
}

/// What the migrations installed, read from their tables.
struct Reference {
    categories: Vec<String>,
    units: Vec<(String, String)>,
    agencies: Vec<String>,
}

#[derive(QueryableByName)]
struct Code {
    #[diesel(sql_type = Text)]
    code: String,
}

fn reference(connection: &mut DbConnection, today: NaiveDate) -> Reference {
    let mut codes = |sql: &str| -> Vec<String> {
        diesel::sql_query(sql).load::<Code>(connection).expect(sql).into_iter().map(|c| c.code).collect()
    };
    let categories = codes("SELECT code FROM categories ORDER BY code");
    let agencies = codes("SELECT id AS code FROM agencies WHERE valid_to IS NULL ORDER BY code");
    let communes = codes("SELECT code FROM admin_units WHERE level = 'commune' AND valid_to IS NULL ORDER BY code");
    let units = communes
        .into_iter()
        .map(|code| {
            let path = pakn::service::reference::admin_units::path_of(connection, &code, today)
                .expect("a unit's path")
                .expect("a unit in force");
            (code, path.as_str().to_string())
        })
        .collect();
    Reference { categories, units, agencies }
}

/// The INSERT of petitions [from, to) of `count`, received `spacing` seconds apart from `start`.
fn petitions_sql(d: Dialect, r: &Reference, (from, to): (usize, usize), count: usize, start: NaiveDateTime) -> String {
    let spacing = SPAN_DAYS * 86_400 / count;
    let recent_from = count - count * RECENT_DAYS / SPAN_DAYS;
    let channels: Vec<String> = Channel::ALL.iter().map(|c| c.as_str().to_string()).collect();
    // Web and mobile carry most petitions; every channel some.
    let channel_weights: Vec<String> = channels
        .iter()
        .flat_map(|c| std::iter::repeat_n(c.clone(), if c == "web" || c == "mobile" { 4 } else { 1 }))
        .collect();
    let (unit_codes, unit_paths): (Vec<String>, Vec<String>) = r.units.iter().cloned().unzip();
    // Two multiplicative hashes of the row number: the status and the rest do not follow the kind.
    let a = format!(
        "SELECT i, {received} AS received_at, (i * 2654435761 % 4294967296) / 16777216 % 100 AS r, \
         (i * 2246822519 % 4294967296) / 65536 % 1000 AS s, \
         CASE i % 4 WHEN 0 THEN 'complaint' WHEN 1 THEN 'denunciation' WHEN 2 THEN 'feedback' ELSE 'proposal' END AS kind \
         FROM ({series}) AS n",
        received = d.plus_seconds(&d.instant(start), &format!("i * {spacing}")),
        series = d.series(from, to),
    );
    let b = format!(
        "SELECT a.*, CASE WHEN i >= {recent_from} THEN \
           CASE WHEN r < 18 THEN 'received' WHEN r < 22 THEN 'transferred' WHEN r < 40 THEN 'accepted' \
           WHEN r < 75 THEN 'in_progress' WHEN r < 78 THEN 'suspended' WHEN r < 88 THEN 'resolved' \
           WHEN r < 93 THEN 'refused' WHEN r < 97 THEN 'withdrawn' ELSE 'merged' END \
         ELSE \
           CASE WHEN r < 2 THEN 'in_progress' WHEN r < 3 THEN 'suspended' WHEN r < 4 THEN 'accepted' \
           WHEN r < 9 THEN 'refused' WHEN r < 12 THEN 'withdrawn' WHEN r < 13 THEN 'merged' \
           WHEN r < 25 THEN 'resolved' ELSE 'closed' END \
         END AS status, 5 + s % 40 AS d FROM ({a}) AS a"
    );
    let accepted = "(status IN ('accepted', 'in_progress', 'suspended', 'resolved', 'closed') \
                    OR (status = 'withdrawn' AND s % 2 = 0))";
    let resolved = "status IN ('resolved', 'closed')";
    let category = pick(&format!("(i / 4 + s) % {}", r.categories.len()), &r.categories);
    let unit = format!("(s * 7 + i / 16) % {}", r.units.len());
    let columns = [
        ("id", d.uuid().to_string()),
        ("tracking_code", format!("'BENCH' || {}", pad(d, "i"))),
        ("kind", "kind".into()),
        ("category_code", category.clone()),
        ("title", "'Phản ánh số ' || i || ' tại khu dân cư'".into()),
        ("description", "'Rác thải và nước thải chảy ra đường phố gây ô nhiễm kéo dài nhiều tuần.'".into()),
        ("search_text", format!("'phan anh so ' || i || ' tai khu dan cu ' || {category}")),
        ("admin_unit_code", pick(&unit, &unit_codes)),
        ("admin_unit_path", pick(&unit, &unit_paths)),
        ("confidential", "(kind = 'denunciation' AND s % 3 <> 2)".into()),
        ("language", "'vi'".into()),
        ("channel", pick(&format!("s % {}", channel_weights.len()), &channel_weights)),
        ("status", "status".into()),
        (
            "outcome",
            format!(
                "CASE WHEN {resolved} THEN CASE WHEN kind IN ('complaint', 'denunciation') THEN \
                 CASE s % 3 WHEN 0 THEN 'upheld' WHEN 1 THEN 'partly_upheld' ELSE 'rejected' END ELSE 'answered' END END"
            ),
        ),
        ("assigned_agency_id", pick(&format!("(i / 2 + s * 3) % {}", r.agencies.len()), &r.agencies)),
        ("received_at", "received_at".into()),
        ("acceptance_due", d.day_plus("received_at", "10")),
        ("resolution_due", format!("CASE WHEN {accepted} THEN {} END", d.day_plus("received_at", "32"))),
        ("resolution_period_end", format!("CASE WHEN {accepted} THEN {} END", d.day_plus("received_at", "32"))),
        ("created_at", "received_at".into()),
        ("updated_at", "received_at".into()),
        ("version", "1".into()),
        ("round", "CASE WHEN kind = 'complaint' AND s % 10 = 3 THEN 'second' ELSE 'first' END".into()),
        ("accepted_at", format!("CASE WHEN {accepted} THEN {} END", d.plus_seconds("received_at", "172800 + s * 60"))),
        ("reached_agency_at", "received_at".into()),
        (
            "refusal_reason",
            "CASE WHEN status = 'refused' THEN CASE WHEN kind = 'denunciation' AND s % 3 = 0 THEN 'anonymous_denunciation' \
             WHEN kind = 'complaint' AND s % 3 = 0 THEN 'complaint_time_expired' ELSE CASE s % 4 WHEN 0 THEN \
             'not_within_competence' WHEN 1 THEN 'content_not_specific' WHEN 2 THEN 'already_resolved' \
             ELSE 'under_court_jurisdiction' END END END"
                .into(),
        ),
        ("refusal_explanation", "CASE WHEN status = 'refused' THEN 'Không đủ điều kiện thụ lý.' END".into()),
        ("resolved_at", format!("CASE WHEN {resolved} THEN {} END", d.plus_seconds("received_at", "(2 + d) * 86400"))),
        ("days_to_resolve", format!("CASE WHEN {resolved} THEN d END")),
        // pakn reads an answered petition only whole: outcome, answer, resolved_at and days together.
        ("answer", format!("CASE WHEN {resolved} THEN 'Cơ quan đã xem xét và trả lời nội dung đơn.' END")),
        ("resolved_on_time", format!("CASE WHEN {resolved} THEN (d <= 30) END")),
        ("closed_at", format!("CASE WHEN status = 'closed' THEN {} END", d.plus_seconds("received_at", "(12 + d) * 86400"))),
        (
            "rating",
            "CASE WHEN status = 'closed' THEN CASE s % 5 WHEN 0 THEN 'satisfied' WHEN 1 THEN 'satisfied' \
             WHEN 2 THEN 'acceptable' WHEN 3 THEN 'dissatisfied' END END"
                .into(),
        ),
        (
            "next_due",
            format!(
                "CASE WHEN status IN ('received', 'transferred') THEN {} WHEN status IN ('accepted', 'in_progress') THEN {} END",
                d.day_plus("received_at", "10"),
                d.day_plus("received_at", "32")
            ),
        ),
        (
            "next_sweep_on",
            format!(
                "CASE WHEN status IN ('received', 'transferred') THEN {} WHEN status IN ('accepted', 'in_progress') THEN {} END",
                d.day_plus("received_at", "10"),
                d.day_plus("received_at", "32")
            ),
        ),
    ];
    let names: Vec<&str> = columns.iter().map(|(name, _)| *name).collect();
    let values: Vec<&str> = columns.iter().map(|(_, value)| value.as_str()).collect();
    format!("INSERT INTO petitions ({}) SELECT {} FROM ({b}) AS b", names.join(", "), values.join(", "))
}

fn pad(d: Dialect, n: &str) -> String {
    match d {
        Dialect::Sqlite => format!("printf('%010d', {n})"),
        Dialect::Postgres => format!("lpad(CAST({n} AS TEXT), 10, '0')"),
    }
}

/// The events of petitions [from, to): filed; transferred (ids starting 00–09, about 4%);
/// resolved; first-time answered complaints appealed (ids from f0, about 6%); a few reopened.
fn events_sql(d: Dialect, (from, to): (usize, usize)) -> String {
    let range = format!("tracking_code >= {} AND tracking_code < {}", tracking_code(from), tracking_code(to));
    let uuid = d.uuid();
    let insert = |kind: &str, at: &str, seq: u8, visibility: &str, condition: &str| {
        format!(
            "INSERT INTO events (id, occurred_at, actor_id, kind, subject_type, subject_id, data, visibility, note, seq) \
             SELECT {uuid}, {at}, NULL, '{kind}', 'petition', id, '{{\"channel\":\"' || channel || '\"}}', '{visibility}', NULL, {seq} \
             FROM petitions WHERE {range}{condition};\n"
        )
    };
    [
        insert("petition.filed", "received_at", 1, "public", ""),
        insert("petition.transferred", &d.plus_seconds("received_at", "86400"), 2, "public", " AND id < '0a'"),
        insert("petition.resolved", "resolved_at", 3, "public", " AND resolved_at IS NOT NULL"),
        insert(
            "petition.appealed",
            &d.plus_seconds("resolved_at", "864000"),
            4,
            "public",
            " AND kind = 'complaint' AND round = 'first' AND resolved_at IS NOT NULL AND id >= 'f0'",
        ),
        insert(
            "petition.reopened",
            &d.plus_seconds("resolved_at", "86400"),
            5,
            "internal",
            " AND resolved_at IS NOT NULL AND id >= 'ff'",
        ),
    ]
    .concat()
}

/// The correspondence of petitions [from, to): about a third of the petitions past intake had an
/// information request from their agency and the petitioner's answer, a few a staff note; every
/// petition its receipt e-mail, every answered one the e-mail telling its answer, all sent.
fn correspondence_sql(d: Dialect, (from, to): (usize, usize)) -> String {
    let range = format!("tracking_code >= {} AND tracking_code < {}", tracking_code(from), tracking_code(to));
    let uuid = d.uuid();
    let message = |seq: u8, sender: &str, purpose: &str, body: &str, internal: &str, condition: &str| {
        format!(
            "INSERT INTO petition_messages (id, petition_id, seq, author_id, sender, purpose, body, internal, created_at) \
             SELECT {uuid}, id, {seq}, NULL, '{sender}', '{purpose}', '{body}', {internal}, {at} \
             FROM petitions WHERE {range} AND status NOT IN ('received', 'transferred'){condition};\n",
            at = d.plus_seconds("received_at", &format!("{seq} * 86400 + 3600")),
        )
    };
    let email = |subject: &str, at: &str, condition: &str| {
        format!(
            "INSERT INTO outbox_emails (id, to_address, to_name, subject, body_text, body_html, status, attempts, \
             next_attempt_at, lease_owner, lease_expires_at, last_error, created_at, sent_at, recipient_hidden, erased_at) \
             SELECT {uuid}, 'congdan-' || substr(id, 1, 8) || '@example.invalid', NULL, '{subject} ' || tracking_code, \
             'Kính gửi công dân, đơn ' || tracking_code || ' của bạn: xem tại https://pakn.example/track/' || tracking_code, \
             '<p>Kính gửi công dân, đơn <b>' || tracking_code || '</b> của bạn.</p>', 'sent', 1, {at}, NULL, NULL, NULL, \
             {at}, {at}, confidential, NULL FROM petitions WHERE {range}{condition};\n"
        )
    };
    [
        message(
            1,
            "agency",
            "information_request",
            "Đề nghị bổ sung bản sao giấy tờ liên quan.",
            "FALSE",
            " AND id < '55'",
        ),
        message(2, "petitioner", "message", "Tôi xin gửi bổ sung giấy tờ như yêu cầu.", "FALSE", " AND id < '55'"),
        message(3, "agency", "message", "Ghi chú nội bộ: đã xác minh tại chỗ.", "TRUE", " AND id < '10'"),
        email("Đơn đã được tiếp nhận", "received_at", ""),
        email("Đơn đã có kết quả", "resolved_at", " AND resolved_at IS NOT NULL"),
    ]
    .concat()
}

pub fn fill(
    connection: &mut DbConnection,
    count: usize,
    start: NaiveDateTime,
    today: NaiveDate,
    correspondence: bool,
) -> Duration {
    let d = Dialect::of(connection);
    let r = reference(connection, today);
    println!(
        "  reference data: {} categories, {} communes, {} agencies, {} channels",
        r.categories.len(),
        r.units.len(),
        r.agencies.len(),
        Channel::ALL.len()
    );
    let started = Instant::now();
    for from in (0..count).step_by(CHUNK) {
        let range = (from, (from + CHUNK).min(count));
        let mut sql = format!("{};\n{}", petitions_sql(d, &r, range, count, start), events_sql(d, range));
        if correspondence {
            sql.push_str(&correspondence_sql(d, range));
        }
        pakn::db::transaction(connection, |c| c.batch_execute(&sql)).expect("a chunk of petitions");
        if (from / CHUNK) % 4 == 3 {
            println!("  … {} petitions after {:.0} s", range.1, started.elapsed().as_secs_f64());
        }
    }
    if d == Dialect::Postgres {
        // What autovacuum does to tables at rest; one statement a call (VACUUM refuses a transaction).
        for table in ["petitions", "events", "petition_messages", "outbox_emails"] {
            connection.batch_execute(&format!("VACUUM ANALYZE {table}")).expect("statistics");
        }
    } else {
        connection.batch_execute("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE").expect("a checkpoint");
    }
    started.elapsed()
}

/// `BENCH_REUSE=1`: measure the database an earlier run filled rather than filling it again.
pub fn reuse_requested() -> bool {
    std::env::var("BENCH_REUSE").is_ok_and(|v| v == "1")
}

/// How many rows a table holds (the petitions an earlier run filled, under `BENCH_REUSE`).
pub fn rows_in(connection: &mut DbConnection, table: &str) -> i64 {
    #[derive(QueryableByName)]
    struct Total {
        #[diesel(sql_type = BigInt)]
        n: i64,
    }
    diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {table}")).get_result::<Total>(connection).expect("a count").n
}
