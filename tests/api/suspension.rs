//! What Law 136/2025/QH15 (in force 1 July 2026) added to the Law on Complaints: resolution
//! suspended on a legal ground with the clock stopped and resumed with the days that were left
//! (Art. 11a), part of a complaint withdrawn while the rest goes on (Art. 10), and resolution
//! going on when the complainant stays away from a dialogue without a valid reason (Art. 30(6)).

use std::sync::Arc;

use chrono::TimeDelta;
use serde_json::{Value, json};

use crate::helpers::{ManualClock, TestApp, spawn_app_with_clock};
use crate::petitions::{NOW, file_as};
use crate::workflow::{People, act, complaint_against, done, people, read};

async fn accepted_complaint(app: &TestApp, p: &People) -> Value {
    let filed = file_as(app, &p.citizen, &complaint_against(&p.ward)).await;
    let accepted = done(app, &p.ward_officer, &filed, "accept", json!({ "complexity": "normal" })).await;
    // Accepted Thu 26 Nov: 30 days end Sat 26 Dec, so the period runs to Mon 28 Dec.
    assert_eq!(accepted["deadlines"]["resolution"]["due"], "2026-12-28");
    accepted
}

async fn public_page(app: &TestApp, petition: &Value) -> Value {
    app.get(&format!("/api/v1/public/petitions/{}", petition["tracking_code"].as_str().unwrap())).await.json()
}

#[actix_web::test]
async fn a_suspended_complaint_resumes_with_the_days_that_were_left() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone() as Arc<_>).await;
    let p = people(&app).await;
    let complaint = accepted_complaint(&app, &p).await;

    clock.advance(TimeDelta::days(5)); // Tue 1 Dec: 27 days left.
    let p = p.signed_in_again(&app).await;
    let suspend =
        json!({ "ground": "objective_obstacle", "reason": "Người khiếu nại phải điều trị dài ngày tại bệnh viện." });
    act(&app, &p.ward_officer, &complaint, "suspend", suspend.clone()).await.assert_problem(403, "forbidden");
    let suspended = done(&app, &p.ward_head, &complaint, "suspend", suspend).await;
    assert_eq!(suspended["status"], "suspended");
    assert!(suspended["handling"]["suspended_at"].as_str().unwrap().starts_with("2026-12-01"));
    assert_eq!(suspended["allowed_actions"], json!(["resume"]));
    let told = app.mailbox.wait_for_text(&p.citizen.email, "tạm đình chỉ", 1).await;
    assert!(told[0].text().contains("Art. 11a(1)(a)"), "the decision names its legal basis: {}", told[0].text());

    let public = public_page(&app, &suspended).await;
    assert_eq!(public["status"], "suspended");
    let resolution = &public["deadlines"]["resolution"];
    assert_eq!((resolution["overdue"].as_bool(), &resolution["working_days_left"]), (Some(false), &Value::Null));
    assert!(public["timeline"].as_array().unwrap().iter().any(|e| e["kind"] == "petition.suspended"));

    clock.advance(TimeDelta::days(40)); // Sun 10 Jan 2027: past the old deadline, and no matter.
    let p = p.signed_in_again(&app).await;
    let still = read(&app, &p.ward_head, &complaint).await;
    assert_eq!(still["deadlines"]["resolution"]["overdue"], false, "suspended time does not count");
    let wrong = act(
        &app,
        &p.ward_head,
        &complaint,
        "resolve",
        json!({ "outcome": "rejected", "answer": "Không có cơ sở để chấp nhận." }),
    )
    .await
    .assert_problem(409, "wrong_status");
    assert_eq!(wrong["allowed_actions"], json!(["resume"]));

    // Mon 11 Jan 2027: the 27 days end Sun 7 Feb, inside 2027's (provisional) Tết break, so the
    // period runs to the first working day after it, Fri 12 Feb.
    clock.advance(TimeDelta::days(1));
    let p = p.signed_in_again(&app).await;
    let resumed =
        done(&app, &p.ward_head, &complaint, "resume", json!({ "note": "Người khiếu nại đã ra viện." })).await;
    assert_eq!(resumed["status"], "in_progress");
    assert_eq!(resumed["deadlines"]["resolution"]["due"], "2027-02-12");
    assert_eq!(resumed["deadlines"]["resolution"]["provisional"], true, "2027's holidays are not announced");
    assert_eq!(resumed["handling"]["suspended_at"], Value::Null);
    app.mailbox.wait_for_text(&p.citizen.email, "tiếp tục giải quyết", 1).await;
}

