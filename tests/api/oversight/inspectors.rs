//! The steering committees' inspectors: within their scope they read what a Fatherland Front
//! monitor reads — every petition with its timeline and internal notes, never a sealed identity —
//! take no workflow step, and record findings and recommendations that say they are the
//! committee's, which the committee alone follows up.

use serde_json::{Value, json};

use crate::helpers::{ManualClock, SignedInUser, TestApp, spawn_app_with_clock};
use crate::petitions::{NOW, file_as};
use crate::workflow::people;

const NAME: &str = "Lê Văn Kín Danh";

fn denunciation() -> Value {
    json!({
        "kind": "denunciation",
        "category": "land",
        "title": "Tố cáo cán bộ địa chính nhận tiền",
        "description": "Cán bộ địa chính phường nhận tiền để hợp thức hóa đất lấn chiếm, có người làm chứng.",
        "location": { "admin_unit_code": "19753" }
    })
}

async fn posted(app: &TestApp, user: &SignedInUser, path: &str, body: Value, status: u16) -> Value {
    let response = app.send_json_as(&user.access_token, "POST", path, &body).await;
    assert_eq!(response.status, status, "{path}: {}", String::from_utf8_lossy(&response.body));
    response.json()
}

#[actix_web::test]
async fn an_inspector_reads_a_petition_in_scope_with_its_internal_notes_but_never_the_sealed_identity() {
    let app = spawn_app_with_clock(ManualClock::at(NOW)).await;
    let p = people(&app).await;
    let inspector = app.staff(&p.admin, "inspector", json!({ "scope_admin_unit": "46" })).await;
    assert_eq!(app.get_as(&inspector.access_token, "/api/v1/me").await.json()["role"], "inspector");
    let denouncer = app.citizen_named("kin.danh@example.vn", NAME).await;
    let filed = file_as(&app, &denouncer, &denunciation()).await;
    assert_eq!(filed["confidential"], true);
    let path = format!("/api/v1/petitions/{}", filed["id"].as_str().unwrap());
    let note = json!({ "body": "Đã đối chiếu hồ sơ địa chính, cần xác minh thêm.", "internal": true });
    posted(&app, &p.triage_officer, &format!("{path}/messages"), note, 201).await;

    let read = app.get_as(&inspector.access_token, &path).await;
    assert_eq!(read.status, 200);
    assert_eq!(read.json()["petitioner"]["kind"], "pseudonym");
    assert!(!read.json()["timeline"].as_array().unwrap().is_empty(), "the full timeline");
    assert!(!String::from_utf8_lossy(&read.body).contains(NAME), "no sealed identity");
    let messages = app.get_as(&inspector.access_token, &format!("{path}/messages")).await.json();
    let notes = messages["items"].as_array().unwrap().iter().filter(|m| m["internal"] == true).count();
    assert_eq!(notes, 1, "the internal note is read: {messages}");
    let listed = app.get_as(&inspector.access_token, "/api/v1/petitions").await;
    assert_eq!(listed.json()["total"], 1, "the unit's queue");
    assert!(!String::from_utf8_lossy(&listed.body).contains(NAME));
    assert_eq!(app.get_as(&inspector.access_token, &format!("{path}/data-reads")).await.status, 200);
    let trail = path.replace("/api/v1/petitions/", "/api/v1/oversight/audit/petitions/");
    assert_eq!(app.get_as(&inspector.access_token, &trail).await.status, 200);

    let unseal = json!({ "reason": "Cần liên hệ người tố cáo để xác minh nội dung" });
    app.send_json_as(&inspector.access_token, "POST", &format!("{path}/identity"), &unseal)
        .await
        .assert_problem(403, "forbidden");
    let accept = json!({ "complexity": "normal", "remote_area": false });
    let step = app
        .request(
            "POST",
            &format!("{path}/accept"),
            Some(accept.to_string().into_bytes()),
            &[
                ("authorization", &format!("Bearer {}", inspector.access_token)),
                ("content-type", "application/json"),
                ("if-match", "\"1\""),
            ],
        )
        .await;
    step.assert_problem(403, "forbidden");
    let reply = json!({ "body": "Ban chỉ đạo đề nghị trả lời sớm." });
    app.send_json_as(&inspector.access_token, "POST", &format!("{path}/messages"), &reply)
        .await
        .assert_problem(403, "forbidden");
    assert_eq!(app.get_as(&p.admin.access_token, &path).await.json()["status"], "received", "nothing changed");
}

