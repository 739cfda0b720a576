//! The handling workflow end to end through HTTP: routing to the right head, every kind's life
//! from filing to resolution (and appeal), refusal, transfer, merging, reopening, messages, the
//! 409s that name what is open, and two people acting at once.

use std::future::Future;
use std::task::Poll;

use serde_json::{Value, json};

use crate::helpers::{SignedInUser, TestApp, TestResponse, spawn_app_at};
use crate::petitions::{NOW, complaint, feedback, file_as};

/// The people of a ward and its city: a citizen, the ward's officer and chairman, the city's
/// chairman (the superior), and the coordinating office's officer and head (the triage queue).
pub struct People {
    pub citizen: SignedInUser,
    pub ward_officer: SignedInUser,
    pub ward_head: SignedInUser,
    pub city_head: SignedInUser,
    pub triage_officer: SignedInUser,
    pub triage_head: SignedInUser,
    pub admin: SignedInUser,
    pub ward: String,
    pub city: String,
    pub triage: String,
}

pub async fn people(app: &TestApp) -> People {
    let admin = app.admin().await;
    let ward = app.agency_id("ubnd-phuong-phu-xuan").await;
    let city = app.agency_id("hue-ubnd").await;
    let triage = app.agency_id("hue-ban-tiep-cong-dan").await;
    People {
        citizen: app.citizen("nguoi.dan@example.vn").await,
        ward_officer: app.staff(&admin, "officer", json!({ "agency_id": ward })).await,
        ward_head: app.staff(&admin, "head", json!({ "agency_id": ward })).await,
        city_head: app.staff(&admin, "head", json!({ "agency_id": city })).await,
        triage_officer: app.staff(&admin, "officer", json!({ "agency_id": triage })).await,
        triage_head: app.staff(&admin, "head", json!({ "agency_id": triage })).await,
        admin,
        ward,
        city,
        triage,
    }
}

impl People {
    /// Everyone signs in again: after the clock moved days ahead, access tokens have expired.
    pub async fn signed_in_again(self, app: &TestApp) -> People {
        let again = |user: SignedInUser| async move { app.login(&user.email, crate::helpers::GOOD_PASSWORD).await };
        People {
            citizen: again(self.citizen).await,
            ward_officer: again(self.ward_officer).await,
            ward_head: again(self.ward_head).await,
            city_head: again(self.city_head).await,
            triage_officer: again(self.triage_officer).await,
            triage_head: again(self.triage_head).await,
            admin: again(self.admin).await,
            ..self
        }
    }
}

/// `POST /api/v1/petitions/{id}/<action>` as `user`.
pub async fn act(app: &TestApp, user: &SignedInUser, petition: &Value, action: &str, body: Value) -> TestResponse {
    let path = format!("/api/v1/petitions/{}/{action}", petition["id"].as_str().expect("an id"));
    app.send_json_as(&user.access_token, "POST", &path, &body).await
}

/// The step succeeds; the petition after it.
pub async fn done(app: &TestApp, user: &SignedInUser, petition: &Value, action: &str, body: Value) -> Value {
    let response = act(app, user, petition, action, body).await;
    assert_eq!(response.status, 200, "{action}: {}", String::from_utf8_lossy(&response.body));
    response.json()
}

pub async fn read(app: &TestApp, user: &SignedInUser, petition: &Value) -> Value {
    let response =
        app.get_as(&user.access_token, &format!("/api/v1/petitions/{}", petition["id"].as_str().unwrap())).await;
    assert_eq!(response.status, 200, "{}", String::from_utf8_lossy(&response.body));
    response.json()
}

pub fn complaint_against(agency: &str) -> Value {
    let mut body = complaint();
    body["respondent_agency_id"] = json!(agency);
    body
}

/// A denunciation of someone in `agency`, in the position given (staff, head_or_deputy, agency).
pub fn denunciation_of(agency: &str, position: &str) -> Value {
    json!({
        "kind": "denunciation",
        "category": "land",
        "title": "Tố cáo nhận tiền hợp thức hóa đất",
        "description": "Người bị tố cáo đã nhận tiền để hợp thức hóa đất lấn chiếm, có người làm chứng.",
        "location": { "admin_unit_code": "19753" },
        "denounced_agency_id": agency,
        "denounced_position": position
    })
}

