//! Citizens' accounts: registering, verifying, signing in and out, sessions, passwords.

use serde_json::json;

use crate::helpers::{GOOD_PASSWORD, TEST_PUBLIC_BASE_URL, spawn_app};

#[actix_web::test]
async fn a_citizen_registers_verifies_by_email_and_signs_in() {
    let app = spawn_app().await;
    let response = app
        .post_json(
            "/api/v1/auth/register",
            &json!({ "email": "Dan.Hue@Example.vn", "password": GOOD_PASSWORD, "full_name": "Trần Thị Dân", "phone": "0905 123 456" }),
        )
        .await;
    assert_eq!(response.status, 202);

    let mail = app.mailbox.next_for("dan.hue@example.vn", 0).await;
    assert_eq!(mail.subject(), "Xác nhận địa chỉ thư điện tử của bạn", "Vietnamese by default");
    assert!(mail.text().contains(&format!("{TEST_PUBLIC_BASE_URL}/auth/verify-email?token=")));
    assert!(mail.text().starts_with("Kính gửi quý vị,"), "the address is not proved: no name typed at registration");

    let refused =
        app.post_json("/api/v1/auth/login", &json!({ "email": "dan.hue@example.vn", "password": GOOD_PASSWORD })).await;
    assert!(refused.assert_problem(401, "unauthorized")["detail"].as_str().unwrap().contains("confirm your e-mail"));

    assert_eq!(app.post_json("/api/v1/auth/verify-email", &json!({ "token": mail.token() })).await.status, 204);
    let citizen = app.login("DAN.HUE@example.vn", GOOD_PASSWORD).await;
    let me = app.get_as(&citizen.access_token, "/api/v1/me").await.json();
    assert_eq!(me["email"], "dan.hue@example.vn");
    assert_eq!(me["role"], "citizen");
    assert_eq!(me["email_verified"], true);
    assert_eq!(me["phone"], "0905 123 456");
    assert!(me["created_at"].as_str().unwrap().ends_with("+07:00"));
}

#[actix_web::test]
async fn each_account_records_who_made_it_the_citizen_or_the_administrator() {
    use pakn::domain::events::Subject;
    use pakn::domain::ids::UserId;
    let app = spawn_app().await;
    let citizen = app.citizen("tu.dang.ky@example.vn").await;
    let admin = app.admin().await;
    let officer =
        app.staff(&admin, "officer", json!({ "agency_id": app.agency_id("hue-ban-tiep-cong-dan").await })).await;
    let first_event = |id: &str| {
        let id = UserId::parse(id).unwrap();
        let events = app.with_connection(|c| pakn::db::events::of_subject(c, Subject::User(&id))).unwrap();
        let first = events.into_iter().next().expect("an event");
        (first.kind.to_string(), first.actor_id.map(|actor| actor.to_string()))
    };
    assert_eq!(first_event(&citizen.id), ("user.registered".into(), Some(citizen.id.clone())));
    assert_eq!(first_event(&officer.id), ("user.invited".into(), Some(admin.id.clone())));
    assert_eq!(first_event(&admin.id), ("user.created_from_command_line".into(), None));
}

#[actix_web::test]
async fn a_verification_link_works_once() {
    let app = spawn_app().await;
    app.post_json(
        "/api/v1/auth/register",
        &json!({ "email": "once@example.vn", "password": GOOD_PASSWORD, "full_name": "A" }),
    )
    .await;
    let token = app.mailbox.next_for("once@example.vn", 0).await.token();
    assert_eq!(app.post_json("/api/v1/auth/verify-email", &json!({ "token": token })).await.status, 204);
    app.post_json("/api/v1/auth/verify-email", &json!({ "token": token })).await.assert_problem(400, "invalid_token");
    app.post_json("/api/v1/auth/verify-email", &json!({ "token": "0".repeat(64) }))
        .await
        .assert_problem(400, "invalid_token");
    app.post_json("/api/v1/auth/verify-email", &json!({ "token": "../../etc" }))
        .await
        .assert_problem(400, "invalid_token");
}

