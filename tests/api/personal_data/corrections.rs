//! A petitioner corrects their details: they ask, the handling agency confirms or refuses within
//! ten days (Decree 356/2025/NĐ-CP Art. 5(3)); a sealed identity is corrected only by a reception
//! officer and stays sealed; what was asked is forgotten once decided.

use serde_json::json;

use super::sealed_denunciation;

use crate::petitions::{NOW, complaint, file_as};
use crate::workflow::{people, read};

#[actix_web::test]
async fn the_handling_agency_confirms_or_refuses_a_petitioners_correction() {
    let app = crate::helpers::spawn_app_at(NOW).await;
    let p = people(&app).await;
    let filed = file_as(&app, &p.citizen, &complaint()).await;
    let corrections = format!("/api/v1/petitions/{}/petitioner-corrections", filed["id"].as_str().unwrap());

    let blank = app.send_json_as(&p.citizen.access_token, "POST", &corrections, &json!({ "phone": " " })).await;
    assert_eq!(blank.assert_problem(422, "validation_failed")["errors"][0]["field"], "phone");
    let nothing = app.send_json_as(&p.citizen.access_token, "POST", &corrections, &json!({ "address": "" })).await;
    assert_eq!(nothing.assert_problem(422, "validation_failed")["errors"][0]["field"], "full_name");
    let stranger = app.citizen("nguoi.la@example.vn").await;
    let asked = json!({ "full_name": "Nguyễn Văn Dần", "phone": "0914 123 456" });
    app.send_json_as(&stranger.access_token, "POST", &corrections, &asked).await.assert_problem(404, "not_found");
    app.send_json_as(&p.triage_officer.access_token, "POST", &corrections, &asked)
        .await
        .assert_problem(403, "forbidden");

    let response = app.send_json_as(&p.citizen.access_token, "POST", &corrections, &asked).await;
    assert_eq!(response.status, 202, "{}", String::from_utf8_lossy(&response.body));
    let request = response.json();
    assert_eq!((request["kind"].as_str(), request["status"].as_str()), (Some("correction"), Some("open")));
    assert_eq!(request["due_at"], "2026-12-06T10:00:00+07:00", "ten days");
    assert_eq!(request["asked"]["phone"], "0914 123 456");

    let listed = app.get_as(&p.triage_officer.access_token, &corrections).await.json();
    assert_eq!(listed["items"][0]["asked"]["full_name"], "Nguyễn Văn Dần");
    let confirm = format!("{corrections}/{}/confirm", request["id"].as_str().unwrap());
    let confirmed = app.send_json_as(&p.triage_officer.access_token, "POST", &confirm, &json!({})).await;
    assert_eq!(confirmed.status, 200, "{}", String::from_utf8_lossy(&confirmed.body));
    assert_eq!((confirmed.json()["status"].as_str(), confirmed.json()["asked"].is_null()), (Some("completed"), true));
    app.send_json_as(&p.triage_officer.access_token, "POST", &confirm, &json!({}))
        .await
        .assert_problem(409, "conflict");

    let petition = read(&app, &p.triage_officer, &filed).await;
    assert_eq!(petition["petitioner"]["full_name"], "Nguyễn Văn Dần");
    assert_eq!(petition["petitioner"]["phone"], "0914 123 456");
    assert_eq!(petition["petitioner"]["address"], filed["petitioner"]["address"], "what was not asked stays");
    let kinds: Vec<&str> =
        petition["timeline"].as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"petition.correction_requested") && kinds.contains(&"petition.petitioner_corrected"));
    let own = read(&app, &p.citizen, &filed).await;
    assert!(
        own["timeline"].as_array().unwrap().iter().all(|e| e["kind"] != "petition.petitioner_corrected"),
        "internal"
    );

    // A second request, refused with a reason the petitioner reads.
    let again = app
        .send_json_as(&p.citizen.access_token, "POST", &corrections, &json!({ "address": "99 Trần Hưng Đạo" }))
        .await;
    let refuse = format!("{corrections}/{}/refuse", again.json()["id"].as_str().unwrap());
    let reason = json!({ "reason": "Địa chỉ mới không khớp với hồ sơ đất đai của vụ việc." });
    let refused = app.send_json_as(&p.triage_head.access_token, "POST", &refuse, &reason).await;
    assert_eq!(refused.json()["status"], "refused");
    let mine = app.get_as(&p.citizen.access_token, &corrections).await.json();
    let refused = mine["items"].as_array().unwrap().iter().find(|r| r["status"] == "refused").unwrap();
    assert_eq!(refused["outcome"], reason["reason"]);
    assert_eq!(read(&app, &p.triage_officer, &filed).await["petitioner"]["address"], filed["petitioner"]["address"]);
}

#[actix_web::test]
async fn a_sealed_identity_is_corrected_by_a_reception_officer_and_stays_sealed() {
    let app = crate::helpers::spawn_app_at(NOW).await;
    let p = people(&app).await;
    let reception = app.reception_officer(&p.admin, &p.triage).await;
    let filed = file_as(&app, &p.citizen, &sealed_denunciation()).await;
    let path = format!("/api/v1/petitions/{}", filed["id"].as_str().unwrap());
    let corrections = format!("{path}/petitioner-corrections");
    const NEW_PHONE: &str = "0905 777 999";
    let asked = app.send_json_as(&p.citizen.access_token, "POST", &corrections, &json!({ "phone": NEW_PHONE })).await;
    assert_eq!(asked.status, 202);
    let confirm = format!("{corrections}/{}/confirm", asked.json()["id"].as_str().unwrap());

    // Only one who may unseal it may read or decide what is asked.
    app.get_as(&p.triage_officer.access_token, &corrections).await.assert_problem(403, "forbidden");
    app.send_json_as(&p.triage_head.access_token, "POST", &confirm, &json!({})).await.assert_problem(403, "forbidden");
    let stored = app.with_connection(|c| {
        use diesel::prelude::*;
        pakn::db::schema::data_requests::table
            .select(pakn::db::schema::data_requests::details)
            .load::<Option<String>>(c)
    });
    assert!(!format!("{stored:?}").contains(NEW_PHONE), "what is asked is sealed");
    assert_eq!(app.send_json_as(&reception.access_token, "POST", &confirm, &json!({})).await.status, 200);

    let unsealed = app
        .send_json_as(
            &reception.access_token,
            "POST",
            &format!("{path}/identity"),
            &json!({ "reason": "Xác minh số điện thoại mới của người tố cáo" }),
        )
        .await;
    assert_eq!(unsealed.json()["phone"], NEW_PHONE);
    assert_eq!(read(&app, &p.triage_head, &filed).await["petitioner"]["kind"], "pseudonym");
    let id = pakn::domain::ids::PetitionId::parse(filed["id"].as_str().unwrap()).unwrap();
    let identity = app.with_connection(|c| pakn::db::petitioners::find(c, &id)).unwrap();
    assert!(!format!("{identity:?}").contains(NEW_PHONE), "still sealed");
}
