//! Filing petitions and following them: every kind, validation, idempotent retries, tracking codes,
//! receipts, the public status page, withdrawal, listings and diacritics-blind search.

use serde_json::{Value, json};

use crate::helpers::{SignedInUser, TestApp, spawn_app_at};

/// Thursday 26 November 2026, 10:00 in Huế.
pub const NOW: &str = "2026-11-26 03:00:00";

pub fn complaint() -> Value {
    json!({
        "kind": "complaint",
        "category": "compensation_resettlement",
        "title": "Khiếu nại mức bồi thường đất ở",
        "description": "Mức bồi thường đất ở tại thửa 123 thấp hơn giá thị trường và không đúng bảng giá đất.",
        "location": { "admin_unit_code": "19753", "address": "12 Lê Lợi", "lat": 16.4637, "lon": 107.5909 },
        "related_project": "Dự án mở rộng đường Lê Lợi",
        "decision_reference": { "number": "Quyết định 1234/QĐ-UBND", "date": "2026-10-01" }
    })
}

pub fn feedback(title: &str) -> Value {
    json!({
        "kind": "feedback",
        "category": "environmental_pollution",
        "title": title,
        "description": "Bãi rác tự phát ven sông gây mùi hôi suốt nhiều tuần, ảnh hưởng sức khỏe người dân.",
        "location": { "admin_unit_code": "19900" }
    })
}

pub async fn file_as(app: &TestApp, user: &SignedInUser, body: &Value) -> Value {
    let response = app.send_json_as(&user.access_token, "POST", "/api/v1/petitions", body).await;
    assert_eq!(response.status, 201, "{}", String::from_utf8_lossy(&response.body));
    response.json()
}

#[actix_web::test]
async fn a_citizens_complaint_gets_a_tracking_code_a_deadline_a_queue_and_a_receipt() {
    let app = spawn_app_at(NOW).await;
    let citizen = app.citizen("dan@example.vn").await;
    let response = app.send_json_as(&citizen.access_token, "POST", "/api/v1/petitions", &complaint()).await;
    assert_eq!(response.status, 201);
    assert_eq!(response.header("etag"), Some("\"1\""));
    let petition = response.json();
    assert_eq!(response.header("location").unwrap(), format!("/api/v1/petitions/{}", petition["id"].as_str().unwrap()));
    assert_eq!((petition["status"].as_str(), petition["channel"].as_str()), (Some("received"), Some("web")));
    assert_eq!(petition["assigned_agency"]["name"], "Ban Tiếp công dân thành phố Huế");
    assert_eq!(petition["responsible_head"]["title"], "Trưởng Ban Tiếp công dân thành phố");
    assert_eq!(petition["admin_unit"]["name"], "Phường Phú Xuân");
    // Received Thu 26 Nov; ten days end Sun 6 Dec, so the period runs to Mon 7 Dec.
    assert_eq!(petition["deadlines"]["acceptance"]["due"], "2026-12-07");
    assert_eq!(petition["deadlines"]["acceptance"]["working_days_left"], 7);
    assert_eq!(petition["petitioner"]["full_name"], "Nguyễn Văn Dân");

    let code = petition["tracking_code"].as_str().unwrap();
    let receipt = app.mailbox.next_for("dan@example.vn", 1).await;
    assert_eq!(receipt.subject(), "Đã tiếp nhận đơn của bạn", "no code and no title in a subject");
    assert!(receipt.text().contains(code) && receipt.text().contains(petition["title"].as_str().unwrap()));
    assert!(receipt.text().contains(&format!("https://pakn.test/track/{code}")));
    assert!(receipt.text().contains("07/12/2026"));
}

#[actix_web::test]
async fn every_bad_field_of_a_filing_is_named_and_nothing_is_filed() {
    let app = spawn_app_at(NOW).await;
    let citizen = app.citizen("bad@example.vn").await;
    let body = json!({
        "kind": "complaint",
        "category": "weather",
        "title": "Đất",
        "description": "Quá ngắn\u{0007}",
        "location": { "admin_unit_code": "475", "lat": 48.85, "lon": 2.35 },
        "decision_reference": { "number": "QĐ 1", "date": "2027-01-01" }
    });
    let problem = app
        .send_json_as(&citizen.access_token, "POST", "/api/v1/petitions", &body)
        .await
        .assert_problem(422, "validation_failed");
    let fields: Vec<&str> =
        problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    for field in [
        "title",
        "description",
        "location.lat",
        "location.lon",
        "category",
        "location.admin_unit_code",
        "decision_reference.date",
    ] {
        assert!(fields.contains(&field), "{field} missing from {fields:?}");
    }
    let mut no_decision = complaint();
    no_decision.as_object_mut().unwrap().remove("decision_reference");
    let problem = app
        .send_json_as(&citizen.access_token, "POST", "/api/v1/petitions", &no_decision)
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "decision_reference");
    let wrong_type = app.send_json_as(&citizen.access_token, "POST", "/api/v1/petitions", &json!({ "kind": 3 })).await;
    assert_eq!(wrong_type.assert_problem(422, "validation_failed")["errors"][0]["field"], "kind");
    assert_eq!(app.get_as(&citizen.access_token, "/api/v1/me/petitions").await.json()["total"], 0);
}

