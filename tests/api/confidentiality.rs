//! A denouncer's identity (Law on Denunciations Art. 47) reaches only the denouncer and, after a
//! recorded unsealing, the reception officers of the handling agency: never other staff, monitors,
//! administrators, the public, other people's e-mails, the database in clear, or the logs.

use std::sync::Arc;

use pakn::clock::FixedClock;
use serde_json::json;

use crate::helpers::{GOOD_PASSWORD, spawn_app_at, spawn_app_configured};
use crate::mailbox::Mailbox;
use crate::petitions::{NOW, file_as};

const NAME: &str = "Trần Thị Bí Mật";
const EMAIL: &str = "bi.mat@example.vn";
const PHONE: &str = "0914 777 888";

fn denunciation() -> serde_json::Value {
    json!({
        "kind": "denunciation",
        "category": "land",
        "title": "Tố cáo cán bộ địa chính nhận tiền",
        "description": "Cán bộ địa chính phường nhận tiền để hợp thức hóa đất lấn chiếm, có người làm chứng.",
        "location": { "admin_unit_code": "19753" }
    })
}

fn assert_no_identity(what: &str, text: &str) {
    for secret in [NAME, EMAIL, PHONE] {
        assert!(!text.contains(secret), "{what} reveals {secret:?}: {text}");
    }
}

