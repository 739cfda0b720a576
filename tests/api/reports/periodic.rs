//! The six-month and annual reports: every figure of the statistical appendix checked against the
//! hand-built set, every table's total the sum of its rows, in JSON, CSV and XLSX, in Vietnamese
//! and English; administrators report on everything, monitors on their scope.

use std::io::Read;

use serde_json::{Value, json};

use super::public_statistics::hand_built_set;
use crate::helpers::{ManualClock, SignedInUser, TestApp, spawn_app_with_clock};
use crate::petitions::NOW;
use crate::workflow::people;

/// The 2027 six-month report covers 15 November 2026 (the rule's default) to 14 May 2027: the
/// hand-built set, filed on 26 November 2026, falls in it.
const PERIOD: &str = "/api/v1/reports/periodic?period=2027-H1";

async fn report(app: &TestApp, user: &SignedInUser, query: &str) -> crate::helpers::TestResponse {
    app.get_as(&user.access_token, &format!("{PERIOD}{query}")).await
}

fn table<'a>(report: &'a Value, key: &str) -> &'a Value {
    report["tables"].as_array().unwrap().iter().find(|t| t["key"] == key).unwrap_or_else(|| panic!("no table {key}"))
}

fn row<'a>(table: &'a Value, key: &str) -> &'a Value {
    let rows = table["rows"].as_array().unwrap();
    &rows.iter().find(|r| r["key"] == key).unwrap_or_else(|| panic!("no row {key} in {}", table["key"]))["values"]
}

#[actix_web::test]
async fn every_figure_of_the_appendix_is_the_one_known_from_the_hand_built_set() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone()).await;
    let p = people(&app).await;
    let (_, _, waiting) = hand_built_set(&app, &p, &clock).await;
    // The proposal goes to the ward: transferred, and handled there now.
    let to_ward = json!({ "to_agency_id": p.ward, "reason": "Thuộc thẩm quyền của phường Phú Xuân." });
    crate::workflow::done(&app, &p.triage_officer, &waiting, "transfer", to_ward).await;
    let monitor = app.staff(&p.admin, "monitor", json!({ "scope_admin_unit": "46" })).await;
    let finding =
        json!({ "agency_id": p.triage, "severity": "medium", "text": "Một đơn bị từ chối vì nội dung không cụ thể." });
    let sent = app.send_json_as(&monitor.access_token, "POST", "/api/v1/oversight/findings", &finding).await;
    assert_eq!(sent.status, 201);
    let recommendation = json!({ "agency_id": p.triage, "text": "Đề nghị hướng dẫn người dân bổ sung nội dung." });
    let sent =
        app.send_json_as(&monitor.access_token, "POST", "/api/v1/oversight/recommendations", &recommendation).await;
    assert_eq!(sent.status, 201);

    let response = report(&app, &p.admin, "").await;
    assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
    let report = response.json();
    assert_eq!(
        (report["from"].as_str(), report["to"].as_str(), report["complete"].as_bool()),
        (Some("2026-11-15"), Some("2027-05-14"), Some(false))
    );
    let kinds = table(&report, "by_kind");
    assert_eq!(kinds["title"], "Theo loại đơn");
    // Four feedbacks: answered, refused, confidential (waiting), withdrawn before acceptance.
    let feedback = json!({ "received": 4, "accepted": 1, "refused": 1, "transferred": 0, "withdrawn": 1, "merged": 0,
        "resolved": 1, "resolved_on_time": 1, "resolved_late": 0, "open_within_deadline": 1, "open_overdue": 0 });
    assert_eq!(row(kinds, "feedback"), &feedback);
    for waiting in ["proposal", "denunciation"] {
        let values = row(kinds, waiting);
        assert_eq!(
            (values["received"].as_i64(), values["open_within_deadline"].as_i64()),
            (Some(1), Some(1)),
            "{waiting}"
        );
    }
    assert_eq!(row(kinds, "proposal")["transferred"], 1);
    assert_eq!(kinds["total"]["received"], 6);
    assert_eq!(row(table(&report, "by_agency"), &p.ward)["received"], 1, "the transferred proposal is the ward's now");
    for key in [
        "by_kind",
        "by_category",
        "by_channel",
        "by_admin_unit",
        "by_agency",
        "refusals",
        "outcomes",
        "satisfaction",
        "supervision",
        "citizen_reception",
    ] {
        let t = table(&report, key);
        for column in t["columns"].as_array().unwrap() {
            let name = column["key"].as_str().unwrap();
            let sum: i64 = t["rows"].as_array().unwrap().iter().map(|r| r["values"][name].as_i64().unwrap()).sum();
            assert_eq!(t["total"][name].as_i64(), Some(sum), "{key}.{name} adds up");
        }
    }
    for key in ["by_category", "by_channel", "by_admin_unit", "by_agency"] {
        assert_eq!(table(&report, key)["total"], kinds["total"], "{key} counts the same petitions");
    }
    assert_eq!(row(table(&report, "refusals"), "content_not_specific")["count"], 1);
    assert_eq!(row(table(&report, "outcomes"), "answered")["count"], 1);
    assert_eq!(row(table(&report, "satisfaction"), "satisfied")["count"], 1);
    assert_eq!(row(table(&report, "complaint_rounds"), "first_time_received")["count"], 0);
    assert_eq!(table(&report, "complaint_rounds")["total"], Value::Null, "separate facts have no total");
    let supervised = row(table(&report, "supervision"), &p.triage);
    assert_eq!(
        (supervised["findings_recorded"].as_i64(), supervised["recommendations_issued"].as_i64()),
        (Some(1), Some(1))
    );
    assert_eq!(row(table(&report, "confidentiality"), "identities_unsealed")["count"], 0);
    let text = report.to_string();
    for secret in ["nguoi.dan", "Đèn đường hỏng", "Phản ánh cần giữ bí mật"] {
        assert!(!text.contains(secret), "{secret} is not in a report");
    }

    let english = report_json(&app, &monitor, "&lang=en").await;
    assert_eq!(table(&english, "by_kind")["title"], "By kind");
    assert_eq!(english["admin_unit"], "46", "a monitor's report covers their scope");
    assert_eq!(table(&english, "by_kind")["total"], kinds["total"]);
}

