//! Every role against every protected route: allowed, refused (403), or not signed in (401); and a
//! refused request changes nothing. A steering committee's inspector gets what a Fatherland Front
//! monitor gets, column by column.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::helpers::{SignedInUser, TestApp, spawn_app};

/// Who asks, as the table names them.
const ACTORS: [&str; 8] =
    ["anonymous", "citizen", "officer", "officer_elsewhere", "head", "monitor", "inspector", "admin"];

struct Case {
    method: &'static str,
    /// The spec's path template, for checking the table covers every protected route.
    template: &'static str,
    path: String,
    body: Option<Value>,
    /// A body that is not JSON: (content type, bytes).
    raw: Option<(String, Vec<u8>)>,
    /// The status each actor of `ACTORS` gets, in order.
    expected: [u16; 8],
}

fn case(method: &'static str, template: &'static str, path: String, body: Option<Value>, expected: [u16; 8]) -> Case {
    Case { method, template, path, body, raw: None, expected }
}

/// A one-file multipart upload of a tiny PDF.
fn pdf_upload() -> (String, Vec<u8>) {
    let boundary = "authorization-table";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"biên bản.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n\r\n--{boundary}--\r\n"
    );
    (format!("multipart/form-data; boundary={boundary}"), body.into_bytes())
}

struct Cast {
    citizen: SignedInUser,
    officer: SignedInUser,
    officer_elsewhere: SignedInUser,
    head: SignedInUser,
    monitor: SignedInUser,
    inspector: SignedInUser,
    admin: SignedInUser,
    agency: String,
}

async fn cast(app: &TestApp) -> Cast {
    let admin = app.admin().await;
    let agency = app.agency_id("ubnd-phuong-phu-xuan").await;
    let elsewhere = app.agency_id("ubnd-xa-phu-vang").await;
    Cast {
        citizen: app.citizen("citizen@example.vn").await,
        officer: app.staff(&admin, "officer", json!({ "agency_id": agency })).await,
        officer_elsewhere: app.staff(&admin, "officer", json!({ "agency_id": elsewhere })).await,
        head: app.staff(&admin, "head", json!({ "agency_id": agency })).await,
        monitor: app.staff(&admin, "monitor", json!({ "scope_admin_unit": "46" })).await,
        inspector: app.staff(&admin, "inspector", json!({ "scope_admin_unit": "46" })).await,
        admin,
        agency,
    }
}

impl Cast {
    fn token(&self, actor: &str) -> Option<&str> {
        let user = match actor {
            "citizen" => &self.citizen,
            "officer" => &self.officer,
            "officer_elsewhere" => &self.officer_elsewhere,
            "head" => &self.head,
            "monitor" => &self.monitor,
            "inspector" => &self.inspector,
            "admin" => &self.admin,
            _ => return None,
        };
        Some(&user.access_token)
    }
}

