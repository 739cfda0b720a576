//! Hostile requests: forged and expired tokens, oversized and malformed bodies, header injection.
//! Each gets a clear 4xx in the problem shape and changes nothing.

use serde_json::json;

use crate::helpers::{GOOD_PASSWORD, TestApp, spawn_app};

fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

async fn assert_rejected(app: &TestApp, authorization: &str) {
    let response = app.request("GET", "/api/v1/me", None, &[("authorization", authorization)]).await;
    response.assert_problem(401, "unauthorized");
    assert!(response.header("www-authenticate").unwrap().starts_with("Bearer"));
}

#[actix_web::test]
async fn forged_altered_and_malformed_tokens_are_refused() {
    let app = spawn_app().await;
    let citizen = app.citizen("target@example.vn").await;
    let parts: Vec<&str> = citizen.access_token.split('.').collect();
    let payload = parts[1];

    // alg "none", no signature.
    let none = format!("{}.{payload}.", base64url(br#"{"alg":"none","typ":"JWT"}"#));
    assert_rejected(&app, &format!("Bearer {none}")).await;
    // Another algorithm in the header with the original signature.
    let hs512 = format!("{}.{payload}.{}", base64url(br#"{"alg":"HS512","typ":"JWT"}"#), parts[2]);
    assert_rejected(&app, &format!("Bearer {hs512}")).await;
    // A payload promoted to another user, signature unchanged.
    let forged_payload = base64url(json!({ "sub": "someone-else", "role": "admin" }).to_string().as_bytes());
    assert_rejected(&app, &format!("Bearer {}.{forged_payload}.{}", parts[0], parts[2])).await;
    // Not a token at all; the wrong scheme; an empty token.
    for header in ["Bearer abc", "Bearer ", "Basic dXNlcjpwYXNz", &format!("Token {}", citizen.access_token)] {
        assert_rejected(&app, header).await;
    }
    // The genuine token still works: nothing above changed anything.
    assert_eq!(app.get_as(&citizen.access_token, "/api/v1/me").await.status, 200);
}

#[actix_web::test]
async fn bad_bodies_get_clear_answers_and_create_nothing() {
    let app = spawn_app().await;
    let admin = app.admin().await;
    let register = "/api/v1/auth/register";
    let json_type = [("content-type", "application/json")];

    let ten_megabytes = vec![b' '; 10 * 1024 * 1024];
    app.request("POST", register, Some(ten_megabytes), &json_type).await.assert_problem(413, "payload_too_large");
    app.request("POST", register, Some(b"\xff\xfe{\"email\":1}".to_vec()), &json_type)
        .await
        .assert_problem(400, "malformed_json");
    app.request("POST", register, Some(b"{\"email\": \"a@b.vn\",".to_vec()), &json_type)
        .await
        .assert_problem(400, "malformed_json");
    app.request(
        "POST",
        register,
        Some(b"email=a@b.vn".to_vec()),
        &[("content-type", "application/x-www-form-urlencoded")],
    )
    .await
    .assert_problem(415, "unsupported_media_type");
    app.request("POST", register, Some(b"{}".to_vec()), &[]).await.assert_problem(415, "unsupported_media_type");

    let missing = app
        .post_json(register, &json!({ "email": "a@b.vn", "full_name": "A" }))
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(missing["errors"][0]["field"], "password");
    let wrong_type =
        app.post_json(register, &json!({ "email": "a@b.vn", "password": 123456789012_i64, "full_name": "A" })).await;
    assert_eq!(wrong_type.assert_problem(422, "validation_failed")["errors"][0]["field"], "password");
    let unknown = app
        .post_json(
            register,
            &json!({ "email": "a@b.vn", "password": GOOD_PASSWORD, "full_name": "A", "role": "admin" }),
        )
        .await;
    unknown.assert_problem(422, "validation_failed");
    let injected = app
        .post_json(
            register,
            &json!({ "email": "victim@b.vn\nBcc: everyone@b.vn", "password": GOOD_PASSWORD, "full_name": "A" }),
        )
        .await;
    assert_eq!(injected.assert_problem(422, "validation_failed")["errors"][0]["field"], "email");
    let control =
        app.post_json(register, &json!({ "email": "x@b.vn", "password": GOOD_PASSWORD, "full_name": "A\u{0}B" })).await;
    assert_eq!(control.assert_problem(422, "validation_failed")["errors"][0]["field"], "full_name");

    let users = app.get_as(&admin.access_token, "/api/v1/admin/users").await.json();
    assert_eq!(users["total"], 1, "only the administrator exists");
    assert!(app.mailbox.messages().is_empty(), "no e-mail was sent");
}

#[actix_web::test]
async fn an_absurdly_long_password_is_refused_without_hashing_it() {
    let app = spawn_app().await;
    let huge = "x".repeat(60_000);
    let response = app.post_json("/api/v1/auth/login", &json!({ "email": "a@b.vn", "password": huge })).await;
    response.assert_problem(401, "unauthorized");
}

/// An array fills a struct in serde; the API takes objects only (found by fuzzing: `[]` was a
/// PATCH /me that changed nothing and answered 200).
#[actix_web::test]
async fn a_body_that_is_not_a_json_object_is_refused() {
    let app = spawn_app().await;
    let citizen = app.citizen("array.body@example.vn").await;
    let bearer = format!("Bearer {}", citizen.access_token);
    for body in [&b"[]"[..], br#" ["Nguyen"]"#, b"\"text\"", b"7"] {
        let headers = [("content-type", "application/json"), ("authorization", bearer.as_str())];
        let answer = app.request("PATCH", "/api/v1/me", Some(body.to_vec()), &headers).await;
        let problem = answer.assert_problem(422, "validation_failed");
        assert_eq!(problem["errors"][0]["field"], "body", "{}", String::from_utf8_lossy(body));
    }
    assert_eq!(app.get_as(&citizen.access_token, "/api/v1/me").await.json()["full_name"], "Nguyễn Văn Dân");
}
