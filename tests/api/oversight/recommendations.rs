//! Findings and recommendations after supervision: a monitor in scope records and recommends, the
//! agency's head answers and reports the remedy, the monitor closes it — or, unanswered past the
//! rule's period, it is marked overdue and escalated to the superior agency, where it starts again.

use chrono::TimeDelta;
use serde_json::{Value, json};

use crate::helpers::{ManualClock, SignedInUser, TestApp, spawn_app_with_clock};
use crate::petitions::NOW;
use crate::workflow::people;

async fn posted(app: &TestApp, user: &SignedInUser, path: &str, body: Value, status: u16) -> Value {
    let response = app.send_json_as(&user.access_token, "POST", path, &body).await;
    assert_eq!(response.status, status, "{path}: {}", String::from_utf8_lossy(&response.body));
    response.json()
}

/// (reminded, marked overdue) by one sweep.
fn sweep(app: &TestApp) -> (usize, usize) {
    let report = app.with_connection(|c| pakn::service::oversight::recommendations::sweep(c, &app.context)).unwrap();
    (report.reminded, report.overdue)
}

#[actix_web::test]
async fn a_recommendation_is_answered_remedied_and_closed_by_the_monitor_in_scope() {
    let app = spawn_app_with_clock(ManualClock::at(NOW)).await;
    let p = people(&app).await;
    let monitor = app.staff(&p.admin, "monitor", json!({ "scope_admin_unit": "46" })).await;
    let elsewhere = app.staff(&p.admin, "monitor", json!({ "scope_admin_unit": "19900" })).await;
    let ward_finding = json!({ "agency_id": p.ward, "severity": "high", "text": "Nhiều đơn phản ánh quá hạn mà không có văn bản gia hạn." });
    app.send_json_as(&elsewhere.access_token, "POST", "/api/v1/oversight/findings", &ward_finding)
        .await
        .assert_problem(403, "forbidden");
    app.send_json_as(&p.ward_head.access_token, "POST", "/api/v1/oversight/findings", &ward_finding)
        .await
        .assert_problem(403, "forbidden");
    let finding = posted(&app, &monitor, "/api/v1/oversight/findings", ward_finding, 201).await;

    let too_soon =
        json!({ "agency_id": p.ward, "text": "Đề nghị rà soát các đơn quá hạn.", "respond_by": "2026-12-01" });
    let problem = app.send_json_as(&monitor.access_token, "POST", "/api/v1/oversight/recommendations", &too_soon).await;
    assert_eq!(problem.assert_problem(422, "validation_failed")["errors"][0]["field"], "respond_by");
    let issued = posted(
        &app,
        &monitor,
        "/api/v1/oversight/recommendations",
        json!({ "agency_id": p.ward, "finding_ids": [finding["id"]], "text": "Đề nghị rà soát và trả lời các đơn quá hạn trong tháng." }),
        201,
    )
    .await;
    assert_eq!(
        (issued["status"].as_str(), issued["respond_by"].as_str()),
        (Some("awaiting_response"), Some("2026-12-26"))
    );
    app.mailbox.wait_for(&p.ward_head.email, 1).await;
    let path = format!("/api/v1/oversight/recommendations/{}", issued["id"].as_str().unwrap());

    app.get_as(&p.citizen.access_token, &path).await.assert_problem(404, "not_found");
    app.get_as(&elsewhere.access_token, &path).await.assert_problem(404, "not_found");
    assert_eq!(app.get_as(&p.ward_officer.access_token, &path).await.status, 200);
    let answer = json!({ "position": "accepted", "text": "Phường tiếp thu và sẽ rà soát toàn bộ đơn.", "remedy_plan": "Rà soát xong trong 15 ngày." });
    app.send_json_as(&p.ward_officer.access_token, "POST", &format!("{path}/responses"), &answer)
        .await
        .assert_problem(403, "forbidden");
    let answered = posted(&app, &p.ward_head, &format!("{path}/responses"), answer.clone(), 200).await;
    assert_eq!(
        (answered["status"].as_str(), answered["response"]["position"].as_str()),
        (Some("responded"), Some("accepted"))
    );
    app.mailbox.wait_for(&monitor.email, 1).await;
    app.send_json_as(&p.ward_head.access_token, "POST", &format!("{path}/responses"), &answer)
        .await
        .assert_problem(409, "conflict");

    posted(
        &app,
        &p.ward_head,
        &format!("{path}/progress"),
        json!({ "percent": 50, "note": "Đã rà soát 12 trên 24 đơn." }),
        200,
    )
    .await;
    let closed =
        posted(&app, &monitor, &format!("{path}/close"), json!({ "note": "Đã kiểm tra, phường trả lời đủ." }), 200)
            .await;
    assert_eq!(closed["status"], "closed_satisfied");
    let read = app.get_as(&monitor.access_token, &path).await.json();
    assert_eq!((read["progress"].as_i64(), read["progress_reports"].as_array().map(Vec::len)), (Some(50), Some(1)));
    app.send_json_as(&monitor.access_token, "POST", &format!("{path}/close"), &json!({ "note": "Lần nữa" }))
        .await
        .assert_problem(409, "conflict");
    let listed = app.get_as(&p.ward_head.access_token, "/api/v1/oversight/recommendations").await.json();
    assert_eq!(listed["total"], 1);
    assert_eq!(app.get_as(&elsewhere.access_token, "/api/v1/oversight/recommendations").await.json()["total"], 0);
}