const ANSWER: &str = "Sau khi xác minh, mức bồi thường được điều chỉnh theo bảng giá đất năm 2026.";

/// Polls two futures together, so that two requests are in flight at once.
pub async fn both<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    let (mut a, mut b) = (std::pin::pin!(a), std::pin::pin!(b));
    let (mut first, mut second) = (None, None);
    std::future::poll_fn(|cx| {
        if first.is_none()
            && let Poll::Ready(out) = a.as_mut().poll(cx)
        {
            first = Some(out);
        }
        if second.is_none()
            && let Poll::Ready(out) = b.as_mut().poll(cx)
        {
            second = Some(out);
        }
        if first.is_some() && second.is_some() { Poll::Ready(()) } else { Poll::Pending }
    })
    .await;
    (first.expect("the first"), second.expect("the second"))
}

#[actix_web::test]
async fn a_complaint_goes_to_the_head_it_is_about_is_decided_rated_and_appealed_to_the_superior() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let filed = file_as(&app, &p.citizen, &complaint_against(&p.ward)).await;
    assert_eq!(filed["assigned_agency"]["id"], p.ward.as_str());
    assert_eq!(filed["responsible_head"]["title"], "Chủ tịch Ủy ban nhân dân phường Phú Xuân");
    assert_eq!(filed["respondent_agency_id"], p.ward.as_str());
    assert_eq!(filed["deadlines"]["acceptance"]["due"], "2026-12-07");

    let accepted = done(&app, &p.ward_officer, &filed, "accept", json!({ "complexity": "normal" })).await;
    assert_eq!(accepted["status"], "accepted");
    // Accepted Thu 26 Nov: 30 days end Sat 26 Dec, so the period runs to Mon 28 Dec.
    assert_eq!(accepted["deadlines"]["resolution"]["due"], "2026-12-28");
    assert_eq!(accepted["deadlines"]["acceptance"]["met"], true);
    let notice = app.mailbox.wait_for_text(&p.citizen.email, "đã được thụ lý", 1).await;
    assert!(notice[0].text().contains("28/12/2026"), "{}", notice[0].text());

    // Complaints have no extension; officers do not decide.
    act(&app, &p.ward_head, &filed, "extend", json!({ "reason": "Cần thêm thời gian xác minh" }))
        .await
        .assert_problem(409, "conflict");
    act(&app, &p.ward_officer, &filed, "resolve", json!({ "outcome": "upheld", "answer": ANSWER }))
        .await
        .assert_problem(403, "forbidden");
    assert_eq!(read(&app, &p.citizen, &filed).await["version"], accepted["version"], "nothing changed");

    let resolved = done(
        &app,
        &p.ward_head,
        &filed,
        "resolve",
        json!({ "outcome": "partly_upheld", "answer": ANSWER, "decision_number": "15/QĐ-UBND", "decision_date": "2026-11-26" }),
    )
    .await;
    assert_eq!((resolved["status"].as_str(), resolved["outcome"].as_str()), (Some("resolved"), Some("partly_upheld")));
    assert_eq!(resolved["answer"]["decision_number"], "15/QĐ-UBND");
    assert_eq!(resolved["deadlines"]["resolution"]["met"], true);
    let answer = app.mailbox.wait_for_text(&p.citizen.email, "đã được giải quyết", 1).await;
    assert!(answer[0].text().contains("bảng giá đất"), "the answer reaches the petitioner");

    let rated =
        done(&app, &p.citizen, &filed, "rate", json!({ "rating": "dissatisfied", "comment": "Chưa thỏa đáng" })).await;
    assert_eq!(rated["rating"]["rating"], "dissatisfied");
    act(&app, &p.citizen, &filed, "rate", json!({ "rating": "satisfied" })).await.assert_problem(409, "conflict");

    let appealed = done(
        &app,
        &p.citizen,
        &filed,
        "appeal",
        json!({ "reason": "Tôi không đồng ý với quyết định giải quyết lần đầu vì giá bồi thường vẫn thấp." }),
    )
    .await;
    assert_eq!(appealed["status"], "closed");
    let second_id = appealed["related"]["appealed_by"]["id"].as_str().expect("the second-time complaint").to_string();
    let second = read(&app, &p.citizen, &json!({ "id": second_id })).await;
    assert_eq!((second["round"].as_str(), second["kind"].as_str()), (Some("second"), Some("complaint")));
    assert_eq!(second["assigned_agency"]["id"], p.city.as_str(), "the superior of the ward decides the second time");
    assert_eq!(second["related"]["appeal_of"]["id"], filed["id"]);
    assert_eq!(second["petitioner"]["full_name"], "Nguyễn Văn Dân");
    act(&app, &p.citizen, &filed, "appeal", json!({ "reason": "Khiếu nại lần hai thêm một lần nữa cho chắc chắn." }))
        .await
        .assert_problem(409, "conflict");

    // The city decides: complex, 60 days from Thu 26 Nov is Mon 25 Jan 2027.
    let accepted = done(&app, &p.city_head, &second, "accept", json!({ "complexity": "complex" })).await;
    assert_eq!(accepted["deadlines"]["resolution"]["due"], "2027-01-25");
    let final_answer =
        done(&app, &p.city_head, &second, "resolve", json!({ "outcome": "rejected", "answer": ANSWER })).await;
    assert_eq!(final_answer["status"], "resolved");
    act(
        &app,
        &p.citizen,
        &second,
        "appeal",
        json!({ "reason": "Tôi muốn khiếu nại thêm một lần nữa về quyết định này." }),
    )
    .await
    .assert_problem(409, "conflict");
}

