//! The privacy notice: versioned text in both languages with the retention schedule in force, and
//! the version each person was shown recorded at registration, invitation, filing and Open311.

use pakn::db::personal_data::notices::{self, ShownTo};
use pakn::domain::ids::UserId;
use pakn::domain::tracking_code::TrackingCode;
use serde_json::json;

use crate::helpers::spawn_app_at;
use crate::open311::{issue_key, post_request};
use crate::petitions::{NOW, complaint, feedback};

const LINK_V1: &str = "</api/v1/privacy-notice?version=1>; rel=\"privacy-policy\"";

#[actix_web::test]
async fn the_notice_says_why_on_what_basis_for_how_long_and_what_rights_in_both_languages() {
    let app = spawn_app_at(NOW).await;
    let notice = app.get("/api/v1/privacy-notice").await;
    assert_eq!(notice.status, 200);
    let body = notice.json();
    assert_eq!(body["version"], 1);
    for needle in ["Điều 19 khoản 1 điểm c", "Luật Tố cáo 2018", "72 giờ", "/api/v1/me/data-export"] {
        assert!(body["text_vi"].as_str().unwrap().contains(needle), "{needle}");
    }
    assert!(body["text_en"].as_str().unwrap().contains("Art. 19(1)(c)"));
    let retention = body["retention"].as_array().unwrap();
    assert_eq!(retention.len(), 10, "every retention rule, no clock: {retention:?}");
    assert!(retention.iter().all(|rule| rule["governs"] == "retention" && !rule["basis"].as_str().unwrap().is_empty()));
    assert_eq!(
        body["versions"],
        json!([{ "version": 1, "published_at": body["published_at"], "href": "/api/v1/privacy-notice?version=1" }])
    );

    app.get("/api/v1/privacy-notice?version=2").await.assert_problem(404, "not_found");
    let bad = app.get("/api/v1/privacy-notice?version=first").await.assert_problem(422, "validation_failed");
    assert_eq!(bad["errors"][0]["field"], "version");
}

#[actix_web::test]
async fn each_person_is_recorded_with_the_version_they_were_shown() {
    let app = spawn_app_at(NOW).await;
    let admin = app.admin().await;
    let registered = app
        .post_json(
            "/api/v1/auth/register",
            &json!({ "email": "moi@example.vn", "password": crate::helpers::GOOD_PASSWORD, "full_name": "Lê Thị Mới" }),
        )
        .await;
    assert_eq!(registered.header("link"), Some(LINK_V1));
    let citizen = app.citizen("dan@example.vn").await;
    let officer =
        app.staff(&admin, "officer", json!({ "agency_id": app.agency_id("ubnd-phuong-phu-xuan").await })).await;

    let signed_in = app.send_json_as(&citizen.access_token, "POST", "/api/v1/petitions", &complaint()).await;
    assert_eq!(signed_in.header("link"), Some(LINK_V1));
    // A retry answered from the first filing names the version that filing recorded.
    let bearer = format!("Bearer {}", citizen.access_token);
    let retry_headers =
        [("authorization", bearer.as_str()), ("content-type", "application/json"), ("idempotency-key", "notice-retry")];
    let body = serde_json::to_vec(&feedback("Vỉa hè bị lấn chiếm trên đường Lê Lợi")).unwrap();
    for _ in 0..2 {
        let filed = app.request("POST", "/api/v1/petitions", Some(body.clone()), &retry_headers).await;
        assert_eq!((filed.status, filed.header("link")), (201, Some(LINK_V1)));
    }
    let anonymous = app.post_json("/api/v1/petitions", &feedback("Đèn đường hỏng trên đường Lê Lợi")).await;
    assert_eq!((anonymous.status, anonymous.header("link")), (201, Some(LINK_V1)));
    let (_, key) = issue_key(&app, &admin, "Ứng dụng thử").await;
    let open311 = post_request(
        &app,
        "json",
        &[
            ("api_key", key.as_str()),
            ("service_code", "feedback-land"),
            ("address_id", "19753"),
            ("description", "Cột điện nghiêng sắp đổ trước nhà số 5 đường Lê Lợi."),
        ],
    )
    .await;
    assert_eq!((open311.status, open311.header("link")), (200, Some(LINK_V1)));

    // A new version is published: what people see from now on; what they saw before stays.
    let text = |lang: &str| format!("{lang}: {}", "Thông báo mới về xử lý dữ liệu cá nhân. ".repeat(5));
    let published = app
        .send_json_as(
            &admin.access_token,
            "POST",
            "/api/v1/admin/privacy-notices",
            &json!({ "text_vi": text("vi"), "text_en": text("en") }),
        )
        .await;
    assert_eq!((published.status, published.json()["version"].as_i64()), (201, Some(2)));
    let later =
        app.send_json_as(&citizen.access_token, "POST", "/api/v1/petitions", &feedback("Cống thoát nước bị tắc")).await;
    assert_eq!(later.header("link"), Some("</api/v1/privacy-notice?version=2>; rel=\"privacy-policy\""));
    assert_eq!(
        app.get("/api/v1/privacy-notice?version=1").await.json()["text_vi"].as_str().map(|t| t.contains("Điều 19")),
        Some(true)
    );
    let short = app
        .send_json_as(
            &admin.access_token,
            "POST",
            "/api/v1/admin/privacy-notices",
            &json!({ "text_vi": "ngắn", "text_en": text("en") }),
        )
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(short["errors"][0]["field"], "text_vi");
    app.send_json_as(
        &officer.access_token,
        "POST",
        "/api/v1/admin/privacy-notices",
        &json!({ "text_vi": text("vi"), "text_en": text("en") }),
    )
    .await
    .assert_problem(403, "forbidden");

    let petition = |response: &crate::helpers::TestResponse| {
        let code = TrackingCode::parse(response.json()["tracking_code"].as_str().unwrap()).unwrap();
        app.with_connection(|c| pakn::db::petitions::find_by_tracking_code(c, &code)).unwrap().unwrap().id
    };
    let (first, second) = (petition(&signed_in), petition(&later));
    let shown = |to: ShownTo| app.with_connection(|c| notices::shown(c, to)).unwrap();
    let version_and_occasion = |to| shown(to).into_iter().map(|(v, o, _)| (v, o)).collect::<Vec<_>>();
    assert_eq!(version_and_occasion(ShownTo::Petitioner(&first)), [(1, "filing".to_string())]);
    assert_eq!(version_and_occasion(ShownTo::Petitioner(&second)), [(2, "filing".to_string())]);
    let anonymous = petition(&anonymous);
    assert_eq!(version_and_occasion(ShownTo::Petitioner(&anonymous)), [(1, "filing".to_string())]);
    let officer_id = UserId::parse(&officer.id).unwrap();
    assert_eq!(version_and_occasion(ShownTo::Account(&officer_id)), [(1, "invitation_acceptance".to_string())]);
    let citizen_id = UserId::parse(&citizen.id).unwrap();
    assert_eq!(version_and_occasion(ShownTo::Account(&citizen_id)), [(1, "registration".to_string())]);
    let open311_code = crate::open311::json_of(&open311)[0]["service_request_id"].as_str().unwrap().to_string();
    let filed = app.with_connection(|c| {
        pakn::db::petitions::find_by_tracking_code(
            c,
            &pakn::domain::tracking_code::TrackingCode::parse(&open311_code).unwrap(),
        )
    });
    let open311_petition = filed.unwrap().unwrap().id;
    assert_eq!(version_and_occasion(ShownTo::Petitioner(&open311_petition)), [(1, "open311_filing".to_string())]);
}
