//! Administrators invite staff, heads, monitors and administrators; appoint heads; disable accounts.

use chrono::TimeDelta;
use serde_json::json;

use crate::helpers::{GOOD_PASSWORD, ManualClock, spawn_app, spawn_app_with_clock};

#[actix_web::test]
async fn an_invited_head_sets_a_password_and_signs_in_as_head_of_their_agency() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let agency = app.agency_id("ubnd-phuong-phu-xuan").await;
    let invited = app
        .send_json_as(
            &admin.access_token,
            "POST",
            "/api/v1/admin/users",
            &json!({ "email": "Chu.Tich@PhuXuan.hue.gov.vn", "full_name": "Hoàng Văn Chủ", "role": "head", "agency_id": agency }),
        )
        .await;
    assert_eq!(invited.status, 201);
    let user = invited.json();
    assert_eq!(
        invited.header("location"),
        Some(format!("/api/v1/admin/users/{}", user["id"].as_str().unwrap()).as_str())
    );
    assert_eq!((user["password_set"].as_bool(), user["email_verified"].as_bool()), (Some(false), Some(false)));

    let mail = app.mailbox.next_for("chu.tich@phuxuan.hue.gov.vn", 0).await;
    assert_eq!(mail.subject(), "Lời mời sử dụng hệ thống pakn");
    assert!(mail.text().contains("người đứng đầu cơ quan tại Ủy ban nhân dân phường Phú Xuân"), "{}", mail.text());
    let accepted = app
        .post_json("/api/v1/auth/accept-invitation", &json!({ "token": mail.token(), "password": GOOD_PASSWORD }))
        .await;
    assert_eq!(accepted.status, 204);
    let head = app.login("chu.tich@phuxuan.hue.gov.vn", GOOD_PASSWORD).await;
    let me = app.get_as(&head.access_token, "/api/v1/me").await.json();
    assert_eq!((me["role"].as_str(), me["agency_id"].as_str()), (Some("head"), Some(agency.as_str())));
}

#[actix_web::test]
async fn appointing_a_new_head_ends_the_former_heads_term_and_keeps_them_as_an_officer() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let agency = app.agency_id("ubnd-phuong-kim-long").await;
    let former = app.staff(&admin, "head", json!({ "agency_id": agency })).await;
    let successor = app.staff(&admin, "head", json!({ "agency_id": agency })).await;

    let former_detail = app.get_as(&admin.access_token, &format!("/api/v1/admin/users/{}", former.id)).await.json();
    assert_eq!(former_detail["role"], "officer");
    assert!(!former_detail["head_terms"][0]["ended_at"].is_null(), "the former term has ended");
    let successor_detail =
        app.get_as(&admin.access_token, &format!("/api/v1/admin/users/{}", successor.id)).await.json();
    assert!(successor_detail["head_terms"][0]["ended_at"].is_null(), "the new term is open");

    // The former head keeps an officer's access to the agency.
    let staff = app.get_as(&former.access_token, &format!("/api/v1/agencies/{agency}/staff")).await.json();
    let roles: Vec<(&str, &str)> = staff["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["id"].as_str().unwrap(), m["role"].as_str().unwrap()))
        .collect();
    assert!(roles.contains(&(former.id.as_str(), "officer")));
    assert!(roles.contains(&(successor.id.as_str(), "head")));
}