#[actix_web::test]
async fn a_denunciation_of_the_ward_chairman_goes_to_the_city_and_extends_only_as_the_law_allows() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let city_officer = app.staff(&p.admin, "officer", json!({ "agency_id": p.city })).await;
    let filed = file_as(&app, &p.citizen, &denunciation_of(&p.ward, "head_or_deputy")).await;
    assert_eq!(filed["assigned_agency"]["id"], p.city.as_str(), "never the denounced ward itself");
    assert_eq!(filed["denounced_agency_id"], p.ward.as_str());
    assert!(filed["routing_basis"].as_str().unwrap().contains("Art. 12(1)"));
    let path = format!("/api/v1/petitions/{}", filed["id"].as_str().unwrap());
    assert_eq!(app.get_as(&p.ward_officer.access_token, &path).await.status, 404);
    // Intake is 7 working days: Fri 27 Nov … Mon 7 Dec.
    assert_eq!(filed["deadlines"]["acceptance"]["due"], "2026-12-07");

    let accepted = done(&app, &city_officer, &filed, "accept", json!({ "complexity": "complex" })).await;
    assert_eq!(accepted["deadlines"]["resolution"]["due"], "2026-12-28");
    act(&app, &p.city_head, &filed, "extend", json!({ "reason": "" })).await.assert_problem(422, "validation_failed");
    let extended =
        done(&app, &p.city_head, &filed, "extend", json!({ "reason": "Phải xác minh tại nhiều địa điểm" })).await;
    // The extension adds 30 days to the period itself (Sat 26 Dec, not the Monday a weekend moved
    // the deadline to): 60 days from Thu 26 Nov end Mon 25 Jan 2027.
    assert_eq!(extended["deadlines"]["resolution"]["due"], "2027-01-25");
    assert_eq!(extended["handling"]["extensions_used"], 1);
    let refused =
        act(&app, &p.city_head, &filed, "extend", json!({ "reason": "Vẫn cần thêm thời gian xác minh" })).await;
    assert!(refused.assert_problem(409, "conflict")["detail"].as_str().unwrap().contains("allows 1"));
    assert_eq!(read(&app, &p.city_head, &filed).await["deadlines"]["resolution"]["due"], "2027-01-25");

    let resolved = done(&app, &p.city_head, &filed, "resolve", json!({ "outcome": "upheld", "answer": ANSWER })).await;
    assert_eq!(resolved["outcome"], "upheld");
}

