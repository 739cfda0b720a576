//! A person downloads everything pakn holds about them: their account, the notices shown, their
//! sessions, their petitions with messages and evidence, who read their data, their requests —
//! and nothing of anyone else's.

use serde_json::json;

use super::text_of;
use crate::helpers::spawn_app_at;
use crate::petitions::{NOW, complaint, file_as};
use crate::workflow::people;

const CO_PETITIONER: &str = "Phạm Văn Cùng";
const CO_CONTACT: &str = "cung.dung.don@example.vn";

#[actix_web::test]
async fn an_export_holds_every_piece_of_the_persons_data_and_nothing_of_anyone_elses() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let mut together = complaint();
    together["co_petitioners"] = json!([{ "full_name": CO_PETITIONER, "contact": CO_CONTACT }]);
    let mine = file_as(&app, &p.citizen, &together).await;
    let path = format!("/api/v1/petitions/{}", mine["id"].as_str().unwrap());
    let messages = format!("{path}/messages");
    let said = json!({ "body": "Tôi bổ sung bản sao quyết định thu hồi đất." });
    assert_eq!(app.send_json_as(&p.citizen.access_token, "POST", &messages, &said).await.status, 201);
    // The coordinating office reads it in full: a read of the petitioner's data.
    text_of(&app, &p.triage_officer, &path).await;

    let other = app.citizen_named("nguoi.khac@example.vn", "Đỗ Thị Khác").await;
    let mut theirs = complaint();
    theirs["title"] = json!("Khiếu nại của người khác về thửa đất 456");
    file_as(&app, &other, &theirs).await;

    let response = app.get_as(&p.citizen.access_token, "/api/v1/me/data-export").await;
    assert_eq!(response.status, 200);
    assert_eq!(response.header("content-disposition"), Some("attachment; filename=\"pakn-data-export.json\""));
    assert_eq!(response.header("cache-control"), Some("no-store"));
    let export = response.json();
    assert_eq!(export["account"]["email"], p.citizen.email);
    assert_eq!(export["privacy_notices_shown"][0]["occasion"], "registration");
    assert!(!export["sessions"].as_array().unwrap().is_empty());
    let petitions = export["petitions"].as_array().unwrap();
    assert_eq!(petitions.len(), 1, "only the person's own petitions");
    let exported = &petitions[0];
    assert_eq!(exported["petition"]["id"], mine["id"]);
    assert_eq!(exported["petition"]["petitioner"]["full_name"], "Nguyễn Văn Dân");
    assert_eq!(exported["co_petitioners_named"], 1);
    assert_eq!(exported["privacy_notices_shown"][0]["occasion"], "filing");
    assert_eq!(exported["messages"][0]["body"], said["body"]);
    let reads = export["data_reads"].as_array().unwrap();
    assert_eq!(reads.len(), 1, "{reads:?}");
    assert_eq!((reads[0]["reader_role"].as_str(), reads[0]["record"].as_str()), (Some("officer"), Some("petitioner")));
    assert_eq!(reads[0]["reader_agency"], "Ban Tiếp công dân thành phố Huế");
    assert_eq!(export["data_requests"][0]["kind"], "export");
    assert_eq!(export["data_requests"][0]["on_time"], true);

    let text = String::from_utf8_lossy(&response.body);
    for someone_elses in [CO_PETITIONER, CO_CONTACT, "nguoi.khac@example.vn", "Đỗ Thị Khác", "thửa đất 456"]
    {
        assert!(!text.contains(someone_elses), "the export holds {someone_elses:?}");
    }
    assert!(!text.contains(&p.triage_officer.email) && !text.contains("Cán bộ officer"), "no official is named");

    // The administrators' register counts the request, with its statutory deadline.
    let register = app.get_as(&p.admin.access_token, "/api/v1/admin/data-requests").await.json();
    let request = &register["items"][0];
    assert_eq!((request["kind"].as_str(), request["user_id"].as_str()), (Some("export"), Some(p.citizen.id.as_str())));
    assert_eq!(request["due_at"], "2026-12-06T10:00:00+07:00", "ten days (Decree 356/2025 Art. 5(3))");
    app.get_as(&p.citizen.access_token, "/api/v1/admin/data-requests").await.assert_problem(403, "forbidden");
}
