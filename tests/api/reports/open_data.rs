//! The open data: every public petition as CSV and JSON, nothing else, and every public figure
//! recomputed from the CSV alone.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta};
use serde_json::{Value, json};

use super::public_statistics::hand_built_set;
use crate::helpers::{ManualClock, TestApp, spawn_app_with_clock};
use crate::petitions::NOW;
use crate::workflow::people;
use pakn::service::shutdown::Shutdown;

fn export(app: &TestApp) -> Option<usize> {
    app.with_connection(|c| pakn::service::reports::open_data::export_if_due(c, &app.context, &Shutdown::default()))
        .unwrap()
}

/// The figures of `/api/v1/public/stats` for one group, recomputed from CSV rows.
fn recompute(rows: &[BTreeMap<String, String>], now: DateTime<chrono::FixedOffset>) -> Value {
    let count = |test: &dyn Fn(&BTreeMap<String, String>) -> bool| rows.iter().filter(|r| test(r)).count();
    let is = |column: &'static str, value: &'static str| move |r: &BTreeMap<String, String>| r[column] == value;
    let set = |column: &'static str| move |r: &BTreeMap<String, String>| !r[column].is_empty();
    let age =
        |r: &BTreeMap<String, String>| (now - DateTime::parse_from_rfc3339(&r["received_at"]).unwrap()).num_days();
    let open_aged = |low: i64, high: i64| count(&|r| r["open"] == "true" && (low..high).contains(&age(r)));
    let mut days: Vec<i64> =
        rows.iter().filter(|r| set("days_to_resolve")(r)).map(|r| r["days_to_resolve"].parse().unwrap()).collect();
    days.sort();
    let rank = |percent: usize| (!days.is_empty()).then(|| days[(percent * days.len()).div_ceil(100) - 1]);
    json!({
        "received": rows.len(),
        "accepted": count(&set("accepted_at")),
        "refused": count(&is("status", "refused")),
        "resolved": count(&set("resolved_at")),
        "resolved_on_time": count(&is("resolved_on_time", "true")),
        "resolved_late": count(&is("resolved_on_time", "false")),
        "open": count(&is("open", "true")),
        "overdue_now": count(&is("overdue", "true")),
        "open_by_age": {
            "under_30_days": open_aged(0, 30),
            "from_30_to_89_days": open_aged(30, 90),
            "from_90_to_179_days": open_aged(90, 180),
            "from_180_days": open_aged(180, i64::MAX),
        },
        "days_to_resolve": { "median": rank(50), "p90": rank(90) },
        "satisfaction": {
            "rated": count(&set("rating")),
            "satisfied": count(&is("rating", "satisfied")),
            "acceptable": count(&is("rating", "acceptable")),
            "dissatisfied": count(&is("rating", "dissatisfied")),
        },
        "reopened": count(&is("reopened", "true")),
        "closures_checked": count(&set("closure_check")),
        "closures_contested": count(&is("closure_check", "contested")),
    })
}

#[actix_web::test]
async fn the_public_figures_are_recomputed_from_the_open_data_alone() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone()).await;
    let p = people(&app).await;
    hand_built_set(&app, &p, &clock).await;
    // A monitor's closure check contests the one answer.
    let monitor = app.staff(&p.admin, "monitor", json!({ "scope_admin_unit": "46" })).await;
    let ask =
        json!({ "agency_id": p.triage, "resolved_from": "2026-11-26", "resolved_to": "2026-11-26", "sample_size": 5 });
    let check = app.send_json_as(&monitor.access_token, "POST", "/api/v1/oversight/closure-checks", &ask).await.json();
    let contested = json!({ "petition_id": check["sample"][0]["petition_id"], "verdict": "contested", "note": "Đèn vẫn chưa sáng khi kiểm tra." });
    let path = format!("/api/v1/oversight/closure-checks/{}/verdicts", check["id"].as_str().unwrap());
    assert_eq!(app.send_json_as(&monitor.access_token, "POST", &path, &contested).await.status, 200);
    clock.advance(TimeDelta::days(60));
    assert_eq!(export(&app), Some(3), "the three public petitions");
    assert_eq!(export(&app), None, "once a day");

    let listed = app.get("/api/v1/public/open-data").await;
    assert_eq!(listed.status, 200);
    let files = listed.json()["items"].as_array().unwrap().clone();
    let names: Vec<&str> = files.iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["petitions-2027-01-25.csv", "petitions-2027-01-25.json"]);

    let csv = app.get(files[0]["url"].as_str().unwrap()).await;
    assert_eq!((csv.status, csv.content_type()), (200, "text/csv; charset=utf-8"));
    let text = String::from_utf8(csv.body.clone()).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<BTreeMap<String, String>> = reader
        .records()
        .map(|record| header.iter().cloned().zip(record.unwrap().iter().map(String::from)).collect())
        .collect();
    for secret in ["Đèn đường hỏng", "nguoi.dan", "bí mật", "Gửi nhầm", "denunciation", "Tố cáo"] {
        assert!(!text.contains(secret), "{secret} must not be in the open data");
    }
    let json = app.get(files[1]["url"].as_str().unwrap()).await;
    assert_eq!(json.json().as_array().map(Vec::len), Some(rows.len()));

    let stats = app.get("/api/v1/public/stats?from=2026-11-01&to=2026-11-30").await.json();
    let now = DateTime::parse_from_rfc3339("2027-01-25T10:03:00+07:00").unwrap();
    let mut total = stats["total"].clone();
    for not_counted in ["refused_by_reason", "rates"] {
        total.as_object_mut().unwrap().remove(not_counted);
    }
    assert_eq!(total, recompute(&rows, now));
    assert_eq!(total["closures_contested"], 1);
    let by_agency = &stats["by_agency"][0];
    let of_agency: Vec<_> = rows
        .iter()
        .filter(|r| r["assigned_agency_id"] == by_agency["agency"]["id"].as_str().unwrap())
        .cloned()
        .collect();
    assert_eq!(by_agency["figures"]["received"].as_u64(), Some(of_agency.len() as u64));

    app.get("/api/v1/public/open-data/../pakn.db").await.assert_problem(404, "not_found");
    app.get("/api/v1/public/open-data/petitions-2026-01-01.csv").await.assert_problem(404, "not_found");
}

#[actix_web::test]
async fn an_export_stopped_by_a_shutdown_leaves_no_file_behind_and_the_next_round_writes_it() {
    let app = spawn_app_with_clock(ManualClock::at(NOW)).await;
    let stopping = Shutdown::default();
    stopping.begin();
    let stopped =
        app.with_connection(|c| pakn::service::reports::open_data::export_if_due(c, &app.context, &stopping)).unwrap();
    assert_eq!(stopped, None, "nothing written once a shutdown has begun");
    let left: Vec<_> = std::fs::read_dir(&app.context.settings.open_data_dir)
        .map(|files| files.filter_map(Result::ok).map(|file| file.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "not even a partial file: {left:?}");
    assert_eq!(app.get("/api/v1/public/open-data").await.json()["items"].as_array().map(Vec::len), Some(0));

    assert_eq!(export(&app), Some(0), "the next round writes the day's export");
    assert_eq!(app.get("/api/v1/public/open-data").await.json()["items"].as_array().map(Vec::len), Some(2));
}
