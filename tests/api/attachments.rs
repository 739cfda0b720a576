//! Evidence files: type from the bytes, location removed, limits enforced, downloads guarded;
//! a refused file stores nothing.

use std::sync::Arc;

use pakn::clock::FixedClock;
use serde_json::json;

use crate::helpers::{SignedInUser, TestApp, TestResponse, spawn_app_at, spawn_app_configured};
use crate::mailbox::Mailbox;
use crate::petitions::{NOW, feedback, file_as};

/// A 1×1 JPEG carrying an EXIF segment with GPS data.
fn jpeg_with_gps() -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8];
    let exif = b"Exif\0\0MM\0*GPSLatitude 16.4637 GPSLongitude 107.5909";
    bytes.extend_from_slice(&[0xFF, 0xE1]);
    bytes.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    bytes.extend_from_slice(exif);
    bytes.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00]);
    bytes
        .extend_from_slice(&[0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0xD2, 0xCF, 0x20, 0xFF, 0xD9]);
    bytes
}

/// A PNG whose header claims `width`×`height`.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut chunk = |kind: &[u8], data: &[u8]| {
        bytes.extend_from_slice(&(data.len() as u32).to_be_bytes());
        bytes.extend_from_slice(kind);
        bytes.extend_from_slice(data);
        bytes.extend_from_slice(&[0, 0, 0, 0]);
    };
    let mut header = width.to_be_bytes().to_vec();
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(b"IHDR", &header);
    chunk(b"IDAT", &[0x78, 0x9C, 0x63, 0x00, 0x00]);
    chunk(b"IEND", &[]);
    bytes
}

pub const BOUNDARY: &str = "pakn-test-boundary-7f3a";