#[actix_web::test]
async fn registering_an_address_twice_answers_the_same_and_warns_the_owner() {
    let app = spawn_app().await;
    app.citizen("taken@example.vn").await;
    let again = app
        .post_json(
            "/api/v1/auth/register",
            &json!({ "email": "taken@example.vn", "password": "another long password!", "full_name": "Kẻ lạ" }),
        )
        .await;
    assert_eq!(again.status, 202, "no hint that the address is taken");
    let notice = app.mailbox.next_for("taken@example.vn", 1).await;
    assert_eq!(notice.subject(), "Địa chỉ thư điện tử này đã có tài khoản");
    // The original password still works.
    app.login("taken@example.vn", GOOD_PASSWORD).await;
}

#[actix_web::test]
async fn weak_or_malformed_registrations_are_refused_field_by_field() {
    let app = spawn_app().await;
    let body = app
        .post_json(
            "/api/v1/auth/register",
            &json!({ "email": "a@b.vn\r\nBcc: x@y.vn", "password": "password1234", "full_name": "", "phone": "call me", "language": "fr" }),
        )
        .await
        .assert_problem(422, "validation_failed");
    let fields: Vec<&str> = body["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["email", "password", "full_name", "phone", "language"]);
    assert!(app.mailbox.messages().is_empty());
}

#[actix_web::test]
async fn a_wrong_password_and_an_unknown_address_get_the_same_answer() {
    let app = spawn_app().await;
    app.citizen("known@example.vn").await;
    let wrong = app
        .post_json("/api/v1/auth/login", &json!({ "email": "known@example.vn", "password": "not the password at all" }))
        .await;
    let unknown = app
        .post_json(
            "/api/v1/auth/login",
            &json!({ "email": "nobody@example.vn", "password": "not the password at all" }),
        )
        .await;
    let (wrong, unknown) = (wrong.assert_problem(401, "unauthorized"), unknown.assert_problem(401, "unauthorized"));
    assert_eq!(wrong, unknown);
}

#[actix_web::test]
async fn repeated_failures_on_an_account_from_one_client_are_slowed_with_retry_after() {
    let app = spawn_app().await;
    app.citizen("target@example.vn").await;
    for _ in 0..5 {
        app.post_json("/api/v1/auth/login", &json!({ "email": "target@example.vn", "password": "guess guess guess" }))
            .await
            .assert_problem(401, "unauthorized");
    }
    let throttled = app
        .post_json("/api/v1/auth/login", &json!({ "email": "target@example.vn", "password": "guess guess guess" }))
        .await;
    throttled.assert_problem(429, "rate_limited");
    let retry_after: u64 = throttled.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=30).contains(&retry_after), "a short wait first, growing with each further failure");
    // From this client even the right password waits: the attempt is refused before it is checked.
    app.post_json("/api/v1/auth/login", &json!({ "email": "target@example.vn", "password": GOOD_PASSWORD }))
        .await
        .assert_problem(429, "rate_limited");
    // An address without an account is throttled the same way, so throttling reveals nothing.
    for _ in 0..5 {
        app.post_json("/api/v1/auth/login", &json!({ "email": "ghost@example.vn", "password": "guess guess guess" }))
            .await;
    }
    app.post_json("/api/v1/auth/login", &json!({ "email": "ghost@example.vn", "password": "guess guess guess" }))
        .await
        .assert_problem(429, "rate_limited");
}

#[actix_web::test]
async fn a_refresh_token_rotates_and_a_reused_one_revokes_the_whole_session() {
    let app = spawn_app().await;
    let citizen = app.citizen("rotate@example.vn").await;
    let first = app.post_json("/api/v1/auth/refresh", &json!({ "refresh_token": citizen.refresh_token })).await;
    assert_eq!(first.status, 200);
    assert_eq!(first.header("cache-control"), Some("no-store"));
    let rotated = first.json();
    assert_ne!(rotated["refresh_token"], citizen.refresh_token.as_str());
    assert_eq!(rotated["token_type"], "Bearer");
    assert_eq!(rotated["expires_in"], 900);

    // The old token is presented again: theft is assumed, the family is revoked.
    app.post_json("/api/v1/auth/refresh", &json!({ "refresh_token": citizen.refresh_token }))
        .await
        .assert_problem(401, "unauthorized");
    app.post_json("/api/v1/auth/refresh", &json!({ "refresh_token": rotated["refresh_token"] }))
        .await
        .assert_problem(401, "unauthorized");
    let new_access = rotated["access_token"].as_str().unwrap();
    app.get_as(new_access, "/api/v1/me").await.assert_problem(401, "unauthorized");
}