async fn report_json(app: &TestApp, user: &SignedInUser, query: &str) -> Value {
    let response = report(app, user, query).await;
    assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
    response.json()
}

#[actix_web::test]
async fn the_report_downloads_as_csv_with_a_bom_and_as_a_spreadsheet_with_a_sheet_per_table() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone()).await;
    let p = people(&app).await;
    hand_built_set(&app, &p, &clock).await;

    let csv = report(&app, &p.admin, "&format=csv").await;
    assert_eq!((csv.status, csv.content_type()), (200, "text/csv; charset=utf-8"));
    assert!(csv.body.starts_with(b"\xEF\xBB\xBF"), "a BOM, so Excel reads UTF-8");
    let text = String::from_utf8(csv.body[3..].to_vec()).unwrap();
    assert!(text.contains("Theo loại đơn") && text.contains("Tổng cộng,6,"), "{text}");
    let english = report(&app, &p.admin, "&format=csv&lang=en").await;
    assert!(String::from_utf8_lossy(&english.body).contains("Total,6,"));

    let xlsx = report(&app, &p.admin, "&format=xlsx").await;
    assert_eq!(xlsx.status, 200);
    assert_eq!(xlsx.content_type(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx.body.clone())).unwrap();
    let mut read = |name: &str| {
        let mut text = String::new();
        archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
        text
    };
    let workbook = read("xl/workbook.xml");
    assert_eq!(workbook.matches("<sheet ").count(), 13, "an about sheet and one per table");
    assert!(workbook.contains("1. Theo loại đơn"));
    let by_kind = read("xl/worksheets/sheet2.xml");
    assert!(by_kind.contains(r#"state="frozen""#), "the headings stay in view");
    assert!(by_kind.contains("<v>6</v>"), "the total is a number, not text");
    assert!(by_kind.contains("<col "), "columns are sized");
}

#[actix_web::test]
async fn only_administrators_and_monitors_in_scope_read_reports_and_bad_queries_are_answered_clearly() {
    let app = spawn_app_with_clock(ManualClock::at(NOW)).await;
    let p = people(&app).await;
    let elsewhere = app.staff(&p.admin, "monitor", json!({ "scope_admin_unit": "19900" })).await;
    report(&app, &p.ward_head, "").await.assert_problem(403, "forbidden");
    report(&app, &p.citizen, "").await.assert_problem(403, "forbidden");
    report(&app, &elsewhere, "&admin_unit=46").await.assert_problem(403, "forbidden");
    assert_eq!(report(&app, &elsewhere, "").await.json()["admin_unit"], "19900");
    for (query, field) in [("?period=2026-H2", "period"), ("?period=26", "period")] {
        let response = app.get_as(&p.admin.access_token, &format!("/api/v1/reports/periodic{query}")).await;
        assert_eq!(response.assert_problem(422, "validation_failed")["errors"][0]["field"], field);
    }
    for (query, field) in [("&format=pdf", "format"), ("&lang=fr", "lang"), ("&admin_unit=x", "admin_unit")] {
        let response = report(&app, &p.admin, query).await;
        assert_eq!(response.assert_problem(422, "validation_failed")["errors"][0]["field"], field);
    }
    app.get_as(&p.admin.access_token, "/api/v1/reports/periodic").await.assert_problem(400, "invalid_query");
}

#[actix_web::test]
async fn administrators_set_the_days_a_report_covers_and_the_report_follows() {
    let app = spawn_app_with_clock(ManualClock::at(NOW)).await;
    let p = people(&app).await;
    let periods = app.get_as(&p.admin.access_token, "/api/v1/admin/report-periods").await.json();
    assert_eq!(periods["items"][0]["period"], "half_year");
    assert!(periods["items"][0]["basis"].as_str().unwrap().contains("Nghị định 09/2019/NĐ-CP"));

    let path = "/api/v1/admin/report-periods/half_year";
    let calendar = json!({ "starts": "01-01", "starts_previous_year": false, "ends": "06-30", "basis": "Quyết định của UBND tỉnh về chế độ báo cáo (theo năm dương lịch)." });
    let changed = app.send_json_as(&p.admin.access_token, "PUT", path, &calendar).await;
    assert_eq!(changed.status, 200, "{}", String::from_utf8_lossy(&changed.body));
    let report = app.get_as(&p.admin.access_token, "/api/v1/reports/periodic?period=2026-H1").await.json();
    assert_eq!(
        (report["from"].as_str(), report["to"].as_str(), report["complete"].as_bool()),
        (Some("2026-01-01"), Some("2026-06-30"), Some(true))
    );

    let wrong = [
        (json!({ "starts": "02-29", "starts_previous_year": false, "ends": "06-30", "basis": "x" }), "starts"),
        (json!({ "starts": "07-01", "starts_previous_year": false, "ends": "06-30", "basis": "x" }), "ends"),
        (json!({ "starts": "1-1", "starts_previous_year": false, "ends": "06-30", "basis": "x" }), "starts"),
    ];
    for (body, field) in wrong {
        let response = app.send_json_as(&p.admin.access_token, "PUT", path, &body).await;
        assert_eq!(response.assert_problem(422, "validation_failed")["errors"][0]["field"], field, "{body}");
    }
    app.send_json_as(&p.admin.access_token, "PUT", "/api/v1/admin/report-periods/quarter", &calendar)
        .await
        .assert_problem(404, "not_found");
    app.send_json_as(&p.ward_head.access_token, "PUT", path, &calendar).await.assert_problem(403, "forbidden");
    let unchanged = app.get_as(&p.admin.access_token, "/api/v1/admin/report-periods").await.json();
    assert_eq!(unchanged["items"][0]["ends"], "06-30");
}