#[actix_web::test]
async fn feedback_is_asked_about_answered_in_messages_and_notes_stay_internal() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let filed = file_as(&app, &p.citizen, &feedback("Bãi rác tự phát ven sông Hương")).await;
    assert_eq!(filed["assigned_agency"]["id"], p.triage.as_str(), "no routing rule: the triage queue");

    let early =
        act(&app, &p.triage_officer, &filed, "request-information", json!({ "question": "Bãi rác nằm ở đoạn nào?" }))
            .await;
    let problem = early.assert_problem(409, "wrong_status");
    assert_eq!(problem["current_status"], "received");
    assert_eq!(problem["allowed_actions"], json!(["accept", "refuse", "transfer", "merge"]));

    done(&app, &p.triage_officer, &filed, "accept", json!({ "complexity": "normal" })).await;
    let asked = done(
        &app,
        &p.triage_officer,
        &filed,
        "request-information",
        json!({ "question": "Xin cho biết bãi rác nằm ở đoạn nào của bờ sông?" }),
    )
    .await;
    assert_eq!(asked["status"], "in_progress");
    let question = app.mailbox.wait_for_text(&p.citizen.email, "bổ sung thông tin", 1).await;
    assert!(question[0].text().contains("đoạn nào của bờ sông"));

    let messages = format!("/api/v1/petitions/{}/messages", filed["id"].as_str().unwrap());
    let reply =
        app.send_json_as(&p.citizen.access_token, "POST", &messages, &json!({ "body": "Gần cầu Dã Viên." })).await;
    assert_eq!(reply.status, 201);
    assert_eq!(reply.json()["sender"], "petitioner");
    let note = json!({ "body": "Đã gọi Công ty Môi trường đô thị.", "internal": true });
    assert_eq!(app.send_json_as(&p.triage_officer.access_token, "POST", &messages, &note).await.status, 201);
    app.send_json_as(&p.citizen.access_token, "POST", &messages, &json!({ "body": "Ghi chú", "internal": true }))
        .await
        .assert_problem(403, "forbidden");

    let citizen_sees = app.get_as(&p.citizen.access_token, &messages).await.json();
    let bodies: Vec<&str> =
        citizen_sees["items"].as_array().unwrap().iter().map(|m| m["body"].as_str().unwrap()).collect();
    assert_eq!(bodies, ["Xin cho biết bãi rác nằm ở đoạn nào của bờ sông?", "Gần cầu Dã Viên."]);
    let staff_sees = app.get_as(&p.triage_officer.access_token, &messages).await.json();
    assert_eq!(staff_sees["items"].as_array().unwrap().len(), 3);
    assert_eq!(staff_sees["items"][2]["internal"], true);

    let future =
        json!({ "held_on": "2026-12-01", "participants": "Ông Dân; cán bộ tiếp dân", "summary": "Chưa diễn ra." });
    act(&app, &p.triage_officer, &filed, "record-dialogue", future).await.assert_problem(422, "validation_failed");
    let dialogue = json!({
        "held_on": "2026-11-26",
        "participants": "Ông Nguyễn Văn Dân; cán bộ Ban Tiếp công dân",
        "summary": "Hai bên thống nhất khảo sát hiện trường vào sáng mai."
    });
    done(&app, &p.triage_officer, &filed, "record-dialogue", dialogue).await;
    app.mailbox.wait_for_text(&p.citizen.email, "đối thoại", 1).await;
    let record = app.get_as(&p.citizen.access_token, &messages).await.json();
    assert_eq!(record["items"][2]["purpose"], "dialogue_record");
    assert!(record["items"][2]["body"].as_str().unwrap().contains("khảo sát hiện trường"));

    act(&app, &p.triage_head, &filed, "resolve", json!({ "outcome": "upheld", "answer": ANSWER }))
        .await
        .assert_problem(422, "validation_failed");
    let resolved =
        done(&app, &p.triage_head, &filed, "resolve", json!({ "outcome": "answered", "answer": ANSWER })).await;
    assert_eq!(resolved["status"], "resolved");
    assert_eq!(resolved["allowed_actions"], json!(["reopen"]));
}