#[actix_web::test]
async fn a_denunciation_is_suspended_only_while_awaiting_another_bodys_result() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone() as Arc<_>).await;
    let p = people(&app).await;
    let denunciation = file_as(&app, &p.citizen, &crate::workflow::denunciation_of(&p.ward, "staff")).await;
    done(&app, &p.ward_head, &denunciation, "accept", json!({ "complexity": "normal" })).await;
    let obstacle = json!({ "ground": "objective_obstacle", "reason": "Người tố cáo đi công tác nước ngoài dài ngày." });
    let problem =
        act(&app, &p.ward_head, &denunciation, "suspend", obstacle).await.assert_problem(422, "validation_failed");
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("Art. 34"));
    let awaiting = json!({ "ground": "awaiting_other_authority", "reason": "Chờ kết luận giám định của Sở Tài nguyên và Môi trường." });
    assert_eq!(done(&app, &p.ward_head, &denunciation, "suspend", awaiting).await["status"], "suspended");
}

#[actix_web::test]
async fn part_of_a_complaint_is_withdrawn_and_the_rest_is_still_resolved() {
    let app = spawn_app_with_clock(ManualClock::at(NOW) as Arc<_>).await;
    let p = people(&app).await;
    let complaint = accepted_complaint(&app, &p).await;
    let part =
        json!({ "contents": "Tôi rút nội dung khiếu nại về tiền hỗ trợ di dời.", "reason": "Đã nhận đủ tiền hỗ trợ." });
    act(&app, &p.ward_head, &complaint, "withdraw-part", part.clone()).await.assert_problem(403, "forbidden");
    let after = done(&app, &p.citizen, &complaint, "withdraw-part", part).await;
    assert_eq!(
        (after["status"].as_str(), after["deadlines"]["resolution"]["due"].as_str()),
        (Some("accepted"), Some("2026-12-28"))
    );
    assert!(
        after["allowed_actions"].as_array().unwrap().contains(&json!("withdraw")),
        "the rest can still be withdrawn"
    );

    let path = format!("/api/v1/petitions/{}/messages", complaint["id"].as_str().unwrap());
    let messages = app.get_as(&p.ward_head.access_token, &path).await.json();
    let withdrawn =
        messages["items"].as_array().unwrap().iter().find(|m| m["purpose"] == "partial_withdrawal").unwrap();
    assert!(withdrawn["body"].as_str().unwrap().contains("tiền hỗ trợ di dời"));
    app.mailbox.wait_for_text(&p.ward_head.email, "rút một phần", 1).await;
}

#[actix_web::test]
async fn a_complainant_who_stays_away_from_the_dialogue_without_a_valid_reason_does_not_stop_it() {
    let app = spawn_app_with_clock(ManualClock::at(NOW) as Arc<_>).await;
    let p = people(&app).await;
    let complaint = accepted_complaint(&app, &p).await;
    let dialogue = json!({
        "held_on": "2026-11-26",
        "participants": "Cán bộ địa chính phường; người khiếu nại được mời nhưng vắng mặt",
        "summary": "Người khiếu nại đã được mời hợp lệ nhưng không đến, không báo lý do.",
        "attendance": "absent_without_valid_reason"
    });
    let recorded = done(&app, &p.ward_officer, &complaint, "record-dialogue", dialogue).await;
    assert_eq!(recorded["status"], "in_progress", "resolution goes on");
    let told = app.mailbox.wait_for_text(&p.citizen.email, "đối thoại", 1).await;
    assert!(told[0].text().contains("Art. 30(6)"), "the complainant hears why: {}", told[0].text());
    let public = public_page(&app, &complaint).await.to_string();
    assert!(!public.contains("vắng mặt") && !public.contains("did not attend"), "the public page says nothing of it");
}
