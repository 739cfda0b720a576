//! Denunciations as the Law on Denunciations 2018 routes and screens them: by the position of the
//! one denounced (Art. 12), to the agency managing a field (Art. 41), and at intake (Art. 24).

use std::sync::Arc;

use chrono::TimeDelta;
use serde_json::json;

use crate::helpers::{ManualClock, spawn_app_at, spawn_app_with_clock};
use crate::petitions::{NOW, file_as};
use crate::workflow::{act, denunciation_of, done, people, read};

#[actix_web::test]
async fn a_denunciation_of_a_ward_official_goes_to_the_ward_chairman_and_is_kept_from_the_wards_officers() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let filed = file_as(&app, &p.citizen, &denunciation_of(&p.ward, "staff")).await;
    assert_eq!(filed["assigned_agency"]["id"], p.ward.as_str());
    assert_eq!(filed["responsible_head"]["title"], "Chủ tịch Ủy ban nhân dân phường Phú Xuân");
    assert_eq!(filed["denounced_position"], "staff");
    assert!(filed["routing_basis"].as_str().unwrap().starts_with("Law on Denunciations 2018, Art. 12(1)"));
    // The ward's officers may be the one denounced (Art. 47): only the chairman handles it, and
    // the officer he gives the verification to.
    let path = format!("/api/v1/petitions/{}", filed["id"].as_str().unwrap());
    assert_eq!(app.get_as(&p.ward_officer.access_token, &path).await.status, 404);
    let queue = app.get_as(&p.ward_officer.access_token, "/api/v1/petitions").await.json();
    assert_eq!(queue["total"], 0, "not in the officers' queue either");
    assert_eq!(app.get_as(&p.ward_head.access_token, &path).await.status, 200);
    done(&app, &p.ward_head, &filed, "accept", json!({ "complexity": "normal" })).await;
    done(&app, &p.ward_head, &filed, "assign", json!({ "assignee_id": p.ward_officer.id })).await;
    assert_eq!(app.get_as(&p.ward_officer.access_token, &path).await.status, 200, "the officer assigned reads it");
    let queue = app.get_as(&p.ward_officer.access_token, "/api/v1/petitions").await.json();
    assert_eq!(queue["total"], 1);
}

#[actix_web::test]
async fn a_denunciation_of_the_ward_itself_goes_to_the_city_under_article_12_6() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let filed = file_as(&app, &p.citizen, &denunciation_of(&p.ward, "agency")).await;
    assert_eq!(filed["assigned_agency"]["id"], p.city.as_str());
    assert!(filed["routing_basis"].as_str().unwrap().contains("Art. 12(6)"));
}

#[actix_web::test]
async fn a_denunciation_of_a_breach_in_a_field_goes_to_the_agency_that_manages_the_field() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let construction = app.agency_id("hue-so-xay-dung").await;
    let rule = json!({ "category": "land", "admin_unit_code": "46", "agency_id": construction });
    assert_eq!(app.send_json_as(&p.admin.access_token, "POST", "/api/v1/routing-rules", &rule).await.status, 201);
    let mut breach = denunciation_of(&p.ward, "staff");
    breach["description"] = json!("Công ty A xây dựng trái phép trên đất nông nghiệp ven sông, không có giấy phép.");
    breach.as_object_mut().unwrap().retain(|field, _| !field.starts_with("denounced_"));

    let filed = file_as(&app, &p.citizen, &breach).await;
    assert_eq!(filed["assigned_agency"]["id"], construction.as_str());
    assert!(filed["routing_basis"].as_str().unwrap().contains("Art. 41(1)"));
}

#[actix_web::test]
async fn a_denunciation_of_the_citys_chairman_is_not_for_pakn_and_says_where_it_goes() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let response = app
        .send_json_as(&p.citizen.access_token, "POST", "/api/v1/petitions", &denunciation_of(&p.city, "head_or_deputy"))
        .await;
    let problem = response.assert_problem(422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "denounced_agency_id");
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("Art. 12(1) and 12(6)"));
}