#[actix_web::test]
async fn a_proposal_is_answered_within_local_policy_extended_once_and_rated() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let mut proposal = feedback("Đề nghị lắp đèn chiếu sáng đường kiệt 12");
    proposal["kind"] = json!("proposal");
    proposal["category"] = json!("infrastructure_urban_order");
    let filed = file_as(&app, &p.citizen, &proposal).await;
    // Local policy: acknowledged within 2 working days (Fri 27, Mon 30 Nov).
    assert_eq!(filed["deadlines"]["acceptance"]["due"], "2026-11-30");
    let accepted = done(&app, &p.triage_officer, &filed, "accept", json!({ "complexity": "normal" })).await;
    // Answered within 10 working days: Thu 10 Dec.
    assert_eq!(accepted["deadlines"]["resolution"]["due"], "2026-12-10");
    let extended =
        done(&app, &p.triage_head, &filed, "extend", json!({ "reason": "Chờ ý kiến của Sở Xây dựng" })).await;
    assert_eq!(extended["deadlines"]["resolution"]["due"], "2026-12-24");
    act(&app, &p.triage_head, &filed, "extend", json!({ "reason": "Vẫn chờ ý kiến của Sở Xây dựng" }))
        .await
        .assert_problem(409, "conflict");
    let answer = json!({ "outcome": "answered", "answer": "Đèn sẽ được lắp trong quý I năm 2027." });
    done(&app, &p.triage_head, &filed, "resolve", answer).await;
    let rated = done(&app, &p.citizen, &filed, "rate", json!({ "rating": "satisfied" })).await;
    assert_eq!((rated["status"].as_str(), rated["rating"]["rating"].as_str()), (Some("resolved"), Some("satisfied")));
    act(
        &app,
        &p.citizen,
        &filed,
        "appeal",
        json!({ "reason": "Tôi muốn khiếu nại về câu trả lời cho kiến nghị này." }),
    )
    .await
    .assert_problem(409, "conflict");
    app.mailbox.wait_for_text(&p.triage_head.email, "đánh giá", 1).await;
}

#[actix_web::test]
async fn refused_transferred_merged_reopened_and_withdrawn_petitions_each_end_where_they_should() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let neighbour = app.citizen("hang.xom@example.vn").await;

    // Refused: not ours, and the competent agency must be named.
    let wrong_place = file_as(&app, &p.citizen, &feedback("Đường ống nước vỡ ở phường khác")).await;
    let no_agency =
        json!({ "reason_code": "not_within_competence", "explanation": "Thuộc thẩm quyền của phường Thuận Hóa." });
    let problem =
        act(&app, &p.triage_officer, &wrong_place, "refuse", no_agency).await.assert_problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "competent_agency_id");
    let thuan_hoa = app.agency_id("ubnd-phuong-thuan-hoa").await;
    let refused = done(
        &app,
        &p.triage_officer,
        &wrong_place,
        "refuse",
        json!({ "reason_code": "not_within_competence", "explanation": "Thuộc thẩm quyền của phường Thuận Hóa.", "competent_agency_id": thuan_hoa }),
    )
    .await;
    assert_eq!(refused["status"], "refused");
    assert_eq!(refused["refusal"]["competent_agency"]["name"], "Ủy ban nhân dân phường Thuận Hóa");
    let reopened =
        done(&app, &p.admin, &wrong_place, "reopen", json!({ "reason": "Phường Thuận Hóa đề nghị thành phố xử lý" }))
            .await;
    assert_eq!((reopened["status"].as_str(), reopened["refusal"].as_null()), (Some("in_progress"), Some(())));

    // Transferred: the ward gets a fresh window (2 working days: Mon 30 Nov) and its head hears of it.
    let for_the_ward = file_as(&app, &p.citizen, &feedback("Vỉa hè bị lấn chiếm trước chợ")).await;
    let transferred = done(
        &app,
        &p.triage_officer,
        &for_the_ward,
        "transfer",
        json!({ "to_agency_id": p.ward, "reason": "Thuộc thẩm quyền quản lý trật tự đô thị của phường" }),
    )
    .await;
    assert_eq!(transferred["status"], "transferred");
    assert_eq!(transferred["assigned_agency"]["id"], p.ward.as_str());
    assert_eq!(transferred["deadlines"]["acceptance"]["due"], "2026-11-30");
    app.mailbox.wait_for_text(&p.ward_head.email, "chuyển đến", 1).await;
    let path = format!("/api/v1/petitions/{}", for_the_ward["id"].as_str().unwrap());
    assert_eq!(app.get_as(&p.triage_officer.access_token, &path).await.status, 404, "no longer theirs");
    done(&app, &p.ward_officer, &for_the_ward, "accept", json!({ "complexity": "normal" })).await;

    // Refused for its content: no competent agency to name, and a strict client still reads it
    // (the contract check on this read once failed: `oneOf` matched null twice).
    let vague = file_as(&app, &p.citizen, &feedback("Có vấn đề ở phường cần xem lại")).await;
    let body =
        json!({ "reason_code": "content_not_specific", "explanation": "Đơn chưa nêu địa điểm và sự việc cụ thể." });
    let refused_vague = done(&app, &p.triage_officer, &vague, "refuse", body).await;
    assert!(refused_vague["refusal"]["competent_agency"].is_null());
    read(&app, &p.citizen, &vague).await;

    // Merged: the neighbour's duplicate follows the original and hears of its steps, not its answer.
    let original = file_as(&app, &p.citizen, &feedback("Cống thoát nước đường Lê Lợi tắc")).await;
    let duplicate = file_as(&app, &neighbour, &feedback("Nước ngập do cống đường Lê Lợi tắc")).await;
    let merged =
        done(&app, &p.triage_officer, &duplicate, "merge", json!({ "into_petition_id": original["id"] })).await;
    assert_eq!(merged["status"], "merged");
    assert_eq!(merged["related"]["merged_into"]["tracking_code"], original["tracking_code"]);
    act(&app, &p.triage_officer, &original, "merge", json!({ "into_petition_id": original["id"] }))
        .await
        .assert_problem(422, "validation_failed");
    done(&app, &p.triage_officer, &original, "accept", json!({ "complexity": "normal" })).await;
    done(&app, &p.triage_head, &original, "resolve", json!({ "outcome": "answered", "answer": ANSWER })).await;
    let heard = app.mailbox.wait_for_text(&neighbour.email, "đã được giải quyết", 1).await;
    assert!(heard[0].text().contains(original["tracking_code"].as_str().unwrap()), "about the original");
    assert!(!heard[0].text().contains("bảng giá đất"), "the answer is the original petitioner's alone");

    // Withdrawn: the petitioner's step alone; afterwards nothing is open.
    let changed_mind = file_as(&app, &p.citizen, &feedback("Đèn đường hỏng trước nhà số 5")).await;
    act(&app, &p.triage_officer, &changed_mind, "withdraw", json!({})).await.assert_problem(403, "forbidden");
    let withdrawn = done(&app, &p.citizen, &changed_mind, "withdraw", json!({ "reason": "Đã được sửa" })).await;
    assert_eq!(
        (withdrawn["status"].as_str(), withdrawn["allowed_actions"].as_array().map(Vec::len)),
        (Some("withdrawn"), Some(0))
    );
    let late = act(&app, &p.triage_officer, &changed_mind, "accept", json!({ "complexity": "normal" })).await;
    assert_eq!(late.assert_problem(409, "wrong_status")["current_status"], "withdrawn");
    let messages = format!("/api/v1/petitions/{}/messages", changed_mind["id"].as_str().unwrap());
    let after = json!({ "body": "Xin hỏi thêm một việc." });
    app.send_json_as(&p.citizen.access_token, "POST", &messages, &after).await.assert_problem(409, "conflict");
    assert_eq!(app.get_as(&p.citizen.access_token, &messages).await.json()["items"], json!([]), "nothing stored");
}