#[actix_web::test]
async fn invitations_that_do_not_fit_their_role_are_refused() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let dissolved = app.agency_id("hue-so-tai-nguyen-moi-truong").await;
    let cases = [
        (json!({ "role": "officer" }), "agency_id"),
        (json!({ "role": "head", "agency_id": "00000000-0000-4000-8000-000000000000" }), "agency_id"),
        (json!({ "role": "officer", "agency_id": dissolved }), "agency_id"),
        (json!({ "role": "monitor" }), "scope_admin_unit"),
        (json!({ "role": "monitor", "scope_admin_unit": "478" }), "scope_admin_unit"),
        (json!({ "role": "inspector" }), "scope_admin_unit"),
        (json!({ "role": "inspector", "agency_id": dissolved, "scope_admin_unit": "46" }), "agency_id"),
        (json!({ "role": "admin", "scope_admin_unit": "46" }), "scope_admin_unit"),
        (json!({ "role": "citizen" }), "role"),
        (json!({ "role": "superuser" }), "role"),
    ];
    for (placement, field) in cases {
        let mut body = json!({ "email": "someone@hue.gov.vn", "full_name": "Ai Đó" });
        body.as_object_mut().unwrap().extend(placement.as_object().unwrap().clone());
        let problem = app
            .send_json_as(&admin.access_token, "POST", "/api/v1/admin/users", &body)
            .await
            .assert_problem(422, "validation_failed");
        let fields: Vec<&str> =
            problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert!(fields.contains(&field), "{placement}: {fields:?}");
    }
    let monitor =
        json!({ "email": "giamsat@mttq.hue.vn", "full_name": "Giám Sát", "role": "monitor", "scope_admin_unit": "46" });
    assert_eq!(app.send_json_as(&admin.access_token, "POST", "/api/v1/admin/users", &monitor).await.status, 201);
    app.send_json_as(&admin.access_token, "POST", "/api/v1/admin/users", &monitor)
        .await
        .assert_problem(409, "conflict");
    let inspector = json!({ "email": "kiemtra@bcd.hue.vn", "full_name": "Kiểm Tra", "role": "inspector", "scope_admin_unit": "19753" });
    let invited = app.send_json_as(&admin.access_token, "POST", "/api/v1/admin/users", &inspector).await;
    assert_eq!(invited.status, 201);
    assert_eq!(
        (invited.json()["role"].as_str(), invited.json()["scope_admin_unit"].as_str()),
        (Some("inspector"), Some("19753"))
    );
    let users = app.get_as(&admin.access_token, "/api/v1/admin/users").await.json();
    assert_eq!(users["total"], 3, "the administrator, the one monitor and the one inspector");
}

#[actix_web::test]
async fn a_disabled_user_is_signed_out_at_once_and_cannot_sign_in_until_enabled() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let citizen = app.citizen("disable-me@example.vn").await;
    let path = format!("/api/v1/admin/users/{}", citizen.id);
    let disabled = app.send_json_as(&admin.access_token, "PATCH", &path, &json!({ "disabled": true })).await.json();
    assert_eq!(disabled["disabled"], true);
    app.get_as(&citizen.access_token, "/api/v1/me").await.assert_problem(401, "unauthorized");
    app.post_json("/api/v1/auth/refresh", &json!({ "refresh_token": citizen.refresh_token }))
        .await
        .assert_problem(401, "unauthorized");
    let refused =
        app.post_json("/api/v1/auth/login", &json!({ "email": citizen.email, "password": GOOD_PASSWORD })).await;
    assert!(refused.assert_problem(401, "unauthorized")["detail"].as_str().unwrap().contains("disabled"));
    app.send_json_as(&admin.access_token, "PATCH", &path, &json!({ "disabled": false })).await;
    app.login(&citizen.email, GOOD_PASSWORD).await;
}

#[actix_web::test]
async fn administrators_cannot_lock_themselves_out_and_citizens_cannot_become_staff() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let own = format!("/api/v1/admin/users/{}", admin.id);
    app.send_json_as(&admin.access_token, "PATCH", &own, &json!({ "disabled": true }))
        .await
        .assert_problem(409, "conflict");
    let citizen = app.citizen("stay-citizen@example.vn").await;
    let agency = app.agency_id("hue-ubnd").await;
    let body = json!({ "role": "officer", "agency_id": agency });
    app.send_json_as(&admin.access_token, "PATCH", &format!("/api/v1/admin/users/{}", citizen.id), &body)
        .await
        .assert_problem(422, "validation_failed");
}