#[actix_web::test]
async fn anonymous_feedback_is_accepted_but_an_anonymous_complaint_is_not() {
    let app = spawn_app_at(NOW).await;
    let mut body = feedback("Bãi rác tự phát ven sông Hương");
    body["contact_email"] = json!("nguoidan@example.vn");
    let response = app.post_json("/api/v1/petitions", &body).await;
    assert_eq!(response.status, 201);
    let public = response.json();
    assert!(public.get("title").is_none(), "an anonymous filer gets the public view");
    let code = public["tracking_code"].as_str().unwrap();
    // A receipt to an address nobody proved: the code, and no word the filer wrote.
    let receipt = app.mailbox.next_for("nguoidan@example.vn", 0).await;
    assert!(receipt.text().contains(code));
    assert!(!receipt.text().contains(body["title"].as_str().unwrap()), "{}", receipt.text());

    let refused = app.post_json("/api/v1/petitions", &complaint()).await.assert_problem(422, "validation_failed");
    assert_eq!(refused["errors"][0]["field"], "kind");
    assert!(refused["errors"][0]["message"].as_str().unwrap().contains("sign in"));
}

#[actix_web::test]
async fn a_retried_filing_with_the_same_key_files_once() {
    let app = spawn_app_at(NOW).await;
    let citizen = app.citizen("retry@example.vn").await;
    let bearer = format!("Bearer {}", citizen.access_token);
    let headers =
        [("authorization", bearer.as_str()), ("content-type", "application/json"), ("idempotency-key", "mobile-7f3a")];
    let body = complaint().to_string().into_bytes();
    let first = app.request("POST", "/api/v1/petitions", Some(body.clone()), &headers).await;
    let second = app.request("POST", "/api/v1/petitions", Some(body), &headers).await;
    assert_eq!((first.status, second.status), (201, 201));
    assert_eq!(second.header("idempotent-replayed"), Some("true"));
    assert_eq!(first.json()["id"], second.json()["id"]);
    assert_eq!(app.get_as(&citizen.access_token, "/api/v1/me/petitions").await.json()["total"], 1);

    let other_body = feedback("Một phản ánh khác hoàn toàn").to_string().into_bytes();
    let reused = app
        .request("POST", "/api/v1/petitions", Some(other_body), &headers)
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(reused["errors"][0]["field"], "Idempotency-Key");
    assert_eq!(app.get_as(&citizen.access_token, "/api/v1/me/petitions").await.json()["total"], 1);
    app.mailbox.wait_for("retry@example.vn", 2).await;
    actix_web::rt::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        app.mailbox.messages_to("retry@example.vn").len(),
        2,
        "one confirmation and one receipt, not two receipts"
    );
}

#[actix_web::test]
async fn the_public_status_shows_the_handling_but_no_person_and_catches_mistyped_codes() {
    let app = spawn_app_at(NOW).await;
    let citizen = app.citizen("public@example.vn").await;
    let petition = file_as(&app, &citizen, &complaint()).await;
    let code = petition["tracking_code"].as_str().unwrap().to_string();

    let public = app.get(&format!("/api/v1/public/petitions/{code}")).await;
    assert_eq!(public.status, 200);
    let body = public.json();
    assert_eq!((body["status"].as_str(), body["kind"].as_str()), (Some("received"), Some("complaint")));
    assert_eq!(body["responsible_head"]["title"], "Trưởng Ban Tiếp công dân thành phố");
    assert_eq!(body["timeline"][0]["kind"], "petition.filed");
    let text = String::from_utf8_lossy(&public.body).to_string();
    for private in ["Nguyễn Văn Dân", "public@example.vn", "12 Lê Lợi", "thửa 123", "Khiếu nại mức bồi thường"]
    {
        assert!(!text.contains(private), "the public page shows {private:?}");
    }

    let sloppy = code.to_lowercase().replace('-', " ");
    assert_eq!(app.get(&format!("/api/v1/public/petitions/{}", sloppy.replace(' ', "%20"))).await.status, 200);
    let mut typo: Vec<char> = code.chars().collect();
    let last = typo.len() - 2;
    typo[last] = if typo[last] == '7' { '8' } else { '7' };
    let typo: String = typo.into_iter().collect();
    app.get(&format!("/api/v1/public/petitions/{typo}")).await.assert_problem(404, "not_found");
    app.get("/api/v1/public/petitions/PA-00000-00000").await.assert_problem(404, "not_found");
    app.get("/api/v1/public/petitions/%27%20OR%201=1--").await.assert_problem(404, "not_found");
}