#[actix_web::test]
async fn bad_bodies_and_stale_versions_change_nothing() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let filed = file_as(&app, &p.citizen, &complaint_against(&p.ward)).await;
    for (action, body) in [
        ("accept", json!({ "complexity": "easy" })),
        ("accept", json!({ "complexity": "normal", "remote_area": "yes" })),
        ("accept", json!({ "complexity": "normal", "extra": 1 })),
        ("accept", json!([])),
        ("refuse", json!({ "reason_code": "bored", "explanation": "Không muốn giải quyết đơn này" })),
        ("transfer", json!({ "to_agency_id": "'; DROP TABLE petitions; --", "reason": "Không thuộc thẩm quyền" })),
        ("merge", json!({ "into_petition_id": "00000000-0000-4000-8000-000000000000" })),
    ] {
        let response = act(&app, &p.ward_officer, &filed, action, body.clone()).await;
        assert!(matches!(response.status, 400 | 422), "{action} {body}: {}", response.status);
    }
    let bearer = format!("Bearer {}", p.ward_officer.access_token);
    let path = format!("/api/v1/petitions/{}/accept", filed["id"].as_str().unwrap());
    let stale = [("authorization", bearer.as_str()), ("content-type", "application/json"), ("if-match", "\"9\"")];
    let body = br#"{"complexity":"normal"}"#.to_vec();
    app.request("POST", &path, Some(body.clone()), &stale).await.assert_problem(409, "edit_conflict");
    let unchanged = read(&app, &p.ward_officer, &filed).await;
    assert_eq!((unchanged["status"].as_str(), unchanged["version"].as_i64()), (Some("received"), Some(1)));
    for not_an_etag in ["1", "\"1", "W/\"`\"", "\"1\", \"2\""] {
        let sent =
            [("authorization", bearer.as_str()), ("content-type", "application/json"), ("if-match", not_an_etag)];
        let refused = app.request("POST", &path, Some(body.clone()), &sent).await;
        assert_eq!(refused.assert_problem(422, "validation_failed")["errors"][0]["field"], "If-Match", "{not_an_etag}");
    }
    let current = [("authorization", bearer.as_str()), ("content-type", "application/json"), ("if-match", "\"1\"")];
    let accepted = app.request("POST", &path, Some(body), &current).await;
    assert_eq!((accepted.status, accepted.header("etag")), (200, Some("\"2\"")));
}

