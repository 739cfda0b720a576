//! Who read whose data: every staff read of a petitioner's details, an unsealed identity, an
//! evidence file or an account's contacts is logged; monitors in scope and administrators see a
//! petition's log; nobody else does.

use serde_json::json;

use super::{sealed_denunciation, text_of};
use crate::helpers::spawn_app_at;
use crate::petitions::{NOW, complaint, file_as};
use crate::workflow::people;

#[actix_web::test]
async fn every_staff_read_of_a_petitioners_data_is_logged_and_supervised_in_scope() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let filed = file_as(&app, &p.citizen, &complaint()).await;
    let path = format!("/api/v1/petitions/{}", filed["id"].as_str().unwrap());
    let log = format!("{path}/data-reads");
    text_of(&app, &p.citizen, &path).await;
    text_of(&app, &p.triage_officer, &path).await;
    text_of(&app, &p.triage_head, &path).await;

    let monitor = app.staff(&p.admin, "monitor", json!({ "scope_admin_unit": "46" })).await;
    let elsewhere = app.staff(&p.admin, "monitor", json!({ "scope_admin_unit": "19900" })).await;
    let seen = app.get_as(&monitor.access_token, &log).await;
    assert_eq!(seen.status, 200, "{}", String::from_utf8_lossy(&seen.body));
    let entries = seen.json()["items"].as_array().unwrap().clone();
    let mut readers: Vec<(&str, &str)> =
        entries.iter().map(|e| (e["reader_role"].as_str().unwrap(), e["record"].as_str().unwrap())).collect();
    readers.sort();
    // The petitioner reading their own petition reads nobody else's data: not logged.
    assert_eq!(readers, [("head", "petitioner"), ("officer", "petitioner")]);
    let officer_read = entries.iter().find(|e| e["reader_role"] == "officer").unwrap();
    assert_eq!(officer_read["reader_id"], p.triage_officer.id.as_str());
    assert_eq!(officer_read["reader_agency_id"], p.triage.as_str());

    app.get_as(&elsewhere.access_token, &log).await.assert_problem(404, "not_found");
    app.get_as(&p.triage_officer.access_token, &log).await.assert_problem(403, "forbidden");
    app.get_as(&p.citizen.access_token, &log).await.assert_problem(403, "forbidden");
    assert_eq!(app.get_as(&p.admin.access_token, &log).await.status, 200);

    // The administrator's read of an account's contact details is logged too, and the person
    // finds it in their export.
    assert_eq!(app.get_as(&p.admin.access_token, &format!("/api/v1/admin/users/{}", p.citizen.id)).await.status, 200);
    let export = app.get_as(&p.citizen.access_token, "/api/v1/me/data-export").await.json();
    let mut records: Vec<&str> =
        export["data_reads"].as_array().unwrap().iter().map(|r| r["record"].as_str().unwrap()).collect();
    records.sort();
    assert_eq!(records, ["account", "petitioner", "petitioner"]);
}

#[actix_web::test]
async fn an_unsealing_is_logged_with_its_reason_and_the_denouncer_sees_who_by_role() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let officer = app.reception_officer(&p.admin, &p.triage).await;
    let filed = file_as(&app, &p.citizen, &sealed_denunciation()).await;
    let path = format!("/api/v1/petitions/{}", filed["id"].as_str().unwrap());
    // A pseudonym is no read of anyone's data.
    text_of(&app, &officer, &path).await;
    let reason = json!({ "reason": "Cần liên hệ người tố cáo để xác minh nội dung tố cáo" });
    assert_eq!(app.send_json_as(&officer.access_token, "POST", &format!("{path}/identity"), &reason).await.status, 200);

    let monitor = app.staff(&p.admin, "monitor", json!({ "scope_admin_unit": "46" })).await;
    let entries = app.get_as(&monitor.access_token, &format!("{path}/data-reads")).await.json();
    assert_eq!(entries["items"].as_array().unwrap().len(), 1, "{entries}");
    assert_eq!(entries["items"][0]["record"], "identity");
    assert_eq!(entries["items"][0]["reason"], reason["reason"]);

    let export = app.get_as(&p.citizen.access_token, "/api/v1/me/data-export").await.json();
    let read = &export["data_reads"][0];
    assert_eq!((read["record"].as_str(), read["reader_role"].as_str()), (Some("identity"), Some("officer")));
    assert!(read.get("reason").is_none() && read.get("reader_id").is_none(), "roles and agencies, not officials");
}
