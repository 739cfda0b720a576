//! The attacks of a hostile review (issue #11), each reproduced against the real server, with
//! real parallel clients where the attack was a race, and each now refused: a denouncer unmasked
//! through the outbox, guesses and throttles that race, merged petitions leaking words, pakn
//! relaying anyone's text, disguised names, unknown fields, dripped uploads and the defences in
//! depth around them.

use std::io::{Read, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::future::join_all;
use serde_json::{Value, json};

use crate::attachments::{BOUNDARY, multipart, png, upload};
use crate::helpers::{GOOD_PASSWORD, TestApp, spawn_app, spawn_app_at, spawn_app_configured};
use crate::mailbox::Mailbox;
use crate::petitions::{complaint, feedback, file_as};
use crate::workflow::{act, done, people};

const NOW: &str = "2026-11-26 02:00:00";

fn login_body(email: &str, password: &str) -> Vec<u8> {
    json!({ "email": email, "password": password }).to_string().into_bytes()
}

/// A login through a proxy that says the client is `client`.
async fn login_from(app: &TestApp, client: &str, email: &str, password: &str) -> u16 {
    let headers = [("content-type", "application/json"), ("x-forwarded-for", client)];
    app.request("POST", "/api/v1/auth/login", Some(login_body(email, password)), &headers).await.status
}

fn count(statuses: &[u16], status: u16) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}

#[actix_web::test]
async fn parallel_guesses_cannot_outrun_the_login_limit() {
    let app = spawn_app().await;
    app.citizen("target@example.vn").await;
    let app = &app;
    let guesses = (0..40).map(|n| {
        let body = json!({ "email": "target@example.vn", "password": format!("guess number {n}") });
        async move { app.post_json("/api/v1/auth/login", &body).await.status }
    });
    let statuses: Vec<u16> = join_all(guesses).await;
    assert_eq!(count(&statuses, 401), 5, "only the free attempts reach the password check: {statuses:?}");
    assert_eq!(count(&statuses, 429), 35, "{statuses:?}");
    app.post_json("/api/v1/auth/login", &json!({ "email": "target@example.vn", "password": GOOD_PASSWORD }))
        .await
        .assert_problem(429, "rate_limited");
}

#[actix_web::test]
async fn parallel_reset_requests_are_counted_exactly_and_never_fail() {
    let app = spawn_app().await;
    let app = &app;
    let requests = (0..60).map(|n| {
        let body = json!({ "email": format!("someone{n}@example.vn") });
        async move { app.post_json("/api/v1/auth/password-reset", &body).await.status }
    });
    let statuses: Vec<u16> = join_all(requests).await;
    assert_eq!((count(&statuses, 202), count(&statuses, 429)), (20, 40), "{statuses:?}");
}

/// pakn behind a proxy on 127.0.0.1 (the test client), which names each client in `X-Forwarded-For`.
async fn spawn_app_behind_a_proxy() -> TestApp {
    let clock = Arc::new(pakn::clock::SystemClock);
    spawn_app_configured(clock, Mailbox::start(), &[("PAKN_TRUSTED_PROXIES", "127.0.0.1")]).await
}

#[actix_web::test]
async fn behind_a_trusted_proxy_the_owner_signs_in_while_the_guesser_waits() {
    let app = spawn_app_behind_a_proxy().await;
    app.citizen("owner@example.vn").await;
    for _ in 0..5 {
        assert_eq!(login_from(&app, "203.0.113.7", "owner@example.vn", "wrong guess here").await, 401);
    }
    assert_eq!(login_from(&app, "203.0.113.7", "owner@example.vn", "wrong guess here").await, 429);
    assert_eq!(login_from(&app, "198.51.100.20", "owner@example.vn", GOOD_PASSWORD).await, 200, "the owner elsewhere");
}

#[actix_web::test]
async fn guessing_spread_over_many_addresses_is_slowed_but_never_locks_the_owner_out() {
    let app = spawn_app_behind_a_proxy().await;
    app.citizen("owner@example.vn").await;
    for n in 0..20 {
        let guesser = format!("203.0.113.{}", n / 4);
        assert_eq!(login_from(&app, &guesser, "owner@example.vn", "wrong guess here").await, 401);
    }
    // Twenty failures on the account: a client that already failed on it now waits…
    assert_eq!(login_from(&app, "203.0.113.1", "owner@example.vn", "wrong guess here").await, 429);
    // …while the owner, from a client that never failed, signs in.
    assert_eq!(login_from(&app, "198.51.100.20", "owner@example.vn", GOOD_PASSWORD).await, 200);
}