#[actix_web::test]
async fn two_people_acting_at_once_one_succeeds_and_the_other_is_told_no_update_lost() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    for round in 0..6 {
        let filed = file_as(&app, &p.citizen, &complaint_against(&p.ward)).await;
        let normal = act(&app, &p.ward_officer, &filed, "accept", json!({ "complexity": "normal" }));
        let complex = act(&app, &p.ward_head, &filed, "accept", json!({ "complexity": "complex" }));
        let (officer, head) = both(normal, complex).await;
        let mut statuses = [officer.status, head.status];
        statuses.sort();
        assert_eq!(statuses, [200, 409], "round {round}");
        let loser = if officer.status == 409 { &officer } else { &head };
        let code = loser.json()["code"].as_str().unwrap().to_string();
        assert!(code == "wrong_status" || code == "edit_conflict", "{code}");
        let winner = if officer.status == 200 { officer.json() } else { head.json() };
        let now = read(&app, &p.ward_head, &filed).await;
        assert_eq!(now["version"], 2, "exactly one change");
        assert_eq!(now["handling"]["complexity"], winner["handling"]["complexity"], "the winner's change stands");
        let accepted = now["timeline"].as_array().unwrap().iter().filter(|e| e["kind"] == "petition.accepted").count();
        assert_eq!(accepted, 1);
    }
}

#[actix_web::test]
async fn a_steps_email_reaches_the_petitioner_once_even_when_the_mail_server_refused_it_first() {
    // The system clock: a retry waits until its time comes, which a fixed clock never reaches.
    let app = crate::helpers::spawn_app().await;
    let p = people(&app).await;
    let filed = file_as(&app, &p.citizen, &complaint_against(&p.ward)).await;
    app.mailbox.wait_for(&p.citizen.email, 2).await; // the address confirmation and the receipt
    app.mailbox.refuse_next(1);
    done(&app, &p.ward_officer, &filed, "accept", json!({ "complexity": "normal" })).await;
    app.mailbox.wait_for_text(&p.citizen.email, "đã được thụ lý", 1).await;
    actix_web::rt::time::sleep(std::time::Duration::from_millis(400)).await;
    let notices = app.mailbox.messages_to(&p.citizen.email);
    assert_eq!(
        notices.iter().filter(|m| m.text().contains("đã được thụ lý")).count(),
        1,
        "delivered once, after a retry"
    );
    let outbox = app.get_as(&p.admin.access_token, "/api/v1/admin/emails?status=sent&limit=100").await.json();
    let attempts: Vec<i64> = outbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["subject"] == "Có tin mới về đơn của bạn" && e["to_address"] == p.citizen.email.as_str())
        .map(|e| e["attempts"].as_i64().unwrap())
        .collect();
    assert_eq!(attempts, [2], "refused once, then accepted");
}

#[actix_web::test]
async fn staff_who_file_for_another_agency_get_the_public_view_not_a_404() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let mut on_behalf = complaint_against(&p.city);
    on_behalf["channel"] = json!("in_person");
    on_behalf["petitioner"] = json!({ "full_name": "Lê Thị Bà", "phone": "0905 111 222" });
    let filed = app.send_json_as(&p.ward_officer.access_token, "POST", "/api/v1/petitions", &on_behalf).await;
    assert_eq!(filed.status, 201, "{}", String::from_utf8_lossy(&filed.body));
    let public = filed.json();
    assert!(public["tracking_code"].is_string());
    assert!(public.get("title").is_none() && public.get("petitioner").is_none(), "the public view: {public}");
}