#[actix_web::test]
async fn logging_out_ends_the_session_and_its_tokens() {
    let app = spawn_app().await;
    let citizen = app.citizen("bye@example.vn").await;
    let response = app
        .request("POST", "/api/v1/auth/logout", None, &[("authorization", &format!("Bearer {}", citizen.access_token))])
        .await;
    assert_eq!(response.status, 204);
    app.get_as(&citizen.access_token, "/api/v1/me").await.assert_problem(401, "unauthorized");
    app.post_json("/api/v1/auth/refresh", &json!({ "refresh_token": citizen.refresh_token }))
        .await
        .assert_problem(401, "unauthorized");
}

#[actix_web::test]
async fn changing_the_password_ends_other_sessions_but_keeps_this_one() {
    let app = spawn_app().await;
    let laptop = app.citizen("change@example.vn").await;
    let phone = app.login("change@example.vn", GOOD_PASSWORD).await;
    let new_password = "mật khẩu mới còn dài hơn nữa";
    let wrong = app
        .send_json_as(
            &laptop.access_token,
            "POST",
            "/api/v1/me/password",
            &json!({ "current_password": "wrong wrong wrong", "new_password": new_password }),
        )
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(wrong["errors"][0]["field"], "current_password");
    let changed = app
        .send_json_as(
            &laptop.access_token,
            "POST",
            "/api/v1/me/password",
            &json!({ "current_password": GOOD_PASSWORD, "new_password": new_password }),
        )
        .await;
    assert_eq!(changed.status, 204);
    assert_eq!(app.get_as(&laptop.access_token, "/api/v1/me").await.status, 200, "this session goes on");
    app.get_as(&phone.access_token, "/api/v1/me").await.assert_problem(401, "unauthorized");
    let notice = app.mailbox.next_for("change@example.vn", 1).await;
    assert_eq!(notice.subject(), "Mật khẩu của bạn đã được thay đổi");
    app.login("change@example.vn", new_password).await;
}

#[actix_web::test]
async fn a_forgotten_password_is_reset_through_a_one_time_link() {
    let app = spawn_app().await;
    let citizen = app.citizen("forgot@example.vn").await;
    for email in ["forgot@example.vn", "nobody-here@example.vn", "not an address"] {
        let response = app.post_json("/api/v1/auth/password-reset", &json!({ "email": email })).await;
        assert_eq!(response.status, 202, "{email}: the same answer for every address");
    }
    let mail = app.mailbox.next_for("forgot@example.vn", 1).await;
    assert_eq!(mail.subject(), "Đặt lại mật khẩu");
    let token = mail.token();
    let weak =
        app.post_json("/api/v1/auth/password-reset/confirm", &json!({ "token": token, "new_password": "short" })).await;
    assert_eq!(weak.assert_problem(422, "validation_failed")["errors"][0]["field"], "new_password");
    let new_password = "một mật khẩu hoàn toàn mới";
    let reset = app
        .post_json("/api/v1/auth/password-reset/confirm", &json!({ "token": token, "new_password": new_password }))
        .await;
    assert_eq!(reset.status, 204);
    app.post_json("/api/v1/auth/password-reset/confirm", &json!({ "token": token, "new_password": new_password }))
        .await
        .assert_problem(400, "invalid_token");
    app.get_as(&citizen.access_token, "/api/v1/me").await.assert_problem(401, "unauthorized");
    app.login("forgot@example.vn", new_password).await;
    assert!(app.mailbox.messages_to("nobody-here@example.vn").is_empty());
}

#[actix_web::test]
async fn a_citizen_updates_their_profile_and_language() {
    let app = spawn_app().await;
    let citizen = app.citizen("profile@example.vn").await;
    let updated = app
        .send_json_as(
            &citizen.access_token,
            "PATCH",
            "/api/v1/me",
            &json!({ "full_name": "Lê Văn Mới", "phone": "+84 905 000 111", "language": "en" }),
        )
        .await
        .json();
    assert_eq!((updated["full_name"].as_str(), updated["language"].as_str()), (Some("Lê Văn Mới"), Some("en")));
    let cleared =
        app.send_json_as(&citizen.access_token, "PATCH", "/api/v1/me", &json!({ "phone": null })).await.json();
    assert!(cleared["phone"].is_null());
    assert_eq!(cleared["full_name"], "Lê Văn Mới", "fields left out are kept");
    let refused = app.send_json_as(&citizen.access_token, "PATCH", "/api/v1/me", &json!({ "role": "admin" })).await;
    refused.assert_problem(422, "validation_failed");
    // E-mails now come in English.
    app.post_json("/api/v1/auth/password-reset", &json!({ "email": "profile@example.vn" })).await;
    assert_eq!(app.mailbox.next_for("profile@example.vn", 1).await.subject(), "Reset your password");
}