#[actix_web::test]
async fn without_a_trusted_proxy_a_forged_forwarded_for_changes_nothing() {
    let app = spawn_app().await;
    app.citizen("owner@example.vn").await;
    for n in 0..5 {
        assert_eq!(login_from(&app, &format!("203.0.113.{n}"), "owner@example.vn", "wrong guess here").await, 401);
    }
    assert_eq!(login_from(&app, "203.0.113.99", "owner@example.vn", "wrong guess here").await, 429);
}

#[actix_web::test]
async fn a_merged_follower_hears_the_news_but_not_another_petitioners_words() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let neighbour = app.citizen("hang.xom@example.vn").await;
    let original = file_as(&app, &p.citizen, &feedback("Cống thoát nước đường Lê Lợi tắc")).await;
    let duplicate = file_as(&app, &neighbour, &feedback("Nước ngập do cống đường Lê Lợi tắc")).await;
    done(&app, &p.triage_officer, &duplicate, "merge", json!({ "into_petition_id": original["id"] })).await;
    done(&app, &p.triage_officer, &original, "accept", json!({ "complexity": "normal" })).await;
    let question = "Ông Nguyễn Văn Dân ở số 12 cho biết thêm đoạn cống nào tắc?";
    done(&app, &p.triage_officer, &original, "request-information", json!({ "question": question })).await;

    let asked = app.mailbox.wait_for_text(&p.citizen.email, "Nguyễn Văn Dân ở số 12", 1).await;
    assert_eq!(asked.len(), 1, "the petitioner is asked");
    let followers = app.mailbox.wait_for_text(&neighbour.email, "bổ sung thông tin", 1).await;
    assert!(!followers[0].text().contains("số 12"), "the follower hears only the step: {}", followers[0].text());
}

#[actix_web::test]
async fn confidential_petitions_and_petitions_of_other_kinds_are_not_merged() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let mut secret = feedback("Phản ánh kín về cống thoát nước");
    secret["confidential"] = json!(true);
    let confidential = file_as(&app, &p.citizen, &secret).await;
    let open = file_as(&app, &p.citizen, &feedback("Cống thoát nước đường Lê Lợi tắc")).await;
    act(&app, &p.triage_officer, &confidential, "merge", json!({ "into_petition_id": open["id"] }))
        .await
        .assert_problem(409, "conflict");
    act(&app, &p.triage_officer, &open, "merge", json!({ "into_petition_id": confidential["id"] }))
        .await
        .assert_problem(409, "conflict");
    let mut proposal = feedback("Đề xuất làm thêm cống thoát nước");
    proposal["kind"] = json!("proposal");
    let proposal = file_as(&app, &p.citizen, &proposal).await;
    let other_kind = act(&app, &p.triage_officer, &proposal, "merge", json!({ "into_petition_id": open["id"] })).await;
    assert_eq!(other_kind.assert_problem(422, "validation_failed")["errors"][0]["field"], "into_petition_id");
    assert_eq!(read_status(&app, &p.triage_officer.access_token, &confidential).await, "received", "nothing changed");
}

async fn read_status(app: &TestApp, token: &str, petition: &Value) -> String {
    let path = format!("/api/v1/petitions/{}", petition["id"].as_str().unwrap());
    app.get_as(token, &path).await.json()["status"].as_str().unwrap().to_string()
}

