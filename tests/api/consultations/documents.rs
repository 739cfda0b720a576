//! Documents: the agency uploads them to the draft, they are listed on the page, and anyone
//! downloads them once the consultation is published — not before.

use serde_json::json;

use super::{cast, drafted, land_plan, public_path, send};
use crate::helpers::{SignedInUser, TestApp, TestResponse, spawn_app_at};
use crate::petitions::NOW;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

async fn upload(app: &TestApp, user: &SignedInUser, path: &str) -> TestResponse {
    let boundary = "consultation-document";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"phương án.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(PDF);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let content_type = format!("multipart/form-data; boundary={boundary}");
    let bearer = format!("Bearer {}", user.access_token);
    let headers = [("content-type", content_type.as_str()), ("authorization", bearer.as_str())];
    app.request("POST", &format!("{path}/documents"), Some(body), &headers).await
}

#[actix_web::test]
async fn documents_are_added_to_the_draft_and_public_once_it_is_published() {
    let app = spawn_app_at(NOW).await;
    let cast = cast(&app).await;
    let path = drafted(&app, &cast.officer, land_plan()).await;
    assert_eq!(upload(&app, &cast.an, &path).await.status, 404, "a citizen does not know the draft");
    assert_eq!(upload(&app, &cast.monitor, &path).await.status, 403, "the monitor reads but does not publish");
    let added = upload(&app, &cast.officer, &path).await;
    assert_eq!(added.status, 201, "{}", String::from_utf8_lossy(&added.body));
    let document = added.json();
    assert_eq!(document["media_type"], "application/pdf");
    let page = app.get_as(&cast.head.access_token, &path).await.json();
    assert_eq!(page["documents"][0]["id"], document["id"]);

    let id = document["id"].as_str().unwrap();
    let public_file = format!("{}/documents/{id}", public_path(&path));
    app.get(&public_file).await.assert_problem(404, "not_found");
    let staff_file = app.get_as(&cast.monitor.access_token, &format!("{path}/documents/{id}")).await;
    assert_eq!((staff_file.status, staff_file.body.as_slice()), (200, PDF));

    send(&app, &cast.officer, "POST", &format!("{path}/publish"), json!({}), 200).await;
    let downloaded = app.get(&public_file).await;
    assert_eq!((downloaded.status, downloaded.body.as_slice()), (200, PDF));
    assert_eq!(app.get(&public_path(&path)).await.json()["documents"][0]["file_name"], "phương án.pdf");
}