#[actix_web::test]
async fn many_failures_from_one_client_are_throttled_across_addresses() {
    let app = spawn_app().await;
    // Generous, for a ward office's staff behind one address: a hundred failures in a quarter hour.
    for n in 0..100 {
        let body = json!({ "email": format!("spray{n}@example.vn"), "password": "spraying passwords" });
        app.post_json("/api/v1/auth/login", &body).await.assert_problem(401, "unauthorized");
    }
    let throttled = app
        .post_json("/api/v1/auth/login", &json!({ "email": "spray-last@example.vn", "password": "spraying passwords" }))
        .await;
    throttled.assert_problem(429, "rate_limited");
    assert!(throttled.header("retry-after").is_some());
}

#[actix_web::test]
async fn a_new_confirmation_link_replaces_the_old_one_and_unknown_addresses_get_the_same_answer() {
    let app = spawn_app().await;
    app.post_json(
        "/api/v1/auth/register",
        &json!({ "email": "slow@example.vn", "password": GOOD_PASSWORD, "full_name": "Chậm" }),
    )
    .await;
    let first = app.mailbox.next_for("slow@example.vn", 0).await.token();
    for email in ["slow@example.vn", "nobody@example.vn"] {
        let response = app.post_json("/api/v1/auth/verify-email/resend", &json!({ "email": email })).await;
        assert_eq!(response.status, 202, "{email}");
    }
    let second = app.mailbox.next_for("slow@example.vn", 1).await.token();
    assert_ne!(first, second);
    app.post_json("/api/v1/auth/verify-email", &json!({ "token": first })).await.assert_problem(400, "invalid_token");
    assert_eq!(app.post_json("/api/v1/auth/verify-email", &json!({ "token": second })).await.status, 204);
    // A verified account is sent nothing more.
    app.post_json("/api/v1/auth/verify-email/resend", &json!({ "email": "slow@example.vn" })).await;
    actix_web::rt::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(app.mailbox.messages_to("slow@example.vn").len(), 2);
    assert!(app.mailbox.messages_to("nobody@example.vn").is_empty());
}

#[actix_web::test]
async fn null_is_refused_where_there_is_nothing_to_clear_and_changes_nothing() {
    let app = spawn_app().await;
    let citizen = app.citizen("khong.null@example.vn").await;
    for field in ["language", "full_name"] {
        let body = json!({ field: null });
        let refused = app.send_json_as(&citizen.access_token, "PATCH", "/api/v1/me", &body).await;
        assert_eq!(refused.assert_problem(422, "validation_failed")["errors"][0]["field"], field);
    }
    let me = app.get_as(&citizen.access_token, "/api/v1/me").await.json();
    assert_eq!((me["language"].as_str(), me["full_name"].as_str()), (Some("vi"), Some("Nguyễn Văn Dân")));
    // A phone can be cleared: null there means "none".
    let cleared = app.send_json_as(&citizen.access_token, "PATCH", "/api/v1/me", &json!({ "phone": null })).await;
    assert_eq!(cleared.status, 200);
}

#[actix_web::test]
async fn wrong_current_passwords_with_a_token_do_not_lock_the_owners_logins() {
    let app = spawn_app().await;
    let citizen = app.citizen("doi.mat.khau@example.vn").await;
    let wrong = json!({ "current_password": "not my password at all", "new_password": "một mật khẩu mới đủ dài 2027" });
    for _ in 0..5 {
        app.send_json_as(&citizen.access_token, "POST", "/api/v1/me/password", &wrong)
            .await
            .assert_problem(422, "validation_failed");
    }
    app.send_json_as(&citizen.access_token, "POST", "/api/v1/me/password", &wrong)
        .await
        .assert_problem(429, "rate_limited");
    app.login("doi.mat.khau@example.vn", GOOD_PASSWORD).await;
}