#[actix_web::test]
async fn an_anonymous_filer_cannot_use_receipts_to_mail_their_words_to_anyone() {
    let app = spawn_app_at(NOW).await;
    let mut body = feedback("Mua thuốc giảm cân giá rẻ tại trang web lừa đảo");
    body["contact_email"] = json!("victim@example.vn");
    for _ in 0..5 {
        assert_eq!(app.post_json("/api/v1/petitions", &body).await.status, 201);
    }
    app.mailbox.wait_for("victim@example.vn", 5).await;
    for receipt in app.mailbox.messages_to("victim@example.vn") {
        assert!(!receipt.text().contains("thuốc giảm cân"), "no word the filer wrote: {}", receipt.text());
        assert!(!receipt.subject().contains("thuốc"), "{}", receipt.subject());
    }
    // The sixth is filed (its answer carries the code) but no receipt goes to that mailbox.
    assert_eq!(app.post_json("/api/v1/petitions", &body).await.status, 201);
    actix_web::rt::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(app.mailbox.messages_to("victim@example.vn").len(), 5);
    // An anonymous filer's contact address is never shown to the administrator either.
    let admin = app.admin().await;
    let outbox = app.get_as(&admin.access_token, "/api/v1/admin/emails?limit=100").await.json();
    assert!(outbox["items"].as_array().unwrap().iter().all(|e| e["to_address"] != "victim@example.vn"));
}

#[actix_web::test]
async fn guessing_tracking_codes_is_slowed_and_new_codes_carry_sixty_random_bits() {
    let app = spawn_app_at(NOW).await;
    let citizen = app.citizen("tra.cuu@example.vn").await;
    let petition = file_as(&app, &citizen, &feedback("Đèn đường hỏng trước nhà số 5")).await;
    let code = petition["tracking_code"].as_str().unwrap().to_string();
    assert_eq!(code.len(), "PA-XXXX-XXXX-XXXXX".len(), "{code}");

    for n in 0..20 {
        let guess = format!("PA-{n:04}-0000-00000");
        app.get(&format!("/api/v1/public/petitions/{guess}")).await.assert_problem(404, "not_found");
    }
    let waiting = app.get("/api/v1/public/petitions/PA-9999-0000-00000").await;
    waiting.assert_problem(429, "rate_limited");
    assert!(waiting.header("retry-after").is_some());
    app.get(&format!("/api/v1/public/petitions/{code}")).await.assert_problem(429, "rate_limited");
}

#[actix_web::test]
async fn reading_a_real_code_is_never_counted() {
    let app = spawn_app_at(NOW).await;
    let citizen = app.citizen("doc.nhieu@example.vn").await;
    let petition = file_as(&app, &citizen, &feedback("Đèn đường hỏng trước nhà số 7")).await;
    let path = format!("/api/v1/public/petitions/{}", petition["tracking_code"].as_str().unwrap());
    for _ in 0..30 {
        assert_eq!(app.get(&path).await.status, 200);
    }
}

#[actix_web::test]
async fn every_response_carries_the_security_headers_and_signed_in_reads_are_never_stored() {
    let app = spawn_app_at(NOW).await;
    let citizen = app.citizen("headers@example.vn").await;
    for response in [
        app.get_as(&citizen.access_token, "/api/v1/me").await,
        app.get("/api/v1/categories").await,
        app.get("/api/v1/no-such-thing").await,
        app.get("/health/live").await,
    ] {
        let csp = response.header("content-security-policy").unwrap_or_default();
        assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), "{csp}");
        assert_eq!(response.header("referrer-policy"), Some("no-referrer"));
        assert_eq!(response.header("x-content-type-options"), Some("nosniff"));
        assert!(response.header("strict-transport-security").is_some(), "pakn.test is served over https");
    }
    let me = app.get_as(&citizen.access_token, "/api/v1/me").await;
    assert_eq!(me.header("cache-control"), Some("no-store"));
    let categories = app.get("/api/v1/categories").await;
    assert_eq!(categories.header("cache-control"), Some("public, max-age=60"));
    let same_with_a_token = app.get_as(&citizen.access_token, "/api/v1/categories").await;
    assert_eq!(same_with_a_token.header("cache-control"), Some("no-store"));
    assert_eq!(app.get("/api/v1/no-such-thing").await.header("cache-control"), Some("no-store"));
}