#[actix_web::test]
async fn a_petitioner_withdraws_once_and_nobody_else_can() {
    let app = spawn_app_at(NOW).await;
    let citizen = app.citizen("withdraw@example.vn").await;
    let stranger = app.citizen("stranger@example.vn").await;
    let petition = file_as(&app, &citizen, &feedback("Đèn đường hỏng nhiều ngày")).await;
    let path = format!("/api/v1/petitions/{}/withdraw", petition["id"].as_str().unwrap());

    app.send_json_as(&stranger.access_token, "POST", &path, &json!({})).await.assert_problem(404, "not_found");
    let bearer = format!("Bearer {}", citizen.access_token);
    let stale = [("authorization", bearer.as_str()), ("content-type", "application/json"), ("if-match", "\"7\"")];
    app.request("POST", &path, Some(b"{}".to_vec()), &stale).await.assert_problem(409, "edit_conflict");

    let withdrawn = app.send_json_as(&citizen.access_token, "POST", &path, &json!({ "reason": "Đã được sửa" })).await;
    assert_eq!(withdrawn.header("etag"), Some("\"2\""));
    let body = withdrawn.json();
    assert_eq!((body["status"].as_str(), body["version"].as_i64()), (Some("withdrawn"), Some(2)));
    assert_eq!(body["timeline"][1]["kind"], "petition.withdrawn");
    let again = app.send_json_as(&citizen.access_token, "POST", &path, &json!({})).await;
    let problem = again.assert_problem(409, "wrong_status");
    assert_eq!(
        (problem["current_status"].as_str(), problem["allowed_actions"].as_array().map(Vec::len)),
        (Some("withdrawn"), Some(0))
    );
    let public = app.get(&format!("/api/v1/public/petitions/{}", body["tracking_code"].as_str().unwrap())).await.json();
    assert_eq!(public["status"], "withdrawn");
}

#[actix_web::test]
async fn an_officer_records_a_petition_received_in_person_on_someones_behalf() {
    let app = spawn_app_at(NOW).await;
    let admin = app.admin().await;
    let office = app.agency_id("hue-ban-tiep-cong-dan").await;
    let officer = app.staff(&admin, "officer", json!({ "agency_id": office })).await;
    let mut body = complaint();
    body["channel"] = json!("in_person");
    body["petitioner"] = json!({ "full_name": "Lê Thị Bà", "phone": "0905 111 222", "email": "ba@example.vn" });
    let petition = file_as(&app, &officer, &body).await;
    assert_eq!(petition["channel"], "in_person");
    assert_eq!(petition["petitioner"]["full_name"], "Lê Thị Bà");
    assert!(
        app.mailbox.next_for("ba@example.vn", 0).await.text().contains(petition["tracking_code"].as_str().unwrap())
    );

    let mut nameless = complaint();
    nameless["channel"] = json!("post");
    let problem = app
        .send_json_as(&officer.access_token, "POST", "/api/v1/petitions", &nameless)
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "kind");
    let mut web = complaint();
    web["channel"] = json!("web");
    web["petitioner"] = json!({ "full_name": "Ai Đó" });
    app.send_json_as(&officer.access_token, "POST", "/api/v1/petitions", &web)
        .await
        .assert_problem(422, "validation_failed");
    let monitor = app.staff(&admin, "monitor", json!({ "scope_admin_unit": "46" })).await;
    app.send_json_as(&monitor.access_token, "POST", "/api/v1/petitions", &feedback("Giám sát viên không gửi đơn"))
        .await
        .assert_problem(403, "forbidden");
}