#[actix_web::test]
async fn who_is_denounced_is_asked_with_the_agency_and_only_for_denunciations() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let mut missing = denunciation_of(&p.ward, "staff");
    missing.as_object_mut().unwrap().remove("denounced_position");
    let mut unknown = denunciation_of(&p.ward, "staff");
    unknown["denounced_position"] = json!("mayor");
    let mut alone = denunciation_of(&p.ward, "staff");
    alone.as_object_mut().unwrap().remove("denounced_agency_id");
    let mut feedback = crate::petitions::feedback("Đèn đường hỏng");
    feedback["denounced_position"] = json!("staff");

    for (body, expected) in [
        (missing, "is required with denounced_agency_id"),
        (unknown, "must be one of"),
        (alone, "is only given with denounced_agency_id"),
        (feedback, "is only given for a denunciation"),
    ] {
        let response = app.send_json_as(&p.citizen.access_token, "POST", "/api/v1/petitions", &body).await;
        let problem = response.assert_problem(422, "validation_failed");
        let error = &problem["errors"][0];
        assert_eq!(error["field"], "denounced_position");
        assert!(error["message"].as_str().unwrap().contains(expected), "{error}");
    }
    let mine = app.get_as(&p.citizen.access_token, "/api/v1/me/petitions").await.json();
    assert_eq!(mine["total"], 0, "nothing was filed");
}

#[actix_web::test]
async fn a_denunciation_not_within_competence_is_forwarded_within_five_working_days_and_the_denouncer_told() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone() as Arc<_>).await;
    let p = people(&app).await;
    let filed = file_as(&app, &p.citizen, &denunciation_of(&p.ward, "staff")).await;
    // Received Thu 26 Nov: five working days end Thu 3 Dec; intake, seven, Mon 7 Dec.
    assert_eq!(filed["deadlines"]["forwarding"]["due"], "2026-12-03");
    assert_eq!(filed["deadlines"]["acceptance"]["due"], "2026-12-07");

    let refuse = json!({
        "reason_code": "not_within_competence",
        "explanation": "Người bị tố cáo do Sở Xây dựng quản lý, không thuộc phường.",
        "competent_agency_id": app.agency_id("hue-so-xay-dung").await
    });
    let problem = act(&app, &p.ward_head, &filed, "refuse", refuse).await.assert_problem(422, "validation_failed");
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("forwarded, not refused"));

    clock.advance(TimeDelta::days(4)); // Mon 30 Nov, within the five days.
    let p = p.signed_in_again(&app).await;
    let construction = app.agency_id("hue-so-xay-dung").await;
    let reason = "Người bị tố cáo là công chức Sở Xây dựng: chuyển theo Điều 24 khoản 2.";
    let forwarded =
        done(&app, &p.ward_head, &filed, "transfer", json!({ "to_agency_id": construction, "reason": reason })).await;
    assert_eq!(forwarded["assigned_agency"]["id"], construction.as_str());
    assert_eq!(forwarded["routing_basis"], "transferred to Sở Xây dựng", "the reason stays with the staff");
    app.mailbox.wait_for_text(&p.citizen.email, "chuyển", 1).await;
    // The department has its own periods from the day it received it: Mon 30 Nov + 5 working days.
    let public =
        app.get(&format!("/api/v1/public/petitions/{}", filed["tracking_code"].as_str().unwrap())).await.json();
    assert_eq!(public["deadlines"]["forwarding"]["due"], "2026-12-07");
    assert_eq!(public["deadlines"]["acceptance"]["due"], "2026-12-09");
}

#[actix_web::test]
async fn intake_takes_ten_working_days_when_checks_are_needed_at_several_places() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let filed = file_as(&app, &p.citizen, &denunciation_of(&p.ward, "staff")).await;
    let head_view = read(&app, &p.ward_head, &filed).await;
    assert!(head_view["allowed_actions"].as_array().unwrap().contains(&json!("extend-intake")));

    let reason = json!({ "reason": "Phải xác minh tại ba địa điểm thuộc hai phường." });
    let extended = done(&app, &p.ward_head, &filed, "extend-intake", reason.clone()).await;
    // Ten working days from Thu 26 Nov: Thu 10 Dec.
    assert_eq!(extended["deadlines"]["acceptance"]["due"], "2026-12-10");
    assert!(extended["timeline"].as_array().unwrap().iter().any(|e| e["kind"] == "petition.intake_extended"));
    act(&app, &p.ward_head, &filed, "extend-intake", reason).await.assert_problem(409, "conflict");

    let feedback = file_as(&app, &p.citizen, &crate::petitions::feedback("Đèn đường hỏng")).await;
    let triage_view = read(&app, &p.triage_officer, &feedback).await;
    assert!(!triage_view["allowed_actions"].as_array().unwrap().contains(&json!("extend-intake")));
    assert_eq!(triage_view["deadlines"]["forwarding"], serde_json::Value::Null, "feedback has no forwarding period");
}