#[actix_web::test]
async fn fields_the_server_would_ignore_are_named_and_nothing_is_filed() {
    let app = spawn_app_at(NOW).await;
    let citizen = app.citizen("them.truong@example.vn").await;
    for (field, value) in
        [("status", json!("closed")), ("assigned_agency_id", json!("x")), ("tracking_code", json!("PA-1"))]
    {
        let mut body = feedback("Đường hỏng cần sửa gấp");
        body[field] = value;
        let refused = app.send_json_as(&citizen.access_token, "POST", "/api/v1/petitions", &body).await;
        assert_eq!(refused.assert_problem(422, "validation_failed")["errors"][0]["field"], field);
    }
    let mut nested = feedback("Đường hỏng cần sửa gấp");
    nested["location"]["ward"] = json!("Phú Xuân");
    let refused = app.send_json_as(&citizen.access_token, "POST", "/api/v1/petitions", &nested).await;
    assert_eq!(refused.assert_problem(422, "validation_failed")["errors"][0]["field"], "location.ward");
    assert_eq!(app.get_as(&citizen.access_token, "/api/v1/me/petitions").await.json()["total"], 0);
}

#[actix_web::test]
async fn names_and_file_names_disguised_with_invisible_characters_are_refused() {
    let app = spawn_app_at(NOW).await;
    let citizen = app.citizen("an.danh@example.vn").await;
    let disguised = feedback("Ảnh chụp\u{202e}gnp.exe bãi rác");
    let refused = app.send_json_as(&citizen.access_token, "POST", "/api/v1/petitions", &disguised).await;
    assert_eq!(refused.assert_problem(422, "validation_failed")["errors"][0]["field"], "title");
    let rename = json!({ "full_name": "An\u{200b}Danh" });
    let renamed = app.send_json_as(&citizen.access_token, "PATCH", "/api/v1/me", &rename).await;
    renamed.assert_problem(422, "validation_failed");

    let petition = file_as(&app, &citizen, &feedback("Bãi rác tự phát ven sông Hương")).await;
    let id = petition["id"].as_str().unwrap();
    let photo = upload(&app, &citizen, id, multipart("photo\u{202e}gnp.png", "image/png", &png(4, 4), None)).await;
    assert_eq!(photo.assert_problem(422, "validation_failed")["errors"][0]["field"], "file.name");
}

#[actix_web::test]
async fn unsealing_is_for_officers_an_administrator_made_reception_officers() {
    let app = spawn_app_at(NOW).await;
    let admin = app.admin().await;
    let office = app.agency_id("hue-ban-tiep-cong-dan").await;
    let head = app.staff(&admin, "head", json!({ "agency_id": office })).await;
    let path = format!("/api/v1/admin/users/{}", head.id);
    let refused = app.send_json_as(&admin.access_token, "PATCH", &path, &json!({ "reception_officer": true })).await;
    assert_eq!(refused.assert_problem(422, "validation_failed")["errors"][0]["field"], "reception_officer");

    let officer = app.reception_officer(&admin, &office).await;
    let path = format!("/api/v1/admin/users/{}", officer.id);
    assert_eq!(app.get_as(&admin.access_token, &path).await.json()["reception_officer"], true);
    // The agency's head hears of it: an administrator cannot quietly hand out denouncers' names.
    let told = app.mailbox.wait_for_text(&head.email, &officer.email, 1).await;
    assert!(told[0].text().contains("quyền của cán bộ tiếp công dân"), "{}", told[0].text());
    // Moved to another agency, the permission lapses: it is granted for one agency's reception.
    let ward = app.agency_id("ubnd-phuong-phu-xuan").await;
    let moved = app.send_json_as(&admin.access_token, "PATCH", &path, &json!({ "agency_id": ward })).await;
    assert_eq!(moved.json()["reception_officer"], false);
}

/// Sends a request's head and the start of its body over a raw connection, then nothing more;
/// returns what the server answered and how long it took.
fn half_sent_upload(address: &str, path: &str, token: &str, declared_length: usize) -> (String, Duration) {
    let started = Instant::now();
    let mut stream = std::net::TcpStream::connect(address.trim_start_matches("http://")).expect("a connection");
    stream.set_read_timeout(Some(Duration::from_secs(20))).expect("a timeout");
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: pakn.test\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {declared_length}\r\n\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF"
    );
    stream.write_all(head.as_bytes()).expect("the head is sent");
    let mut answer = vec![0u8; 512];
    let read = stream.read(&mut answer).unwrap_or(0);
    (String::from_utf8_lossy(&answer[..read]).to_string(), started.elapsed())
}