#[actix_web::test]
async fn each_role_gets_exactly_what_the_authorization_rules_allow() {
    let app = spawn_app().await;
    let cast = cast(&app).await;
    let nobody = "00000000-0000-4000-8000-000000000000";
    let staff = format!("/api/v1/agencies/{}/staff", cast.agency);
    let citizen_path = format!("/api/v1/admin/users/{}", cast.citizen.id);
    let filed =
        crate::petitions::file_as(&app, &cast.citizen, &crate::petitions::feedback("Cống thoát nước bị tắc")).await;
    let petition = format!("/api/v1/petitions/{}", filed["id"].as_str().unwrap());
    // A complaint against the ward: in the ward's queue. The workflow rows send bodies that are
    // well-formed but wrong, so whoever is let through gets 422 (or 409 from this status) and
    // nothing changes between rows.
    let mut against_the_ward = crate::petitions::complaint();
    against_the_ward["respondent_agency_id"] = json!(cast.agency);
    let complaint = crate::petitions::file_as(&app, &cast.citizen, &against_the_ward).await;
    let handled = format!("/api/v1/petitions/{}", complaint["id"].as_str().unwrap());
    let step = |action: &str| format!("{handled}/{action}");
    let dashboard = format!("/api/v1/agencies/{}/dashboard", cast.agency);
    let (content_type, bytes) = pdf_upload();
    let bearer = format!("Bearer {}", cast.citizen.access_token);
    let uploaded = app
        .request(
            "POST",
            &format!("{petition}/attachments"),
            Some(bytes),
            &[("authorization", &bearer), ("content-type", &content_type)],
        )
        .await
        .json();
    let attachment = uploaded["id"].as_str().unwrap().to_string();
    let reception = format!("/api/v1/agencies/{}/reception-sessions", cast.agency);
    let session = crate::reception::schedule(&app, &cast.head, &cast.agency, 10).await;
    let session = format!("/api/v1/reception-sessions/{}", session["id"].as_str().unwrap());
    let cases = vec![
        case(
            "GET",
            "/api/v1/agencies/{id}/reception-sessions",
            reception.clone(),
            None,
            [401, 403, 200, 403, 200, 200, 200, 200],
        ),
        case(
            "POST",
            "/api/v1/agencies/{id}/reception-sessions",
            reception,
            Some(
                json!({ "held_on": "2001-01-01", "starts_at": "08:00", "ends_at": "11:00", "place": "Trụ sở", "receiver": "head", "receiver_name": "Chủ tịch" }),
            ),
            [401, 403, 422, 403, 422, 403, 403, 403],
        ),
        case(
            "GET",
            "/api/v1/agencies/{id}/reception-months/{month}",
            format!("/api/v1/agencies/{}/reception-months/2026-07", cast.agency),
            None,
            [401, 403, 200, 403, 200, 200, 200, 200],
        ),
        case("GET", "/api/v1/reception-sessions/{id}", session.clone(), None, [401, 404, 200, 404, 200, 200, 200, 200]),
        case(
            "POST",
            "/api/v1/reception-sessions/{id}/cancel",
            format!("{session}/cancel"),
            Some(json!({ "reason": "x" })),
            [401, 403, 422, 403, 422, 403, 403, 403],
        ),
        case(
            "POST",
            "/api/v1/reception-sessions/{id}/held",
            format!("{session}/held"),
            Some(json!({ "attended": 1, "summary": "Tiếp một công dân." })),
            [401, 403, 409, 403, 409, 403, 403, 403],
        ),
        case(
            "POST",
            "/api/v1/reception-sessions/{id}/not-held",
            format!("{session}/not-held"),
            Some(json!({ "reason": "Bão, trụ sở đóng cửa." })),
            [401, 403, 409, 403, 409, 403, 403, 403],
        ),
        case(
            "GET",
            "/api/v1/reception-sessions/{id}/bookings",
            format!("{session}/bookings"),
            None,
            [401, 403, 200, 403, 200, 403, 403, 403],
        ),
        case(
            "POST",
            "/api/v1/reception-sessions/{id}/bookings",
            format!("{session}/bookings"),
            Some(json!({ "subject": "x" })),
            [401, 422, 403, 403, 403, 403, 403, 403],
        ),
        case(
            "GET",
            "/api/v1/me/reception-bookings",
            "/api/v1/me/reception-bookings".into(),
            None,
            [401, 200, 403, 403, 403, 403, 403, 403],
        ),
        case(
            "GET",
            "/api/v1/oversight/reception-shortfalls",
            "/api/v1/oversight/reception-shortfalls?month=2026-07".into(),
            None,
            [401, 403, 403, 403, 403, 200, 200, 200],
        ),
        case(
            "GET",
            "/api/v1/admin/reception-rules",
            "/api/v1/admin/reception-rules".into(),
            None,
            [401, 403, 403, 403, 403, 403, 403, 200],
        ),
        case(
            "POST",
            "/api/v1/admin/reception-rules",
            "/api/v1/admin/reception-rules".into(),
            Some(
                json!({ "agency_kind": "department", "days": 0, "per": "month", "basis": "Luật Tiếp công dân 2013", "effective_from": "2030-01-01" }),
            ),
            [401, 403, 403, 403, 403, 403, 403, 422],
        ),
        case("GET", "/api/v1/me", "/api/v1/me".into(), None, [401, 200, 200, 200, 200, 200, 200, 200]),
        case("PATCH", "/api/v1/me", "/api/v1/me".into(), Some(json!({})), [401, 200, 200, 200, 200, 200, 200, 200]),
        case(
            "POST",
            "/api/v1/me/password",
            "/api/v1/me/password".into(),
            Some(json!({ "current_password": "wrong wrong wrong", "new_password": "a brand new long password" })),
            [401, 422, 422, 422, 422, 422, 422, 422],
        ),
        case("GET", "/api/v1/agencies/{id}/staff", staff, None, [401, 403, 200, 403, 200, 403, 403, 200]),
        case(
            "GET",
            "/api/v1/admin/users",
            "/api/v1/admin/users".into(),
            None,
            [401, 403, 403, 403, 403, 403, 403, 200],
        ),
        case(
            "POST",
            "/api/v1/admin/users",
            "/api/v1/admin/users".into(),
            Some(json!({ "email": "new-admin@hue.gov.vn", "full_name": "Quản Trị Mới", "role": "admin" })),
            [401, 403, 403, 403, 403, 403, 403, 201],
        ),
        case("GET", "/api/v1/admin/users/{id}", citizen_path.clone(), None, [401, 403, 403, 403, 403, 403, 403, 200]),
        case(
            "PATCH",
            "/api/v1/admin/users/{id}",
            citizen_path,
            Some(json!({ "disabled": false })),
            [401, 403, 403, 403, 403, 403, 403, 200],
        ),
        case(
            "GET",
            "/api/v1/admin/emails",
            "/api/v1/admin/emails".into(),
            None,
            [401, 403, 403, 403, 403, 403, 403, 200],
        ),
        case(
            "GET",
            "/api/v1/admin/open311-keys",
            "/api/v1/admin/open311-keys".into(),
            None,
            [401, 403, 403, 403, 403, 403, 403, 200],
        ),
        case(
            "POST",
            "/api/v1/admin/open311-keys",
            "/api/v1/admin/open311-keys".into(),
            Some(json!({ "client_name": "Ứng dụng thử" })),
            [401, 403, 403, 403, 403, 403, 403, 201],
        ),
        case(
            "DELETE",
            "/api/v1/admin/open311-keys/{id}",
            format!("/api/v1/admin/open311-keys/{nobody}"),
            None,
            [401, 403, 403, 403, 403, 403, 403, 404],
        ),
        case(
            "POST",
            "/api/v1/admin/emails/{id}/retry",
            format!("/api/v1/admin/emails/{nobody}/retry"),
            None,
            [401, 403, 403, 403, 403, 403, 403, 404],
        ),
        case(
            "POST",
            "/api/v1/agencies",
            "/api/v1/agencies".into(),
            Some(
                json!({ "code": "new-agency", "name": "Cơ quan mới", "kind": "other", "admin_unit_code": "46", "head_title": "Thủ trưởng" }),
            ),
            [401, 403, 403, 403, 403, 403, 403, 201],
        ),
        case(
            "PATCH",
            "/api/v1/agencies/{id}",
            format!("/api/v1/agencies/{}", cast.agency),
            Some(json!({ "phone": "0234 3822 000" })),
            [401, 403, 403, 403, 403, 403, 403, 200],
        ),
        case(
            "POST",
            "/api/v1/categories",
            "/api/v1/categories".into(),
            Some(json!({ "code": "water_supply", "name_vi": "Cấp nước", "name_en": "Water supply" })),
            [401, 403, 403, 403, 403, 403, 403, 201],
        ),
        case(
            "PATCH",
            "/api/v1/categories/{code}",
            "/api/v1/categories/other".into(),
            Some(json!({ "sort_order": 99 })),
            [401, 403, 403, 403, 403, 403, 403, 200],
        ),
        case(
            "PUT",
            "/api/v1/holidays/{date}",
            "/api/v1/holidays/2027-11-24".into(),
            Some(
                json!({ "kind": "public_holiday", "name_vi": "Ngày Văn hóa Việt Nam", "name_en": "Vietnam Culture Day", "source": "test" }),
            ),
            [401, 403, 403, 403, 403, 403, 403, 201],
        ),
        case(
            "PUT",
            "/api/v1/holiday-years/{year}",
            "/api/v1/holiday-years/2027".into(),
            Some(json!({ "status": "announced", "source": "Thông báo của Bộ Nội vụ (test)" })),
            [401, 403, 403, 403, 403, 403, 403, 200],
        ),
        case(
            "DELETE",
            "/api/v1/holidays/{date}",
            "/api/v1/holidays/2027-11-24".into(),
            None,
            [401, 403, 403, 403, 403, 403, 403, 204],
        ),
        case(
            "PUT",
            "/api/v1/deadline-rules/{kind}/{round}",
            "/api/v1/deadline-rules/feedback/first".into(),
            Some(json!({
                "acceptance": { "length": 2, "unit": "working_days" },
                "resolution": { "unit": "working_days", "normal": 10, "complex": 10, "remote": 10, "remote_complex": 10 },
                "extension": { "length": 10, "unit": "working_days" },
                "extensions_allowed": { "normal": 1, "complex": 1, "especially_complex": 1 },
                "source": "local policy"
            })),
            [401, 403, 403, 403, 403, 403, 403, 200],
        ),
        case(
            "POST",
            "/api/v1/routing-rules",
            "/api/v1/routing-rules".into(),
            Some(json!({ "category": "land", "admin_unit_code": "19753", "agency_id": cast.agency })),
            [401, 403, 403, 403, 403, 403, 403, 201],
        ),
        case(
            "DELETE",
            "/api/v1/routing-rules/{id}",
            "/api/v1/routing-rules/00000000-0000-4000-8000-000000000000".into(),
            None,
            [401, 403, 403, 403, 403, 403, 403, 404],
        ),
        case(
            "GET",
            "/api/v1/me/petitions",
            "/api/v1/me/petitions".into(),
            None,
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        case("GET", "/api/v1/petitions", "/api/v1/petitions".into(), None, [401, 200, 200, 200, 200, 200, 200, 200]),
        // The petition sits in the coordinating office's queue: the ward's staff may not even see it.
        case("GET", "/api/v1/petitions/{id}", petition.clone(), None, [401, 200, 404, 404, 404, 200, 200, 200]),
        case(
            "POST",
            "/api/v1/petitions/{id}/identity",
            format!("{petition}/identity"),
            Some(json!({ "reason": "Cần xác minh với người phản ánh" })),
            [401, 403, 404, 404, 404, 403, 403, 403],
        ),
        Case {
            method: "POST",
            template: "/api/v1/petitions/{id}/attachments",
            path: format!("{petition}/attachments"),
            body: None,
            raw: Some(pdf_upload()),
            expected: [401, 201, 404, 404, 404, 403, 403, 403],
        },
        case(
            "GET",
            "/api/v1/petitions/{id}/attachments",
            format!("{petition}/attachments"),
            None,
            [401, 200, 404, 404, 404, 200, 200, 200],
        ),
        case(
            "GET",
            "/api/v1/petitions/{id}/attachments/{attachment_id}",
            format!("{petition}/attachments/{attachment}"),
            None,
            [401, 200, 404, 404, 404, 200, 200, 200],
        ),
        case(
            "POST",
            "/api/v1/petitions/{id}/accept",
            step("accept"),
            Some(json!({ "complexity": "bogus" })),
            [401, 403, 422, 404, 422, 403, 403, 403],
        ),
        case(
            "POST",
            "/api/v1/petitions/{id}/refuse",
            step("refuse"),
            Some(json!({ "reason_code": "bogus", "explanation": "x" })),
            [401, 403, 422, 404, 422, 403, 403, 403],
        ),
        case(
            "POST",
            "/api/v1/petitions/{id}/transfer",
            step("transfer"),
            Some(json!({ "to_agency_id": "nope", "reason": "x" })),
            [401, 403, 422, 404, 422, 403, 403, 422],
        ),
        case(
            "POST",
            "/api/v1/petitions/{id}/assign",
            step("assign"),
            Some(json!({ "assignee_id": "nope" })),
            [401, 403, 403, 404, 409, 403, 403, 403],
        ),
        case(
            "POST",
            "/api/v1/petitions/{id}/request-information",
            step("request-information"),
            Some(json!({ "question": "" })),
            [401, 403, 409, 404, 409, 403, 403, 403],
        ),
        case(
            "POST",
            "/api/v1/petitions/{id}/record-dialogue",
            step("record-dialogue"),
            Some(json!({ "held_on": "2026-01-01", "participants": "", "summary": "" })),
            [401, 403, 409, 404, 409, 403, 403, 403],
        ),
        case(
            "POST",
            "/api/v1/petitions/{id}/extend",
            step("extend"),
            Some(json!({ "reason": "" })),
            [401, 403, 403, 404, 409, 403, 403, 403],
        ),
        case(
            "POST",
            "/api/v1/petitions/{id}/extend-intake",
            step("extend-intake"),
            Some(json!({ "reason": "" })),
            [401, 403, 422, 404, 422, 403, 403, 403],
        ),
        case(
            "POST",
            "/api/v1/petitions/{id}/suspend",
            step("suspend"),
            Some(json!({ "ground": "bogus", "reason": "" })),
            [401, 403, 403, 404, 409, 403, 403, 403],
        ),
        case(
            "POST",
            "/api/v1/petitions/{id}/resume",
            step("resume"),
            Some(json!({})),
            [401, 403, 403, 404, 409, 403, 403, 403],
        ),
        case(
            "POST",
            "/api/v1/petitions/{id}/withdraw-part",
            step("withdraw-part"),
            Some(json!({ "contents": "" })),
            [401, 422, 403, 404, 403, 403, 403, 403],
        ),
        case(
            "POST",
            "/api/v1/petitions/{id}/resolve",
            step("resolve"),
            Some(json!({ "outcome": "bogus", "answer": "" })),
            [401, 403, 403, 404, 409, 403, 403, 403],
        ),
        case(
            "POST",
            "/api/v1/petitions/{id}/rate",
            step("rate"),
            Some(json!({ "rating": "bogus" })),
            [401, 409, 403, 404, 403, 403, 403, 403],
        ),
        case(
            "POST",
            "/api/v1/petitions/{id}/appeal",
            step("appeal"),
            Some(json!({ "reason": "" })),
            [401, 409, 403, 404, 403, 403, 403, 403],
        ),
        case(
            "POST",
            "/api/v1/petitions/{id}/reopen",
            step("reopen"),
            Some(json!({ "reason": "" })),
            [401, 403, 403, 404, 409, 403, 403, 409],
        ),
        case(
            "POST",
            "/api/v1/petitions/{id}/not-fixed",
            step("not-fixed"),
            Some(json!({ "reason": "" })),
            [401, 409, 403, 404, 403, 403, 403, 403],
        ),
        case(
            "POST",
            "/api/v1/petitions/{id}/merge",
            step("merge"),
            Some(json!({ "into_petition_id": "nope" })),
            [401, 403, 422, 404, 403, 403, 403, 403],
        ),
        case(
            "GET",
            "/api/v1/petitions/{id}/messages",
            step("messages"),
            None,
            [401, 200, 200, 404, 200, 200, 200, 200],
        ),
        case(
            "POST",
            "/api/v1/petitions/{id}/messages",
            step("messages"),
            Some(json!({ "body": "" })),
            [401, 422, 422, 404, 422, 403, 403, 403],
        ),
        case("GET", "/api/v1/agencies/{id}/dashboard", dashboard, None, [401, 403, 200, 403, 200, 200, 200, 200]),
        case(
            "POST",
            "/api/v1/admin/reassign",
            "/api/v1/admin/reassign".into(),
            Some(json!({ "from_agency": nobody, "to_agency": nobody })),
            [401, 403, 403, 403, 403, 403, 403, 422],
        ),
        case(
            "POST",
            "/api/v1/admin/reassign-unit",
            "/api/v1/admin/reassign-unit".into(),
            Some(json!({ "from_unit": "99999", "to_unit": "99999" })),
            [401, 403, 403, 403, 403, 403, 403, 422],
        ),
        case(
            "POST",
            "/api/v1/petitions/{id}/withdraw",
            format!("{petition}/withdraw"),
            Some(json!({})),
            [401, 200, 404, 404, 404, 403, 403, 403],
        ),
        case(
            "GET",
            "/api/v1/me/data-export",
            "/api/v1/me/data-export".into(),
            None,
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        case(
            "GET",
            "/api/v1/me/processing",
            "/api/v1/me/processing".into(),
            None,
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        case(
            "PUT",
            "/api/v1/me/processing",
            "/api/v1/me/processing".into(),
            Some(json!({ "email_updates": true })),
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        case(
            "POST",
            "/api/v1/me/erasure",
            "/api/v1/me/erasure".into(),
            Some(json!({ "password": "wrong wrong wrong" })),
            [401, 422, 409, 409, 409, 409, 409, 409],
        ),
        case(
            "GET",
            "/api/v1/petitions/{id}/data-reads",
            step("data-reads"),
            None,
            [401, 403, 403, 404, 403, 200, 200, 200],
        ),
        case(
            "POST",
            "/api/v1/petitions/{id}/petitioner-corrections",
            step("petitioner-corrections"),
            Some(json!({ "phone": "0914 123 456" })),
            [401, 202, 403, 404, 403, 403, 403, 403],
        ),
        case(
            "GET",
            "/api/v1/petitions/{id}/petitioner-corrections",
            step("petitioner-corrections"),
            None,
            [401, 200, 200, 404, 200, 403, 403, 403],
        ),
        case(
            "POST",
            "/api/v1/petitions/{id}/petitioner-corrections/{request_id}/confirm",
            step(&format!("petitioner-corrections/{nobody}/confirm")),
            None,
            [401, 403, 404, 404, 404, 403, 403, 403],
        ),
        case(
            "POST",
            "/api/v1/petitions/{id}/petitioner-corrections/{request_id}/refuse",
            step(&format!("petitioner-corrections/{nobody}/refuse")),
            Some(json!({ "reason": "Thông tin không khớp với hồ sơ gốc." })),
            [401, 403, 404, 404, 404, 403, 403, 403],
        ),
        case(
            "POST",
            "/api/v1/admin/privacy-notices",
            "/api/v1/admin/privacy-notices".into(),
            Some(json!({ "text_vi": "ngắn", "text_en": "short" })),
            [401, 403, 403, 403, 403, 403, 403, 422],
        ),
        case(
            "GET",
            "/api/v1/admin/data-protection-rules",
            "/api/v1/admin/data-protection-rules".into(),
            None,
            [401, 403, 403, 403, 403, 403, 403, 200],
        ),
        case(
            "PUT",
            "/api/v1/admin/data-protection-rules/{rule}",
            "/api/v1/admin/data-protection-rules/sessions".into(),
            Some(json!({ "amount": 0, "unit": "days", "basis": "thử" })),
            [401, 403, 403, 403, 403, 403, 403, 422],
        ),
        case(
            "GET",
            "/api/v1/admin/data-requests",
            "/api/v1/admin/data-requests".into(),
            None,
            [401, 403, 403, 403, 403, 403, 403, 200],
        ),
        case(
            "GET",
            "/api/v1/admin/breaches",
            "/api/v1/admin/breaches".into(),
            None,
            [401, 403, 403, 403, 403, 403, 403, 200],
        ),
        case(
            "POST",
            "/api/v1/admin/breaches",
            "/api/v1/admin/breaches".into(),
            Some(json!({ "summary": "ngắn", "discovered_at": "2026-01-01T08:00:00+07:00" })),
            [401, 403, 403, 403, 403, 403, 403, 422],
        ),
        case(
            "GET",
            "/api/v1/admin/breaches/{id}",
            format!("/api/v1/admin/breaches/{nobody}"),
            None,
            [401, 403, 403, 403, 403, 403, 403, 404],
        ),
        case(
            "POST",
            "/api/v1/admin/breaches/{id}/authority-notified",
            format!("/api/v1/admin/breaches/{nobody}/authority-notified"),
            Some(json!({ "notified_at": "2026-01-01T08:00:00+07:00" })),
            [401, 403, 403, 403, 403, 403, 403, 404],
        ),
        case(
            "POST",
            "/api/v1/admin/breaches/{id}/notify",
            format!("/api/v1/admin/breaches/{nobody}/notify"),
            Some(json!({ "notice": "Dữ liệu của bạn có thể đã bị lộ trong một sự cố." })),
            [401, 403, 403, 403, 403, 403, 403, 404],
        ),
        case(
            "GET",
            "/api/v1/oversight/audit/verify",
            "/api/v1/oversight/audit/verify".into(),
            None,
            [401, 403, 403, 403, 403, 200, 200, 200],
        ),
        // The monitor publishes the head; nothing is sealed before the inspector and the
        // administrator ask.
        case(
            "POST",
            "/api/v1/oversight/audit/anchors",
            "/api/v1/oversight/audit/anchors".into(),
            None,
            [401, 403, 403, 403, 403, 201, 200, 200],
        ),
        case(
            "GET",
            "/api/v1/oversight/audit/anchor-subscription",
            "/api/v1/oversight/audit/anchor-subscription".into(),
            None,
            [401, 403, 403, 403, 403, 200, 200, 200],
        ),
        case(
            "PUT",
            "/api/v1/oversight/audit/anchor-subscription",
            "/api/v1/oversight/audit/anchor-subscription".into(),
            Some(json!({ "subscribed": false })),
            [401, 403, 403, 403, 403, 200, 200, 200],
        ),
        case(
            "GET",
            "/api/v1/oversight/audit/petitions/{id}",
            handled.replace("/api/v1/petitions/", "/api/v1/oversight/audit/petitions/"),
            None,
            [401, 403, 403, 404, 403, 200, 200, 200],
        ),
        case(
            "POST",
            "/api/v1/oversight/findings",
            "/api/v1/oversight/findings".into(),
            Some(json!({ "agency_id": cast.agency, "severity": "low", "text": "ngắn" })),
            [401, 403, 403, 403, 403, 422, 422, 403],
        ),
        case(
            "GET",
            "/api/v1/oversight/findings/{id}",
            format!("/api/v1/oversight/findings/{nobody}"),
            None,
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        case(
            "GET",
            "/api/v1/oversight/findings",
            format!("/api/v1/oversight/findings?agency_id={}", cast.agency),
            None,
            [401, 403, 200, 403, 200, 200, 200, 200],
        ),
        case(
            "GET",
            "/api/v1/oversight/findings/{id}/files",
            format!("/api/v1/oversight/findings/{nobody}/files"),
            None,
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        case(
            "GET",
            "/api/v1/oversight/findings/{id}/files/{file_id}",
            format!("/api/v1/oversight/findings/{nobody}/files/{nobody}"),
            None,
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        Case {
            method: "POST",
            template: "/api/v1/oversight/findings/{id}/files",
            path: format!("/api/v1/oversight/findings/{nobody}/files"),
            body: None,
            raw: Some(pdf_upload()),
            expected: [401, 404, 404, 404, 404, 404, 404, 404],
        },
        case(
            "GET",
            "/api/v1/oversight/recommendations/{id}/files",
            format!("/api/v1/oversight/recommendations/{nobody}/files"),
            None,
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        case(
            "GET",
            "/api/v1/oversight/recommendations/{id}/files/{file_id}",
            format!("/api/v1/oversight/recommendations/{nobody}/files/{nobody}"),
            None,
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        Case {
            method: "POST",
            template: "/api/v1/oversight/recommendations/{id}/files",
            path: format!("/api/v1/oversight/recommendations/{nobody}/files"),
            body: None,
            raw: Some(pdf_upload()),
            expected: [401, 404, 404, 404, 404, 404, 404, 404],
        },
        case(
            "POST",
            "/api/v1/oversight/recommendations",
            "/api/v1/oversight/recommendations".into(),
            Some(json!({ "agency_id": cast.agency, "text": "ngắn" })),
            [401, 403, 403, 403, 403, 422, 422, 403],
        ),
        case(
            "GET",
            "/api/v1/oversight/recommendations",
            "/api/v1/oversight/recommendations".into(),
            None,
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        case(
            "GET",
            "/api/v1/oversight/recommendations/{id}",
            format!("/api/v1/oversight/recommendations/{nobody}"),
            None,
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        case(
            "POST",
            "/api/v1/oversight/recommendations/{id}/responses",
            format!("/api/v1/oversight/recommendations/{nobody}/responses"),
            Some(json!({ "position": "accepted", "text": "Tiếp thu kiến nghị." })),
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        case(
            "POST",
            "/api/v1/oversight/recommendations/{id}/progress",
            format!("/api/v1/oversight/recommendations/{nobody}/progress"),
            Some(json!({ "percent": 10, "note": "Đang làm." })),
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        case(
            "POST",
            "/api/v1/oversight/recommendations/{id}/close",
            format!("/api/v1/oversight/recommendations/{nobody}/close"),
            Some(json!({ "note": "Đã xong." })),
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        case(
            "POST",
            "/api/v1/oversight/recommendations/{id}/escalate",
            format!("/api/v1/oversight/recommendations/{nobody}/escalate"),
            Some(json!({ "note": "Chuyển lên." })),
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        case(
            "POST",
            "/api/v1/oversight/closure-checks",
            "/api/v1/oversight/closure-checks".into(),
            Some(
                json!({ "agency_id": cast.agency, "resolved_from": "2026-11-01", "resolved_to": "2026-11-02", "sample_size": 0 }),
            ),
            [401, 403, 403, 403, 403, 422, 422, 403],
        ),
        case(
            "GET",
            "/api/v1/oversight/closure-checks",
            format!("/api/v1/oversight/closure-checks?agency_id={}", cast.agency),
            None,
            [401, 403, 200, 403, 200, 200, 200, 200],
        ),
        case(
            "GET",
            "/api/v1/oversight/closure-checks/{id}",
            format!("/api/v1/oversight/closure-checks/{nobody}"),
            None,
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        case(
            "POST",
            "/api/v1/oversight/closure-checks/{id}/verdicts",
            format!("/api/v1/oversight/closure-checks/{nobody}/verdicts"),
            Some(json!({ "petition_id": nobody, "verdict": "matched", "note": "Đã kiểm tra tại chỗ." })),
            [401, 403, 403, 403, 403, 404, 404, 403],
        ),
        case(
            "GET",
            "/api/v1/reports/periodic",
            "/api/v1/reports/periodic?period=2026-H1&format=pdf".into(),
            None,
            [401, 403, 403, 403, 403, 422, 422, 422],
        ),
        case(
            "GET",
            "/api/v1/admin/report-periods",
            "/api/v1/admin/report-periods".into(),
            None,
            [401, 403, 403, 403, 403, 403, 403, 200],
        ),
        case(
            "PUT",
            "/api/v1/admin/report-periods/{period}",
            "/api/v1/admin/report-periods/half_year".into(),
            Some(json!({ "starts": "02-29", "starts_previous_year": false, "ends": "06-30", "basis": "thử" })),
            [401, 403, 403, 403, 403, 403, 403, 422],
        ),
        case(
            "GET",
            "/api/v1/admin/supervision-rules",
            "/api/v1/admin/supervision-rules".into(),
            None,
            [401, 403, 403, 403, 403, 403, 403, 200],
        ),
        case(
            "PUT",
            "/api/v1/admin/supervision-rules/{rule}",
            "/api/v1/admin/supervision-rules/recommendation_response".into(),
            Some(json!({ "days": 0, "basis": "thử" })),
            [401, 403, 403, 403, 403, 403, 403, 422],
        ),
        case(
            "GET",
            "/api/v1/consultations",
            format!("/api/v1/consultations?agency_id={}", cast.agency),
            None,
            [401, 403, 200, 403, 200, 200, 200, 200],
        ),
        case(
            "POST",
            "/api/v1/consultations",
            "/api/v1/consultations".into(),
            Some(
                json!({ "agency_id": cast.agency, "kind": "x", "title": "t", "summary": "s", "admin_unit_codes": [], "opens_on": "2026-12-01", "closes_on": "2026-12-30" }),
            ),
            [401, 403, 422, 403, 422, 403, 403, 422],
        ),
        case(
            "GET",
            "/api/v1/consultations/{id}",
            format!("/api/v1/consultations/{nobody}"),
            None,
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        case(
            "PATCH",
            "/api/v1/consultations/{id}",
            format!("/api/v1/consultations/{nobody}"),
            Some(json!({ "title": "Tiêu đề mới" })),
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        case(
            "POST",
            "/api/v1/consultations/{id}/publish",
            format!("/api/v1/consultations/{nobody}/publish"),
            None,
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        case(
            "POST",
            "/api/v1/consultations/{id}/extend",
            format!("/api/v1/consultations/{nobody}/extend"),
            Some(json!({ "closes_on": "2027-01-01", "notice": "Gia hạn thêm." })),
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        case(
            "GET",
            "/api/v1/consultations/{id}/comments",
            format!("/api/v1/consultations/{nobody}/comments"),
            None,
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        case(
            "POST",
            "/api/v1/consultations/{id}/comments",
            format!("/api/v1/consultations/{nobody}/comments"),
            Some(json!({ "text": "Ý kiến góp ý." })),
            [401, 404, 403, 403, 403, 403, 403, 403],
        ),
        case(
            "POST",
            "/api/v1/consultations/{id}/comments/{comment_id}/support",
            format!("/api/v1/consultations/{nobody}/comments/{nobody}/support"),
            None,
            [401, 404, 403, 403, 403, 403, 403, 403],
        ),
        case(
            "POST",
            "/api/v1/consultations/{id}/comments/{comment_id}/hide",
            format!("/api/v1/consultations/{nobody}/comments/{nobody}/hide"),
            Some(json!({ "reason": "Lời lẽ xúc phạm." })),
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        Case {
            method: "POST",
            template: "/api/v1/consultations/{id}/documents",
            path: format!("/api/v1/consultations/{nobody}/documents"),
            body: None,
            raw: Some(pdf_upload()),
            expected: [401, 404, 404, 404, 404, 404, 404, 404],
        },
        case(
            "GET",
            "/api/v1/consultations/{id}/documents/{document_id}",
            format!("/api/v1/consultations/{nobody}/documents/{nobody}"),
            None,
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        case(
            "POST",
            "/api/v1/consultations/{id}/meetings",
            format!("/api/v1/consultations/{nobody}/meetings"),
            Some(json!({ "held_at": "2026-12-27T08:00:00+07:00", "place": "Hội trường", "agenda": "Đối thoại." })),
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        case(
            "POST",
            "/api/v1/consultations/{id}/meetings/{meeting_id}/minutes",
            format!("/api/v1/consultations/{nobody}/meetings/{nobody}/minutes"),
            Some(json!({ "attendance": 3, "minutes": "Biên bản cuộc họp." })),
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        case(
            "POST",
            "/api/v1/consultations/{id}/answers",
            format!("/api/v1/consultations/{nobody}/answers"),
            Some(json!({ "comment_ids": [nobody], "position": "accepted", "explanation": "Giải trình." })),
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        case(
            "POST",
            "/api/v1/consultations/{id}/synthesis",
            format!("/api/v1/consultations/{nobody}/synthesis"),
            Some(json!({ "summary": "Tổng hợp các ý kiến." })),
            [401, 404, 404, 404, 404, 404, 404, 404],
        ),
        case(
            "GET",
            "/api/v1/oversight/consultations",
            "/api/v1/oversight/consultations".into(),
            None,
            [401, 403, 403, 403, 403, 200, 200, 200],
        ),
        case(
            "GET",
            "/api/v1/me/consultation-subscriptions",
            "/api/v1/me/consultation-subscriptions".into(),
            None,
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        case(
            "PUT",
            "/api/v1/me/consultation-subscriptions",
            "/api/v1/me/consultation-subscriptions".into(),
            Some(json!({ "admin_unit_codes": [] })),
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        case(
            "GET",
            "/api/v1/admin/consultation-rules",
            "/api/v1/admin/consultation-rules".into(),
            None,
            [401, 403, 403, 403, 403, 403, 403, 200],
        ),
        case(
            "PUT",
            "/api/v1/admin/consultation-rules/{kind}",
            "/api/v1/admin/consultation-rules/project".into(),
            Some(json!({ "days": 0, "basis": "thử" })),
            [401, 403, 403, 403, 403, 403, 403, 422],
        ),
        // Logging out ends the caller's session, so it comes last.
        case(
            "POST",
            "/api/v1/auth/logout",
            "/api/v1/auth/logout".into(),
            None,
            [401, 204, 204, 204, 204, 204, 204, 204],
        ),
    ];

    // The CSV import reads a text/csv body; it is checked on its own below.
    let import = ("POST".to_string(), "/api/v1/admin-units/import".to_string());
    let covered: BTreeSet<(String, String)> =
        cases.iter().map(|c| (c.method.to_string(), c.template.to_string())).collect();
    let protected = crate::contract::protected_operations();
    let missing: Vec<_> = protected.difference(&covered).filter(|op| **op != import).collect();
    assert!(missing.is_empty(), "protected routes missing from the table: {missing:?}");

    for actor in ACTORS {
        let mut headers = vec![("content-type", "text/csv")];
        let bearer = cast.token(actor).map(|token| format!("Bearer {token}"));
        if let Some(bearer) = &bearer {
            headers.push(("authorization", bearer.as_str()));
        }
        let csv = b"code,name,level,unit_type,parent_code,valid_from,valid_to,successor_codes,source_note\n".to_vec();
        let status = app.request("POST", "/api/v1/admin-units/import", Some(csv), &headers).await.status;
        let expected = match actor {
            "anonymous" => 401,
            "admin" => 422, // allowed in, and told the file holds no units
            _ => 403,
        };
        assert_eq!(status, expected, "{actor} importing units");
    }
    let users_before = app.get_as(&cast.admin.access_token, "/api/v1/admin/users").await.json()["total"].clone();
    for case in &cases {
        for (actor, expected) in ACTORS.iter().zip(case.expected) {
            let mut headers = Vec::new();
            let bearer = cast.token(actor).map(|token| format!("Bearer {token}"));
            if let Some(bearer) = &bearer {
                headers.push(("authorization", bearer.as_str()));
            }
            let mut body = case.body.as_ref().map(|b| b.to_string().into_bytes());
            if body.is_some() {
                headers.push(("content-type", "application/json"));
            }
            if let Some((content_type, bytes)) = &case.raw {
                body = Some(bytes.clone());
                headers.push(("content-type", content_type.as_str()));
            }
            let response = app.request(case.method, &case.path, body, &headers).await;
            assert_eq!(
                response.status,
                expected,
                "{actor} {} {}: {}",
                case.method,
                case.path,
                String::from_utf8_lossy(&response.body)
            );
            if expected == 403 {
                response.assert_problem(403, "forbidden");
            }
        }
    }
    let admin_again = app.admin().await;
    let untouched = app.get_as(&admin_again.access_token, &handled).await.json();
    assert_eq!(
        (untouched["status"].as_str(), untouched["version"].as_i64()),
        (Some("received"), Some(1)),
        "no refused or invalid workflow step changed the complaint"
    );
    let messages = app.get_as(&admin_again.access_token, &step("messages")).await.json();
    assert_eq!(messages["items"], serde_json::json!([]), "no refused message was stored");
    let users_after = app.get_as(&admin_again.access_token, "/api/v1/admin/users").await.json()["total"].clone();
    assert_eq!(
        users_after.as_i64(),
        users_before.as_i64().map(|n| n + 2),
        "only the administrator's invitation and the new admin"
    );
}
