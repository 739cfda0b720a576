//! A reception session's life: published, booked, recorded with the petitions received there;
//! withdrawn with those who booked told; and bad schedules refused.

use serde_json::json;

use super::{schedule, schedule_on};
use crate::helpers::{GOOD_PASSWORD, ManualClock, spawn_app_with_clock};

/// Monday 7 December 2026, 08:00 in Vietnam.
const MONDAY: &str = "2026-12-07 01:00:00";

#[actix_web::test]
async fn a_session_is_published_booked_and_recorded_with_the_petitions_received_there() {
    let clock = ManualClock::at(MONDAY);
    let app = spawn_app_with_clock(clock.clone()).await;
    let admin = app.admin().await;
    let ward = app.agency_id("ubnd-phuong-phu-xuan").await;
    let head = app.staff(&admin, "head", json!({ "agency_id": ward })).await;
    let officer = app.staff(&admin, "officer", json!({ "agency_id": ward })).await;
    let session = schedule(&app, &head, &ward, 2).await;
    let id = session["id"].as_str().unwrap();
    assert_eq!((session["status"].as_str(), session["slots_left"].as_i64()), (Some("scheduled"), Some(2)));

    // Anyone sees it on the public schedule.
    let public = app.get(&format!("/api/v1/public/reception-sessions?agency_id={ward}")).await.json();
    assert_eq!(public["items"][0]["id"], id);
    assert_eq!(app.get("/api/v1/public/reception-sessions?admin_unit=19753").await.json()["total"], 1);
    assert_eq!(app.get("/api/v1/public/reception-sessions?admin_unit=19942").await.json()["total"], 0);

    // Two citizens take the two slots; a third finds it full; nobody books twice.
    let bookings = format!("/api/v1/reception-sessions/{id}/bookings");
    let subject = json!({ "subject": "Hỏi về phương án bồi thường đường Lê Lợi." });
    let (an, binh, chi) =
        (app.citizen("an@example.vn").await, app.citizen("binh@example.vn").await, app.citizen("chi@example.vn").await);
    let first = app.send_json_as(&an.access_token, "POST", &bookings, &subject).await;
    assert_eq!(first.status, 201);
    assert_eq!(first.json()["position"], 1);
    assert!(app.mailbox.next_for("an@example.vn", 1).await.text().contains("Số thứ tự của bạn: 1"));
    app.send_json_as(&an.access_token, "POST", &bookings, &subject).await.assert_problem(409, "conflict");
    assert_eq!(app.send_json_as(&binh.access_token, "POST", &bookings, &subject).await.json()["position"], 2);
    app.send_json_as(&chi.access_token, "POST", &bookings, &subject).await.assert_problem(409, "conflict");
    let mine = app.get_as(&an.access_token, "/api/v1/me/reception-bookings").await.json();
    assert_eq!(mine["items"][0]["session"]["id"], id);
    assert_eq!(mine["items"][0]["session"]["slots_left"], 0);

    // The ward reads who is coming, each read entered in the access log.
    let coming = app.get_as(&officer.access_token, &bookings).await.json();
    assert_eq!(coming["items"][0]["citizen_name"], "Nguyễn Văn Dân");
    assert_eq!(coming["items"][1]["position"], 2);

    // Not before its day; on its day, with the petition received there.
    let held = format!("/api/v1/reception-sessions/{id}/held");
    let record = |petitions: Vec<&str>| json!({ "attended": 3, "summary": "Tiếp 3 lượt công dân về bồi thường.", "petition_ids": petitions });
    app.send_json_as(&officer.access_token, "POST", &held, &record(vec![])).await.assert_problem(409, "conflict");
    clock.advance(chrono::TimeDelta::days(2));
    let (officer, an) = (app.login(&officer.email, GOOD_PASSWORD).await, app.login(&an.email, GOOD_PASSWORD).await);
    // A complaint against the ward's decision, received at the session: the ward handles it.
    let mut received = crate::petitions::complaint();
    received["respondent_agency_id"] = json!(ward);
    received["channel"] = json!("in_person");
    received["petitioner"] = json!({ "full_name": "Trần Văn Chi", "phone": "0905 123 456" });
    let in_person = crate::petitions::file_as(&app, &officer, &received).await;
    let online = crate::petitions::file_as(&app, &an, &crate::petitions::feedback("Đèn đường hỏng")).await;
    let refused = app
        .send_json_as(&officer.access_token, "POST", &held, &record(vec![online["id"].as_str().unwrap()]))
        .await
        .assert_problem(422, "validation_failed");
    assert_eq!(refused["errors"][0]["field"], "petition_ids");
    let recorded =
        app.send_json_as(&officer.access_token, "POST", &held, &record(vec![in_person["id"].as_str().unwrap()])).await;
    assert_eq!(recorded.status, 200, "{}", String::from_utf8_lossy(&recorded.body));
    let recorded = recorded.json();
    assert_eq!((recorded["status"].as_str(), recorded["record"]["attended"].as_i64()), (Some("held"), Some(3)));
    assert_eq!(recorded["petition_ids"][0], in_person["id"]);
    app.send_json_as(&officer.access_token, "POST", &held, &record(vec![])).await.assert_problem(409, "conflict");

    // The public sees that it was held and how many were received, never the summary.
    let seen = app.get(&format!("/api/v1/public/reception-sessions/{id}")).await.json();
    assert_eq!((seen["status"].as_str(), seen["attended"].as_i64()), (Some("held"), Some(3)));
    assert!(seen.get("record").is_none());
    assert_eq!(app.get("/api/v1/public/reception-sessions").await.json()["total"], 0);
}