#[actix_web::test]
async fn an_unanswered_recommendation_is_reminded_then_swept_overdue_once_and_escalated_to_the_superior_agency() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone()).await;
    let p = people(&app).await;
    let monitor = app.staff(&p.admin, "monitor", json!({ "scope_admin_unit": "46" })).await;
    // The administrator gives agencies 45 days, naming the basis.
    let rule = json!({ "days": 45, "basis": "Quy chế giám sát của Ủy ban MTTQ tỉnh, Điều 12" });
    let changed = app
        .send_json_as(&p.admin.access_token, "PUT", "/api/v1/admin/supervision-rules/recommendation_response", &rule)
        .await;
    assert_eq!(changed.status, 200);
    let issued = posted(
        &app,
        &monitor,
        "/api/v1/oversight/recommendations",
        json!({ "agency_id": p.ward, "text": "Đề nghị công khai kết quả giải quyết đơn trên bảng tin." }),
        201,
    )
    .await;
    assert_eq!(issued["respond_by"], "2027-01-10");
    let path = format!("/api/v1/oversight/recommendations/{}", issued["id"].as_str().unwrap());
    assert_eq!(sweep(&app), (0, 0), "not yet near");

    clock.advance(TimeDelta::days(40));
    assert_eq!(sweep(&app), (1, 0), "five days before its day, its head is reminded");
    assert_eq!(sweep(&app), (0, 0), "once");
    app.mailbox.wait_for_text(&p.ward_head.email, "sắp đến hạn trả lời", 1).await;

    clock.advance(TimeDelta::days(6));
    let p = p.signed_in_again(&app).await;
    let monitor = app.login(&monitor.email, crate::helpers::GOOD_PASSWORD).await;
    assert_eq!(sweep(&app), (0, 1));
    assert_eq!(sweep(&app), (0, 0), "marked once");
    for told in [&p.ward_head.email, &monitor.email, &p.city_head.email] {
        app.mailbox.wait_for_text(told, "đã quá hạn trả lời", 1).await;
    }
    assert_eq!(app.get_as(&monitor.access_token, &path).await.json()["overdue"], true);

    let escalated = posted(
        &app,
        &monitor,
        &format!("{path}/escalate"),
        json!({ "note": "Phường không trả lời sau 45 ngày." }),
        200,
    )
    .await;
    assert_eq!(escalated["status"], "escalated");
    let at_city = app.get_as(&p.city_head.access_token, "/api/v1/oversight/recommendations").await.json();
    let upper = &at_city["items"][0];
    assert_eq!(
        (upper["agency_id"].as_str(), upper["escalated_from_id"].as_str()),
        (Some(p.city.as_str()), issued["id"].as_str())
    );
    let answer = json!({ "position": "partly_accepted", "text": "Thành phố chỉ đạo phường công khai trong tuần." });
    let upper_path = format!("/api/v1/oversight/recommendations/{}", upper["id"].as_str().unwrap());
    posted(&app, &p.city_head, &format!("{upper_path}/responses"), answer, 200).await;
}