#[actix_web::test]
async fn listings_follow_the_role_and_search_ignores_diacritics() {
    let app = spawn_app_at(NOW).await;
    let admin = app.admin().await;
    let office = app.agency_id("hue-ban-tiep-cong-dan").await;
    let officer = app.staff(&admin, "officer", json!({ "agency_id": office })).await;
    let elsewhere = app.staff(&admin, "officer", json!({ "agency_id": app.agency_id("ubnd-xa-phu-vang").await })).await;
    let thuan_an_monitor = app.staff(&admin, "monitor", json!({ "scope_admin_unit": "19900" })).await;
    let citizen = app.citizen("lists@example.vn").await;
    let other = app.citizen("other@example.vn").await;
    file_as(&app, &citizen, &complaint()).await; // in Phú Xuân
    file_as(&app, &citizen, &feedback("Đất đai bị lấn chiếm ven sông")).await; // in Thuận An
    file_as(&app, &other, &feedback("Ô nhiễm tiếng ồn ban đêm")).await; // in Thuận An

    let total = |body: Value| body["total"].as_i64().unwrap();
    assert_eq!(total(app.get_as(&citizen.access_token, "/api/v1/me/petitions").await.json()), 2);
    assert_eq!(
        total(app.get_as(&citizen.access_token, "/api/v1/petitions").await.json()),
        2,
        "a citizen's queue is their own"
    );
    assert_eq!(total(app.get_as(&officer.access_token, "/api/v1/petitions").await.json()), 3);
    assert_eq!(total(app.get_as(&elsewhere.access_token, "/api/v1/petitions").await.json()), 0);
    assert_eq!(total(app.get_as(&thuan_an_monitor.access_token, "/api/v1/petitions").await.json()), 2);
    assert_eq!(total(app.get_as(&admin.access_token, "/api/v1/petitions?kind=complaint").await.json()), 1);

    let found = app.get_as(&officer.access_token, "/api/v1/petitions?q=dat%20dai").await.json();
    assert_eq!(found["total"], 1);
    assert_eq!(found["items"][0]["title"], "Đất đai bị lấn chiếm ven sông");
    assert_eq!(total(app.get_as(&officer.access_token, "/api/v1/petitions?q=O%20NHIEM").await.json()), 1);
    assert_eq!(total(app.get_as(&officer.access_token, "/api/v1/petitions?q=ieng").await.json()), 1, "part of a word");
    assert_eq!(total(app.get_as(&officer.access_token, "/api/v1/petitions?q=dat%20nhiem").await.json()), 0);
    assert_eq!(
        total(app.get_as(&officer.access_token, "/api/v1/petitions?q=%25").await.json()),
        3,
        "a wildcard is no wildcard"
    );

    let first = app.get_as(&officer.access_token, "/api/v1/petitions?limit=2").await.json();
    let cursor = first["next_cursor"].as_str().unwrap();
    let rest = app.get_as(&officer.access_token, &format!("/api/v1/petitions?limit=2&cursor={cursor}")).await.json();
    assert_eq!((first["items"].as_array().unwrap().len(), rest["items"].as_array().unwrap().len()), (2, 1));
    let bad = app
        .get_as(&officer.access_token, "/api/v1/petitions?status=lost&kind=rumour")
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(bad["errors"].as_array().unwrap().len(), 2);
}

#[actix_web::test]
async fn anonymous_filings_from_one_address_are_capped() {
    let app = spawn_app_at(NOW).await;
    for n in 0..20 {
        let response = app.post_json("/api/v1/petitions", &feedback(&format!("Phản ánh ẩn danh số {n}"))).await;
        assert_eq!(response.status, 201, "filing {n}");
    }
    let capped = app.post_json("/api/v1/petitions", &feedback("Phản ánh ẩn danh thứ hai mươi mốt")).await;
    capped.assert_problem(429, "rate_limited");
    assert!(capped.header("retry-after").is_some());
    // A signed-in citizen is not affected.
    let citizen = app.citizen("named@example.vn").await;
    file_as(&app, &citizen, &feedback("Phản ánh có danh tính")).await;
}

#[actix_web::test]
async fn a_bad_token_on_a_filing_is_refused_not_taken_as_anonymous() {
    let app = spawn_app_at(NOW).await;
    let body = feedback("Phản ánh kèm mã truy cập hỏng").to_string().into_bytes();
    for header in ["Bearer not-a-token", "Basic dXNlcjpwYXNz"] {
        let response = app
            .request(
                "POST",
                "/api/v1/petitions",
                Some(body.clone()),
                &[("authorization", header), ("content-type", "application/json")],
            )
            .await;
        response.assert_problem(401, "unauthorized");
    }
    let admin = app.admin().await;
    assert_eq!(app.get_as(&admin.access_token, "/api/v1/petitions").await.json()["total"], 0, "nothing was filed");
}
