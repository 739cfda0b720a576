//! The attachment folder cannot be written (here: a regular file stands where the folder was,
//! which bites even for root, unlike chmod): the upload is a 503 in the problem shape, no
//! half-written file stays, the petition is as it was, and uploads work again once it is fixed.

use crate::attachments::{multipart, upload};
use crate::helpers::spawn_app_at;
use crate::petitions::{NOW, feedback, file_as};
use crate::workflow::read;

fn files_under(folder: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(folder).map_or_else(
        |_| Vec::new(),
        |entries| {
            entries
                .flatten()
                .flat_map(|e| if e.path().is_dir() { files_under(&e.path()) } else { vec![e.path()] })
                .collect()
        },
    )
}

#[actix_web::test]
async fn an_upload_to_an_unwritable_attachment_folder_is_a_503_leaving_no_file_and_the_petition_intact() {
    let app = spawn_app_at(NOW).await;
    let citizen = app.citizen("tep.dinh.kem@example.vn").await;
    let petition = file_as(&app, &citizen, &feedback("Cống thoát nước bị tắc trước nhà")).await;
    let id = petition["id"].as_str().expect("an id");
    let pdf = b"%PDF-1.7\n% bien ban\n".to_vec();

    let folder = app.config.data_dir.join("attachments");
    std::fs::remove_dir_all(&folder).expect("the folder removed");
    std::fs::write(&folder, "not a folder").expect("a file in its place");
    let before = files_under(&app.config.data_dir);
    let refused = upload(&app, &citizen, id, multipart("biên bản.pdf", "application/pdf", &pdf, None)).await;
    refused.assert_problem(503, "service_unavailable");
    assert!(refused.header("retry-after").is_some());
    assert_eq!(files_under(&app.config.data_dir), before, "nothing half-written anywhere under the data folder");
    let listed = app.get_as(&citizen.access_token, &format!("/api/v1/petitions/{id}/attachments")).await.json();
    assert_eq!(listed["items"].as_array().map(Vec::len), Some(0), "{listed}");
    let now = read(&app, &citizen, &petition).await;
    assert_eq!((&now["version"], &now["status"]), (&petition["version"], &petition["status"]), "the petition intact");

    std::fs::remove_file(&folder).expect("the operator removes the file");
    std::fs::create_dir(&folder).expect("and restores the folder");
    let stored = upload(&app, &citizen, id, multipart("biên bản.pdf", "application/pdf", &pdf, None)).await;
    assert_eq!(stored.status, 201, "{}", String::from_utf8_lossy(&stored.body));
    assert_eq!(files_under(&folder).len(), 1);
}