pub fn multipart(name: &str, content_type: &str, bytes: &[u8], share_location: Option<&str>) -> Vec<u8> {
    let mut body = Vec::new();
    if let Some(share) = share_location {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"share_location\"\r\n\r\n{share}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: {content_type}\r\n\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

pub async fn upload(app: &TestApp, user: &SignedInUser, petition: &str, body: Vec<u8>) -> TestResponse {
    upload_to(app, user, &format!("/api/v1/petitions/{petition}/attachments"), body).await
}

/// Any upload route: a petition's files (with its query), a finding's, a recommendation's.
pub async fn upload_to(app: &TestApp, user: &SignedInUser, path: &str, body: Vec<u8>) -> TestResponse {
    let bearer = format!("Bearer {}", user.access_token);
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    app.request("POST", path, Some(body), &[("authorization", &bearer), ("content-type", &content_type)]).await
}

fn stored_files(app: &TestApp) -> usize {
    fn count(folder: &std::path::Path) -> usize {
        std::fs::read_dir(folder)
            .map_or(0, |entries| entries.flatten().map(|e| if e.path().is_dir() { count(&e.path()) } else { 1 }).sum())
    }
    count(&app.config.data_dir.join("attachments"))
}

#[actix_web::test]
async fn a_photos_location_is_removed_unless_the_citizen_shares_it() {
    let app = spawn_app_at(NOW).await;
    let citizen = app.citizen("photo@example.vn").await;
    let petition = file_as(&app, &citizen, &feedback("Ổ gà lớn giữa đường")).await;
    let id = petition["id"].as_str().unwrap();

    let created = upload(&app, &citizen, id, multipart("ổ gà.jpg", "image/jpeg", &jpeg_with_gps(), None)).await;
    assert_eq!(created.status, 201);
    let attachment = created.json();
    assert_eq!(
        (attachment["media_type"].as_str(), attachment["location_shared"].as_bool()),
        (Some("image/jpeg"), Some(false))
    );

    let download = app.get_as(&citizen.access_token, created.header("location").unwrap()).await;
    assert_eq!(download.status, 200);
    assert_eq!(download.content_type(), "image/jpeg");
    assert_eq!(download.header("x-content-type-options"), Some("nosniff"));
    assert!(download.header("content-disposition").unwrap().starts_with("attachment; filename*=UTF-8''"));
    assert!(!download.body.windows(3).any(|w| w == b"GPS"), "the location is gone");
    assert!(download.body.starts_with(&[0xFF, 0xD8]) && download.body.ends_with(&[0xFF, 0xD9]), "the picture is whole");

    let shared =
        upload(&app, &citizen, id, multipart("vị trí.jpg", "image/jpeg", &jpeg_with_gps(), Some("true"))).await.json();
    assert_eq!(shared["location_shared"], true);
    let kept = app
        .get_as(
            &citizen.access_token,
            &format!("/api/v1/petitions/{id}/attachments/{}", shared["id"].as_str().unwrap()),
        )
        .await;
    assert!(kept.body.windows(3).any(|w| w == b"GPS"), "kept when shared");
    assert_eq!(
        app.get_as(&citizen.access_token, &format!("/api/v1/petitions/{id}/attachments")).await.json()["total"],
        2
    );
}

#[actix_web::test]
async fn disguised_dangerous_or_oversized_files_are_refused_and_nothing_is_stored() {
    let app = spawn_app_at(NOW).await;
    let citizen = app.citizen("attacker@example.vn").await;
    let petition = file_as(&app, &citizen, &feedback("Thử các tệp độc hại")).await;
    let id = petition["id"].as_str().unwrap();

    let zip_bomb = {
        let mut bytes = b"PK\x03\x04\x14\x00\x00\x00\x08\x00".to_vec();
        bytes.extend(std::iter::repeat_n(0u8, 4096));
        bytes
    };
    let cases: Vec<(&str, &str, Vec<u8>, u16)> = vec![
        ("a PNG renamed .pdf", "report.pdf", png(1, 1), 422),
        ("a PNG sent as a PDF", "ảnh.png", png(1, 1), 422),
        ("a zip bomb", "bomb.jpg", zip_bomb, 422),
        ("a decompression bomb", "huge.png", png(50_000, 50_000), 422),
        ("a path in the name", "../../etc/passwd.png", png(1, 1), 422),
        ("a script", "run.pdf", b"#!/bin/sh\nrm -rf /\n".to_vec(), 422),
        (
            "a 21 MB file",
            "big.pdf",
            {
                let mut b = b"%PDF-1.7\n".to_vec();
                b.resize(21 * 1024 * 1024, b' ');
                b
            },
            413,
        ),
    ];
    for (what, name, bytes, status) in cases {
        let declared = if what == "a PNG sent as a PDF" { "application/pdf" } else { "application/octet-stream" };
        let response = upload(&app, &citizen, id, multipart(name, declared, &bytes, None)).await;
        assert_eq!(response.status, status, "{what}: {}", String::from_utf8_lossy(&response.body));
    }
    let not_multipart = app
        .send_json_as(
            &citizen.access_token,
            "POST",
            &format!("/api/v1/petitions/{id}/attachments"),
            &json!({ "file": "x" }),
        )
        .await;
    not_multipart.assert_problem(415, "unsupported_media_type");
    assert_eq!(
        app.get_as(&citizen.access_token, &format!("/api/v1/petitions/{id}/attachments")).await.json()["total"],
        0
    );
    assert_eq!(stored_files(&app), 0, "no refused file reached the store");
}

#[actix_web::test]
async fn a_petition_takes_a_limited_number_of_files_and_strangers_none() {
    let clock = Arc::new(FixedClock(chrono::NaiveDateTime::parse_from_str(NOW, "%Y-%m-%d %H:%M:%S").unwrap()));
    let app = spawn_app_configured(clock, Mailbox::start(), &[("PAKN_MAX_ATTACHMENTS", "2")]).await;
    let citizen = app.citizen("limits@example.vn").await;
    let stranger = app.citizen("stranger@example.vn").await;
    let petition = file_as(&app, &citizen, &feedback("Giới hạn số tệp đính kèm")).await;
    let id = petition["id"].as_str().unwrap();
    for n in 0..2 {
        let pdf = format!("%PDF-1.7\n% tài liệu {n}\n").into_bytes();
        assert_eq!(
            upload(&app, &citizen, id, multipart(&format!("tài liệu {n}.pdf"), "application/pdf", &pdf, None))
                .await
                .status,
            201
        );
    }
    let third = upload(&app, &citizen, id, multipart("thêm.pdf", "application/pdf", b"%PDF-1.7\n3", None)).await;
    assert!(third.assert_problem(422, "validation_failed")["detail"].as_str().unwrap().contains("already has 2 files"));

    upload(&app, &stranger, id, multipart("x.pdf", "application/pdf", b"%PDF-1.7\n", None))
        .await
        .assert_problem(404, "not_found");
    let listed = app.get_as(&citizen.access_token, &format!("/api/v1/petitions/{id}/attachments")).await.json();
    let file = listed["items"][0]["id"].as_str().unwrap();
    app.get_as(&stranger.access_token, &format!("/api/v1/petitions/{id}/attachments/{file}"))
        .await
        .assert_problem(404, "not_found");
    let public = app.get(&format!("/api/v1/public/petitions/{}", petition["tracking_code"].as_str().unwrap())).await;
    assert!(!String::from_utf8_lossy(&public.body).contains("tài liệu"), "the public page lists no files");
}
