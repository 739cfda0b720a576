//! The files behind supervision: a monitor's finding carries its evidence, an agency's remedy
//! its own; each is read by whoever reads the record, added only by its author, and named by its
//! content hash in the audit chain.

use pakn::domain::events::{EventKind, Subject};
use pakn::domain::ids::FindingId;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::attachments::{multipart, png, upload_to};
use crate::helpers::{ManualClock, SignedInUser, TestApp, spawn_app_with_clock};
use crate::petitions::NOW;
use crate::workflow::people;

pub async fn posted(app: &TestApp, user: &SignedInUser, path: &str, body: Value) -> Value {
    let response = app.send_json_as(&user.access_token, "POST", path, &body).await;
    assert!(response.status < 300, "{path}: {}", String::from_utf8_lossy(&response.body));
    response.json()
}

fn pdf(text: &str) -> Vec<u8> {
    format!("%PDF-1.7\n{text}\n%%EOF\n").into_bytes()
}

#[actix_web::test]
async fn a_finding_carries_its_monitors_evidence_which_the_agency_reads_and_the_chain_vouches_for() {
    let app = spawn_app_with_clock(ManualClock::at(NOW)).await;
    let p = people(&app).await;
    let monitor = app.staff(&p.admin, "monitor", json!({ "scope_admin_unit": "46" })).await;
    let colleague = app.staff(&p.admin, "monitor", json!({ "scope_admin_unit": "46" })).await;
    let finding = posted(
        &app,
        &monitor,
        "/api/v1/oversight/findings",
        json!({ "agency_id": p.ward, "severity": "medium", "text": "Biên bản làm việc cho thấy 5 đơn chưa được trả lời." }),
    )
    .await;
    let files = format!("/api/v1/oversight/findings/{}/files", finding["id"].as_str().unwrap());
    let minutes = pdf("biên bản làm việc");

    for stranger in [&colleague, &p.ward_head] {
        let refused = upload_to(&app, stranger, &files, multipart("biên bản.pdf", "application/pdf", &minutes, None));
        refused.await.assert_problem(403, "forbidden");
    }
    let added = upload_to(&app, &monitor, &files, multipart("biên bản.pdf", "application/pdf", &minutes, None)).await;
    assert_eq!(added.status, 201, "{}", String::from_utf8_lossy(&added.body));
    let added = added.json();
    let hash = pakn::security::tokens::hex(&Sha256::digest(&minutes));
    assert_eq!(added["content_hash"], hash);

    let listed = app.get_as(&p.ward_officer.access_token, &files).await.json();
    assert_eq!(listed["total"], 1, "the agency reads what was found about it");
    let download =
        app.get_as(&p.ward_officer.access_token, &format!("{files}/{}", added["id"].as_str().unwrap())).await;
    assert_eq!((download.status, download.body.as_slice()), (200, minutes.as_slice()));
    app.get_as(&p.citizen.access_token, &files).await.assert_problem(404, "not_found");
    let outside = app.staff(&p.admin, "monitor", json!({ "scope_admin_unit": "19900" })).await;
    app.get_as(&outside.access_token, &files).await.assert_problem(404, "not_found");

    let id = FindingId::parse(finding["id"].as_str().unwrap()).unwrap();
    let events = app.with_connection(|c| pakn::db::events::of_subject(c, Subject::Finding(&id))).unwrap();
    let named = events.iter().find(|e| e.kind == EventKind::FindingEvidenceAdded).expect("an event of the chain");
    assert_eq!(named.data.value()["content_hash"], hash);
}

#[actix_web::test]
async fn the_head_adds_evidence_of_the_remedy_while_it_is_reported_and_not_before_or_after() {
    let app = spawn_app_with_clock(ManualClock::at(NOW)).await;
    let p = people(&app).await;
    let monitor = app.staff(&p.admin, "monitor", json!({ "scope_admin_unit": "46" })).await;
    let issued = posted(
        &app,
        &monitor,
        "/api/v1/oversight/recommendations",
        json!({ "agency_id": p.ward, "text": "Đề nghị sửa chữa đèn chiếu sáng các kiệt trong phường." }),
    )
    .await;
    let path = format!("/api/v1/oversight/recommendations/{}", issued["id"].as_str().unwrap());
    let files = format!("{path}/files");
    let photo = || multipart("kiệt 12.png", "image/png", &png(8, 6), None);

    upload_to(&app, &p.ward_head, &files, photo()).await.assert_problem(409, "conflict");
    posted(
        &app,
        &p.ward_head,
        &format!("{path}/responses"),
        json!({ "position": "accepted", "text": "Phường tiếp thu, sẽ sửa trong tháng." }),
    )
    .await;
    upload_to(&app, &p.ward_officer, &files, photo()).await.assert_problem(403, "forbidden");
    upload_to(&app, &monitor, &files, photo()).await.assert_problem(403, "forbidden");
    let added = upload_to(&app, &p.ward_head, &files, photo()).await;
    assert_eq!(added.status, 201, "{}", String::from_utf8_lossy(&added.body));
    let not_a_file = upload_to(&app, &p.ward_head, &files, multipart("x.exe", "application/octet-stream", b"MZ", None));
    assert_eq!(not_a_file.await.assert_problem(422, "validation_failed")["errors"][0]["field"], "file");
    assert_eq!(app.get_as(&monitor.access_token, &files).await.json()["total"], 1);

    posted(&app, &monitor, &format!("{path}/close"), json!({ "note": "Đã kiểm tra thực tế, đèn đã sáng." })).await;
    upload_to(&app, &p.ward_head, &files, photo()).await.assert_problem(409, "conflict");
    let missing = format!("{files}/00000000-0000-4000-8000-000000000000");
    app.get_as(&monitor.access_token, &missing).await.assert_problem(404, "not_found");
}