#[actix_web::test]
async fn a_withdrawn_session_tells_those_who_booked_why_and_leaves_the_public_schedule() {
    let app = spawn_app_with_clock(ManualClock::at(MONDAY)).await;
    let admin = app.admin().await;
    let ward = app.agency_id("ubnd-phuong-phu-xuan").await;
    let head = app.staff(&admin, "head", json!({ "agency_id": ward })).await;
    let session = schedule(&app, &head, &ward, 3).await;
    let id = session["id"].as_str().unwrap();
    let citizen = app.citizen("an@example.vn").await;
    let bookings = format!("/api/v1/reception-sessions/{id}/bookings");
    let booked =
        app.send_json_as(&citizen.access_token, "POST", &bookings, &json!({ "subject": "Hỏi về cấp sổ đỏ." })).await;
    assert_eq!(booked.status, 201);
    app.mailbox.next_for("an@example.vn", 1).await;

    let cancel = format!("/api/v1/reception-sessions/{id}/cancel");
    let reason = json!({ "reason": "Chủ tịch đi công tác đột xuất." });
    let cancelled = app.send_json_as(&head.access_token, "POST", &cancel, &reason).await.json();
    assert_eq!(
        (cancelled["status"].as_str(), cancelled["status_note"].as_str()),
        (Some("cancelled"), Some("Chủ tịch đi công tác đột xuất."))
    );
    let told = app.mailbox.next_for("an@example.vn", 2).await;
    assert!(told.text().contains("Chủ tịch đi công tác đột xuất."), "{}", told.text());
    assert_eq!(app.get("/api/v1/public/reception-sessions").await.json()["total"], 0);
    assert_eq!(app.get(&format!("/api/v1/public/reception-sessions/{id}")).await.json()["status"], "cancelled");
    app.send_json_as(&citizen.access_token, "POST", &bookings, &json!({ "subject": "Hỏi lại về sổ đỏ." }))
        .await
        .assert_problem(409, "conflict");
    app.send_json_as(&head.access_token, "POST", &cancel, &reason).await.assert_problem(409, "conflict");
}

#[actix_web::test]
async fn bad_schedules_are_refused_field_by_field_and_change_nothing() {
    let app = spawn_app_with_clock(ManualClock::at(MONDAY)).await;
    let admin = app.admin().await;
    let ward = app.agency_id("ubnd-phuong-phu-xuan").await;
    let head = app.staff(&admin, "head", json!({ "agency_id": ward })).await;
    let path = format!("/api/v1/agencies/{ward}/reception-sessions");
    let bad = json!({
        "held_on": "2026-12-06", "starts_at": "8:00", "ends_at": "07:00", "place": "x",
        "receiver": "secretary", "receiver_name": "Chủ tịch", "capacity": 0
    });
    let problem =
        app.send_json_as(&head.access_token, "POST", &path, &bad).await.assert_problem(422, "validation_failed");
    let fields: Vec<&str> =
        problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["held_on", "starts_at", "receiver", "place", "capacity"]);
    let reversed = json!({
        "held_on": "2026-12-08", "starts_at": "11:00", "ends_at": "08:00", "place": "Trụ sở UBND",
        "receiver": "head", "receiver_name": "Chủ tịch"
    });
    let problem =
        app.send_json_as(&head.access_token, "POST", &path, &reversed).await.assert_problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "ends_at");
    let elsewhere = app.agency_id("ubnd-xa-phu-vang").await;
    let other = format!("/api/v1/agencies/{elsewhere}/reception-sessions");
    app.send_json_as(&head.access_token, "POST", &other, &reversed).await.assert_problem(403, "forbidden");
    assert_eq!(app.get_as(&head.access_token, &path).await.json()["total"], 0);
    assert_eq!(app.get("/api/v1/public/reception-sessions").await.json()["total"], 0);
    // A deputy's session is published like the head's.
    assert_eq!(schedule_on(&app, &head, &ward, "2026-12-08", "deputy").await["receiver"], "deputy");
}

#[actix_web::test]
async fn citizens_booking_the_last_slots_at_once_get_one_slot_each_and_the_rest_are_told_it_is_full() {
    let app = spawn_app_with_clock(ManualClock::at(MONDAY)).await;
    let admin = app.admin().await;
    let ward = app.agency_id("ubnd-phuong-phu-xuan").await;
    let head = app.staff(&admin, "head", json!({ "agency_id": ward })).await;
    let session = schedule(&app, &head, &ward, 2).await;
    let bookings = format!("/api/v1/reception-sessions/{}/bookings", session["id"].as_str().unwrap());
    let mut citizens = Vec::new();
    for n in 0..6 {
        citizens.push(app.citizen(&format!("dan{n}@example.vn")).await);
    }
    let subject = json!({ "subject": "Hỏi về phương án bồi thường." });
    let answers = futures_util::future::join_all(
        citizens.iter().map(|citizen| app.send_json_as(&citizen.access_token, "POST", &bookings, &subject)),
    )
    .await;
    let mut statuses: Vec<u16> = answers.iter().map(|a| a.status).collect();
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 201, 409, 409, 409, 409]);
    let mut positions: Vec<i64> =
        answers.iter().filter(|a| a.status == 201).map(|a| a.json()["position"].as_i64().unwrap()).collect();
    positions.sort_unstable();
    assert_eq!(positions, [1, 2]);
    let coming = app.get_as(&head.access_token, &bookings).await.json();
    assert_eq!(coming["total"], 2);
}