#[actix_web::test]
async fn an_inspector_outside_the_scope_is_told_the_petition_does_not_exist() {
    let app = spawn_app_with_clock(ManualClock::at(NOW)).await;
    let p = people(&app).await;
    let elsewhere = app.staff(&p.admin, "inspector", json!({ "scope_admin_unit": "19900" })).await;
    let filed = file_as(&app, &p.citizen, &denunciation()).await;
    let path = format!("/api/v1/petitions/{}", filed["id"].as_str().unwrap());
    for read in [path.clone(), format!("{path}/messages"), format!("{path}/data-reads")] {
        app.get_as(&elsewhere.access_token, &read).await.assert_problem(404, "not_found");
    }
    assert_eq!(app.get_as(&elsewhere.access_token, "/api/v1/petitions").await.json()["total"], 0);
    let finding = json!({ "petition_id": filed["id"], "severity": "low", "text": "Đơn chưa được tiếp nhận đúng hạn." });
    app.send_json_as(&elsewhere.access_token, "POST", "/api/v1/oversight/findings", &finding)
        .await
        .assert_problem(404, "not_found");
}

#[actix_web::test]
async fn an_inspector_records_the_committees_findings_and_follows_its_recommendation_to_the_remedy() {
    let app = spawn_app_with_clock(ManualClock::at(NOW)).await;
    let p = people(&app).await;
    let inspector = app.staff(&p.admin, "inspector", json!({ "scope_admin_unit": "46" })).await;
    let monitor = app.staff(&p.admin, "monitor", json!({ "scope_admin_unit": "46" })).await;
    let elsewhere = app.staff(&p.admin, "inspector", json!({ "scope_admin_unit": "19900" })).await;
    let ward_finding = json!({ "agency_id": p.ward, "severity": "medium", "text": "Sổ theo dõi đơn thư của phường ghi chép không đầy đủ." });
    app.send_json_as(&elsewhere.access_token, "POST", "/api/v1/oversight/findings", &ward_finding)
        .await
        .assert_problem(403, "forbidden");
    let finding = posted(&app, &inspector, "/api/v1/oversight/findings", ward_finding.clone(), 201).await;
    assert_eq!(
        (finding["oversight_body"].as_str(), finding["monitor_id"].as_str()),
        (Some("steering_committee"), Some(inspector.id.as_str()))
    );
    let front = posted(&app, &monitor, "/api/v1/oversight/findings", ward_finding, 201).await;
    assert_eq!(front["oversight_body"], "fatherland_front");
    let read = app
        .get_as(&p.ward_head.access_token, &format!("/api/v1/oversight/findings/{}", finding["id"].as_str().unwrap()))
        .await;
    assert_eq!(read.json()["oversight_body"], "steering_committee", "the agency sees which body found it");

    let issued = posted(
        &app,
        &inspector,
        "/api/v1/oversight/recommendations",
        json!({ "agency_id": p.ward, "finding_ids": [finding["id"]], "text": "Đề nghị phường bổ sung sổ theo dõi đơn thư trong tháng." }),
        201,
    )
    .await;
    assert_eq!(issued["oversight_body"], "steering_committee");
    let committee = "Kiến nghị sau kiểm tra của Ban chỉ đạo thực hiện Quy chế dân chủ ở cơ sở";
    let told = app.mailbox.wait_for_text(&p.ward_head.email, committee, 1).await;
    assert!(told[0].subject().starts_with("Kiến nghị sau kiểm tra"), "{}", told[0].subject());
    let path = format!("/api/v1/oversight/recommendations/{}", issued["id"].as_str().unwrap());
    let answer = json!({ "position": "accepted", "text": "Phường tiếp thu và bổ sung sổ theo dõi.", "remedy_plan": "Xong trong 10 ngày." });
    posted(&app, &p.ward_head, &format!("{path}/responses"), answer, 200).await;
    app.mailbox.wait_for_text(&inspector.email, "đã được cơ quan trả lời", 1).await;
    posted(&app, &p.ward_head, &format!("{path}/progress"), json!({ "percent": 100, "note": "Đã bổ sung xong." }), 200)
        .await;

    let done = json!({ "note": "Đã kiểm tra sổ theo dõi tại phường." });
    app.send_json_as(&monitor.access_token, "POST", &format!("{path}/close"), &done)
        .await
        .assert_problem(403, "forbidden");
    assert_eq!(app.get_as(&monitor.access_token, &path).await.status, 200, "the Front still reads it");
    let closed = posted(&app, &inspector, &format!("{path}/close"), done, 200).await;
    assert_eq!(
        (closed["status"].as_str(), closed["oversight_body"].as_str()),
        (Some("closed_satisfied"), Some("steering_committee"))
    );
    let dashboard = format!("/api/v1/agencies/{}/dashboard", p.ward);
    assert_eq!(app.get_as(&inspector.access_token, &dashboard).await.status, 200);
}
