//! Erasing one's account: the name, address, phone, password, sessions and links go at once; a
//! petition still being handled keeps the petitioner the agency must answer, detached from the
//! account; an answered feedback keeps nobody.

use pakn::domain::ids::PetitionId;
use serde_json::json;

use super::answered_feedback;
use crate::helpers::GOOD_PASSWORD;
use crate::petitions::{NOW, complaint, file_as};
use crate::workflow::{people, read};

#[actix_web::test]
async fn an_erasure_removes_the_account_and_keeps_what_the_handling_law_requires() {
    let app = crate::helpers::spawn_app_at(NOW).await;
    let p = people(&app).await;
    let open = file_as(&app, &p.citizen, &complaint()).await;
    let answered = answered_feedback(&app, &p, "Bãi rác tự phát ven sông Hương").await;
    let erasure = "/api/v1/me/erasure";

    let wrong =
        app.send_json_as(&p.citizen.access_token, "POST", erasure, &json!({ "password": "không phải mật khẩu" })).await;
    assert_eq!(wrong.assert_problem(422, "validation_failed")["errors"][0]["field"], "password");
    let staff =
        app.send_json_as(&p.triage_officer.access_token, "POST", erasure, &json!({ "password": GOOD_PASSWORD })).await;
    staff.assert_problem(409, "conflict");

    let erased =
        app.send_json_as(&p.citizen.access_token, "POST", erasure, &json!({ "password": GOOD_PASSWORD })).await;
    assert_eq!(erased.status, 200, "{}", String::from_utf8_lossy(&erased.body));
    let counts = erased.json();
    assert_eq!((counts["petitions_kept"].as_i64(), counts["petitioners_anonymised"].as_i64()), (Some(1), Some(1)));
    assert!(counts["sign_in_records_deleted"].as_i64().unwrap() >= 2, "{counts}");

    // The account is gone: its tokens, its password, its address.
    app.get_as(&p.citizen.access_token, "/api/v1/me").await.assert_problem(401, "unauthorized");
    let login =
        app.post_json("/api/v1/auth/login", &json!({ "email": p.citizen.email, "password": GOOD_PASSWORD })).await;
    login.assert_problem(401, "unauthorized");
    let users = app.get_as(&p.admin.access_token, "/api/v1/admin/users?limit=100").await;
    assert!(!String::from_utf8_lossy(&users.body).contains(&p.citizen.email));
    let account = app.get_as(&p.admin.access_token, &format!("/api/v1/admin/users/{}", p.citizen.id)).await.json();
    assert_eq!((account["full_name"].as_str(), account["phone"].as_str()), (Some(""), None));

    // The complaint under handling keeps the petitioner its agency must answer, but no account.
    let kept = read(&app, &p.triage_officer, &open).await;
    assert_eq!(kept["petitioner"]["full_name"], "Nguyễn Văn Dân");
    let id = PetitionId::parse(open["id"].as_str().unwrap()).unwrap();
    let stored = app.with_connection(|c| pakn::db::petitions::find(c, &id)).unwrap().unwrap();
    assert_eq!((stored.petitioner_id, stored.filed_by_id), (None, None));
    // The answered feedback keeps nobody.
    let gone = read(&app, &p.triage_officer, &answered).await;
    assert_eq!(gone["petitioner"]["kind"], "anonymous", "{}", gone["petitioner"]);

    let register = app.get_as(&p.admin.access_token, "/api/v1/admin/data-requests").await.json();
    let request = &register["items"][0];
    assert_eq!((request["kind"].as_str(), request["user_id"].as_str()), (Some("erasure"), None));
    assert_eq!(request["due_at"], "2026-12-16T10:00:00+07:00", "twenty days (Decree 356/2025 Art. 5(4))");
}