#[actix_web::test]
async fn an_upload_is_authorised_before_its_body_is_read_and_a_dripped_body_is_cut_off() {
    let clock = Arc::new(pakn::clock::SystemClock);
    let app = spawn_app_configured(clock, Mailbox::start(), &[("PAKN_UPLOAD_SECONDS", "2")]).await;
    let owner = app.citizen("chu.don@example.vn").await;
    let stranger = app.citizen("nguoi.la@example.vn").await;
    let petition = file_as(&app, &owner, &complaint()).await;
    let path = format!("/api/v1/petitions/{}/attachments", petition["id"].as_str().unwrap());

    let (address, stranger_path, token) = (app.address.clone(), path.clone(), stranger.access_token.clone());
    let (answer, took) = actix_web::rt::task::spawn_blocking(move || {
        half_sent_upload(&address, &stranger_path, &token, 20 * 1024 * 1024)
    })
    .await
    .unwrap();
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
    assert!(took < Duration::from_secs(2), "refused without waiting for 20 MiB: {took:?}");

    let (address, token) = (app.address.clone(), owner.access_token.clone());
    let (answer, took) =
        actix_web::rt::task::spawn_blocking(move || half_sent_upload(&address, &path, &token, 1024 * 1024))
            .await
            .unwrap();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[cfg(unix)]
#[actix_web::test]
async fn what_pakn_writes_under_its_data_folder_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;

    let app = spawn_app_at(NOW).await;
    let owner = app.citizen("quyen.rieng@example.vn").await;
    let petition = file_as(&app, &owner, &feedback("Bãi rác tự phát ven sông Hương")).await;
    let id = petition["id"].as_str().unwrap();
    assert_eq!(upload(&app, &owner, id, multipart("a.png", "image/png", &png(4, 4), None)).await.status, 201);
    let mode = |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let data = app.config.data_dir.clone();
    let attachments = data.join("attachments");
    assert_eq!(mode(&attachments), 0o700);
    let mut stored = Vec::new();
    let mut folders = vec![attachments];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() { folders.push(path) } else { stored.push(path) }
        }
    }
    assert!(!stored.is_empty());
    for file in stored {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    if let pakn::db::DatabaseUrl::Sqlite(database) = &app.config.database_url {
        assert_eq!(mode(database), 0o600);
    }
}

#[actix_web::test]
async fn a_misspelt_filter_is_named_instead_of_listing_everyone() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let listed = app.get_as(&admin.access_token, "/api/v1/admin/users?emial=an@example.vn").await;
    assert_eq!(listed.assert_problem(422, "validation_failed")["errors"][0]["field"], "emial");
}

#[actix_web::test]
async fn registration_sends_no_word_of_the_registrant_to_an_unproved_address_and_does_not_flood_an_owner() {
    let app = spawn_app().await;
    let spam = "Mua thuốc giảm cân tại trang web lừa đảo";
    let body = json!({ "email": "nan.nhan@example.vn", "password": GOOD_PASSWORD, "full_name": spam });
    assert_eq!(app.post_json("/api/v1/auth/register", &body).await.status, 202);
    let verification = app.mailbox.next_for("nan.nhan@example.vn", 0).await;
    assert!(!verification.text().contains("thuốc giảm cân"), "{}", verification.text());
    for _ in 0..6 {
        assert_eq!(app.post_json("/api/v1/auth/register", &body).await.status, 202, "the same answer every time");
    }
    actix_web::rt::time::sleep(Duration::from_millis(400)).await;
    let mails = app.mailbox.messages_to("nan.nhan@example.vn");
    assert_eq!(mails.len(), 1 + 3, "the confirmation, then three warnings an hour at most");
    assert!(mails.iter().all(|m| !m.text().contains("thuốc giảm cân")));
    let invisible = json!({ "email": "an\u{200b}@example.vn", "password": GOOD_PASSWORD, "full_name": "An" });
    let refused = app.post_json("/api/v1/auth/register", &invisible).await;
    assert_eq!(refused.assert_problem(422, "validation_failed")["errors"][0]["field"], "email");
}