#[actix_web::test]
async fn a_denouncers_identity_reaches_only_them_and_a_reception_officer_who_records_why() {
    let app = spawn_app_at(NOW).await;
    let admin = app.admin().await;
    let office = app.agency_id("hue-ban-tiep-cong-dan").await;
    let officer = app.reception_officer(&admin, &office).await;
    let other_officer = app.staff(&admin, "officer", json!({ "agency_id": office })).await;
    let head = app.staff(&admin, "head", json!({ "agency_id": office })).await;
    let monitor = app.staff(&admin, "monitor", json!({ "scope_admin_unit": "46" })).await;
    let denouncer = app.citizen_named(EMAIL, NAME).await;
    app.send_json_as(&denouncer.access_token, "PATCH", "/api/v1/me", &json!({ "phone": PHONE })).await;

    let filed = file_as(&app, &denouncer, &denunciation()).await;
    assert_eq!(filed["confidential"], true, "denunciations are confidential by law");
    assert_eq!(filed["petitioner"]["full_name"], NAME, "the denouncer sees their own name");
    let id = filed["id"].as_str().unwrap().to_string();
    let code = filed["tracking_code"].as_str().unwrap().to_string();
    let path = format!("/api/v1/petitions/{id}");

    for (who, token) in [
        ("the head", &head.access_token),
        ("the monitor", &monitor.access_token),
        ("an administrator", &admin.access_token),
    ] {
        let response = app.get_as(token, &path).await;
        assert_eq!(response.json()["petitioner"]["kind"], "pseudonym", "{who}");
        assert_no_identity(who, &String::from_utf8_lossy(&response.body));
    }
    let officer_view = app.get_as(&officer.access_token, &path).await;
    assert_eq!(officer_view.json()["petitioner"]["unsealable"], true);
    assert_no_identity("the officer before unsealing", &String::from_utf8_lossy(&officer_view.body));
    for (who, token) in [
        ("the officer", &officer.access_token),
        ("an administrator", &admin.access_token),
        ("the monitor", &monitor.access_token),
    ] {
        assert_no_identity(who, &String::from_utf8_lossy(&app.get_as(token, "/api/v1/petitions").await.body));
    }
    assert_no_identity(
        "the public page",
        &String::from_utf8_lossy(&app.get(&format!("/api/v1/public/petitions/{code}")).await.body),
    );

    let unseal = format!("{path}/identity");
    let reason = json!({ "reason": "Cần liên hệ người tố cáo để xác minh nội dung" });
    app.send_json_as(&head.access_token, "POST", &unseal, &reason).await.assert_problem(403, "forbidden");
    app.send_json_as(&monitor.access_token, "POST", &unseal, &reason).await.assert_problem(403, "forbidden");
    // Not every officer of the agency: only one an administrator made a reception officer.
    assert_eq!(app.get_as(&other_officer.access_token, &path).await.json()["petitioner"]["unsealable"], false);
    app.send_json_as(&other_officer.access_token, "POST", &unseal, &reason).await.assert_problem(403, "forbidden");
    app.send_json_as(&officer.access_token, "POST", &unseal, &json!({ "reason": "xem" }))
        .await
        .assert_problem(422, "validation_failed");
    let opened = app.send_json_as(&officer.access_token, "POST", &unseal, &reason).await;
    assert_eq!(opened.header("cache-control"), Some("no-store"));
    assert_eq!((opened.json()["full_name"].as_str(), opened.json()["phone"].as_str()), (Some(NAME), Some(PHONE)));

    let history = app.get_as(&head.access_token, &path).await.json();
    let unsealed = history["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "petition.identity_unsealed")
        .expect("recorded");
    assert_eq!(unsealed["visibility"], "internal");
    let petition_id = pakn::domain::ids::PetitionId::parse(&id).unwrap();
    let recorded = app.with_connection(|c| pakn::db::events::timeline(c, &petition_id, false)).unwrap();
    let entry = recorded.iter().find(|e| e.kind == "petition.identity_unsealed").unwrap();
    assert_eq!(entry.actor_id.as_deref(), Some(officer.id.as_str()));
    assert!(entry.data.canonical_text().contains("xác minh"), "the reason is kept");
    let public = app.get(&format!("/api/v1/public/petitions/{code}")).await.json();
    assert!(public["timeline"].as_array().unwrap().iter().all(|e| e["kind"] != "petition.identity_unsealed"));

    // Nothing stored in clear, and no e-mail to anyone else names the denouncer.
    let stored = app.with_connection(|c| {
        let petition = pakn::db::petitions::find(c, &petition_id).unwrap();
        let identity = pakn::db::petitioners::find(c, &petition_id).unwrap();
        format!("{petition:?} {identity:?} {:?}", pakn::db::events::timeline(c, &petition_id, false).unwrap())
    });
    assert_no_identity("the database", &stored);
    for mail in app.mailbox.messages().iter().filter(|m| !m.to.iter().any(|to| to == EMAIL)) {
        assert_no_identity("an e-mail to someone else", &format!("{} {} {}", mail.subject(), mail.text(), mail.html()));
    }

    // The administrator's outbox view cannot pair the denouncer's address with the petition:
    // the receipt's recipient is hidden and no subject names the petition.
    app.mailbox.next_for(EMAIL, 1).await;
    let outbox = app.get_as(&admin.access_token, "/api/v1/admin/emails?limit=100").await.json();
    let emails = outbox["items"].as_array().unwrap();
    assert!(emails.iter().any(|e| e["recipient_hidden"] == true && e["to_address"].is_null()));
    for email in emails {
        // Only the mail of the account itself (its address confirmation) shows the address.
        let about_the_account = email["subject"] == "Xác nhận địa chỉ thư điện tử của bạn";
        assert!(email["to_address"] != EMAIL || about_the_account, "{email}");
        let subject = email["subject"].as_str().unwrap();
        assert!(!subject.contains(&code) && !subject.contains("địa chính"), "{subject}");
    }
}

#[actix_web::test]
async fn with_identities_kept_offline_a_denunciation_names_only_a_register_entry() {
    let clock = Arc::new(FixedClock(chrono::NaiveDateTime::parse_from_str(NOW, "%Y-%m-%d %H:%M:%S").unwrap()));
    let app = spawn_app_configured(clock, Mailbox::start(), &[("PAKN_IDENTITY_STORAGE", "offline")]).await;
    let admin = app.admin().await;
    let office = app.agency_id("hue-ban-tiep-cong-dan").await;
    let officer = app.reception_officer(&admin, &office).await;
    let head = app.staff(&admin, "head", json!({ "agency_id": office })).await;
    let citizen = app.citizen_named(EMAIL, NAME).await;

    let refused = app.send_json_as(&citizen.access_token, "POST", "/api/v1/petitions", &denunciation()).await;
    assert!(
        refused.assert_problem(422, "validation_failed")["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("in person")
    );

    let mut named = denunciation();
    named["petitioner"] = json!({ "full_name": NAME });
    named["offline_register_reference"] = json!("Sổ tiếp nhận số 45/2026");
    let problem = app
        .send_json_as(&officer.access_token, "POST", "/api/v1/petitions", &named)
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "petitioner");

    let mut offline = denunciation();
    offline["offline_register_reference"] = json!("Sổ tiếp nhận số 45/2026");
    let filed = file_as(&app, &officer, &offline).await;
    assert_eq!(filed["petitioner"]["kind"], "offline");
    assert_eq!(filed["petitioner"]["register_reference"], "Sổ tiếp nhận số 45/2026");
    let head_view =
        app.get_as(&head.access_token, &format!("/api/v1/petitions/{}", filed["id"].as_str().unwrap())).await.json();
    assert!(head_view["petitioner"]["register_reference"].is_null(), "only reception officers see the register entry");

    // Other petitions are sealed online as usual.
    let mut confidential = crate::petitions::feedback("Phản ánh kín về công trình sai phép");
    confidential["confidential"] = json!(true);
    assert_eq!(file_as(&app, &citizen, &confidential).await["petitioner"]["full_name"], NAME);
}

#[test]
fn a_denouncers_name_never_reaches_the_log() {
    use std::process::{Command, Stdio};

    let system = actix_web::rt::System::new();
    system.block_on(async {
        let (_database, url, folder) = crate::helpers::TestDatabase::create();
        std::fs::create_dir_all(&folder).unwrap();
        let mailbox = Mailbox::start();
        let port = Mailbox::free_port();
        let log_path = folder.join("pakn.log");
        let mut server = Command::new(env!("CARGO_BIN_EXE_pakn"))
            .arg("serve")
            .env("PAKN_DATABASE_URL", &url)
            .env("PAKN_DATA_DIR", &folder)
            .env("PAKN_BIND", format!("127.0.0.1:{port}"))
            .env("PAKN_SMTP_URL", mailbox.url())
            .env("PAKN_OUTBOX_POLL_MILLISECONDS", "50")
            .env("PAKN_LOG_FORMAT", "json")
            .env("RUST_LOG", "debug")
            .stdout(std::fs::File::create(&log_path).unwrap())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let client = awc::Client::default();
        let base = format!("http://127.0.0.1:{port}");
        for _ in 0..200 {
            if client.get(format!("{base}/health/ready")).send().await.is_ok_and(|r| r.status() == 200) {
                break;
            }
            actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let register = json!({ "email": EMAIL, "password": GOOD_PASSWORD, "full_name": NAME, "phone": PHONE });
        assert_eq!(
            client.post(format!("{base}/api/v1/auth/register")).send_json(&register).await.unwrap().status(),
            202
        );
        let token = mailbox.next_for(EMAIL, 0).await.token();
        client.post(format!("{base}/api/v1/auth/verify-email")).send_json(&json!({ "token": token })).await.unwrap();
        let mut login = client
            .post(format!("{base}/api/v1/auth/login"))
            .send_json(&json!({ "email": EMAIL, "password": GOOD_PASSWORD }))
            .await
            .unwrap();
        let tokens: serde_json::Value = login.json().await.unwrap();
        let bearer = format!("Bearer {}", tokens["access_token"].as_str().unwrap());
        let mut filed = client
            .post(format!("{base}/api/v1/petitions"))
            .insert_header(("authorization", bearer.as_str()))
            .send_json(&denunciation())
            .await
            .unwrap();
        assert_eq!(filed.status(), 201);
        let petition: serde_json::Value = filed.json().await.unwrap();
        client
            .get(format!("{base}/api/v1/public/petitions/{}", petition["tracking_code"].as_str().unwrap()))
            .send()
            .await
            .unwrap();
        client
            .get(format!("{base}/api/v1/petitions/{}", petition["id"].as_str().unwrap()))
            .insert_header(("authorization", bearer.as_str()))
            .send()
            .await
            .unwrap();
        mailbox.wait_for(EMAIL, 2).await;
        server.kill().unwrap();
        let _ = server.wait();
        let log = std::fs::read_to_string(&log_path).unwrap();
        assert!(log.contains("petitions"), "the log was written: {log}");
        assert_no_identity("the log", &log);
    });
}