#[actix_web::test]
async fn an_officer_moved_to_head_is_appointed_and_a_head_moved_away_ends_the_term() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let agency = app.agency_id("ubnd-phuong-thuan-an").await;
    let officer = app.staff(&admin, "officer", json!({ "agency_id": agency })).await;
    let path = format!("/api/v1/admin/users/{}", officer.id);
    assert_eq!(
        app.send_json_as(&admin.access_token, "PATCH", &path, &json!({ "role": "head" })).await.json()["role"],
        "head"
    );
    let detail = app.get_as(&admin.access_token, &path).await.json();
    assert!(detail["head_terms"][0]["ended_at"].is_null());
    let monitor = app
        .send_json_as(&admin.access_token, "PATCH", &path, &json!({ "role": "monitor", "scope_admin_unit": "19900" }))
        .await
        .json();
    assert_eq!((monitor["role"].as_str(), monitor["agency_id"].as_str()), (Some("monitor"), None));
    // From the Front to the steering committee: the scope stays; the records made so far keep
    // their body.
    let inspector = app.send_json_as(&admin.access_token, "PATCH", &path, &json!({ "role": "inspector" })).await.json();
    assert_eq!(
        (inspector["role"].as_str(), inspector["scope_admin_unit"].as_str()),
        (Some("inspector"), Some("19900"))
    );
    let detail = app.get_as(&admin.access_token, &path).await.json();
    assert!(detail["head_terms"].as_array().unwrap().is_empty() || !detail["head_terms"][0]["ended_at"].is_null());
    let agency = pakn::domain::ids::AgencyId::parse(&agency).unwrap();
    let agency_terms = app.with_connection(|c| pakn::db::users::current_head_term(c, &agency)).unwrap();
    assert!(agency_terms.is_none(), "the agency has no head now");
}

#[actix_web::test]
async fn users_are_listed_by_role_and_address_in_pages() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    for name in ["an", "binh", "chi"] {
        app.citizen(&format!("{name}@example.vn")).await;
    }
    let citizens = app.get_as(&admin.access_token, "/api/v1/admin/users?role=citizen&limit=2").await.json();
    assert_eq!(citizens["total"], 3);
    let cursor = citizens["next_cursor"].as_str().unwrap();
    let rest = app
        .get_as(&admin.access_token, &format!("/api/v1/admin/users?role=citizen&limit=2&cursor={cursor}"))
        .await
        .json();
    assert_eq!(rest["items"][0]["email"], "chi@example.vn");
    let by_address = app.get_as(&admin.access_token, "/api/v1/admin/users?email=BI").await.json();
    assert_eq!(by_address["items"][0]["email"], "binh@example.vn");
    let problem = app
        .get_as(&admin.access_token, "/api/v1/admin/users?email=%25&role=king")
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(problem["errors"].as_array().unwrap().len(), 2);
}

#[actix_web::test]
async fn invitation_links_expire_after_a_day_and_access_tokens_after_fifteen_minutes() {
    let clock = ManualClock::at("2026-11-26 02:00:00");
    let app = spawn_app_with_clock(clock.clone()).await;
    let admin = app.admin().await;
    let body = json!({ "email": "late@hue.gov.vn", "full_name": "Người Đến Muộn", "role": "admin" });
    app.send_json_as(&admin.access_token, "POST", "/api/v1/admin/users", &body).await;
    let token = app.mailbox.next_for("late@hue.gov.vn", 0).await.token();

    clock.advance(TimeDelta::minutes(16));
    app.get_as(&admin.access_token, "/api/v1/me").await.assert_problem(401, "unauthorized");
    let refreshed = app.post_json("/api/v1/auth/refresh", &json!({ "refresh_token": admin.refresh_token })).await;
    assert_eq!(refreshed.status, 200, "the refresh token outlives the access token");

    clock.advance(TimeDelta::hours(24));
    app.post_json("/api/v1/auth/accept-invitation", &json!({ "token": token, "password": GOOD_PASSWORD }))
        .await
        .assert_problem(400, "invalid_token");
}

#[actix_web::test]
async fn a_token_from_the_future_is_refused() {
    let clock = ManualClock::at("2026-11-26 02:00:00");
    let app = spawn_app_with_clock(clock.clone()).await;
    let admin = app.admin().await;
    // The server's clock goes back an hour: the token was issued "later" than now.
    clock.advance(TimeDelta::hours(-1));
    app.get_as(&admin.access_token, "/api/v1/me").await.assert_problem(401, "unauthorized");
}
