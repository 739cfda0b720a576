//! The deadline sweep on a clock moved by hand: reminders before a deadline, overdue marking and
//! escalation to the superior head after it, resolved petitions closing by themselves, and two
//! processes sweeping at once without a reminder sent twice.

use std::sync::Arc;

use chrono::TimeDelta;
use serde_json::json;

use crate::helpers::{ManualClock, TestApp, spawn_app_configured};
use crate::mailbox::Mailbox;
use crate::petitions::{NOW, feedback, file_as};
use crate::workflow::{act, complaint_against, done, people, read};
use pakn::service::handling::sweep::{self, SweepReport};
use pakn::service::shutdown::Shutdown;

async fn app_on(clock: &Arc<ManualClock>) -> TestApp {
    spawn_app_configured(
        clock.clone(),
        Mailbox::start(),
        &[("PAKN_AUTO_CLOSE_DAYS", "3"), ("PAKN_CONFIRMATION_DAYS", "3")],
    )
    .await
}

fn sweep(app: &TestApp) -> SweepReport {
    app.with_connection(|c| sweep::sweep(c, &app.context, &Shutdown::default())).expect("a sweep")
}

#[actix_web::test]
async fn a_deadline_is_reminded_before_it_is_escalated_after_it_and_a_resolved_petition_closes() {
    let clock = ManualClock::at(NOW);
    let app = app_on(&clock).await;
    let mut p = people(&app).await;
    let filed = file_as(&app, &p.citizen, &complaint_against(&p.ward)).await;
    assert_eq!(filed["deadlines"]["acceptance"]["due"], "2026-12-07");
    assert_eq!(sweep(&app), SweepReport::default(), "nothing is due on the day of filing");

    // Two working days before Mon 7 Dec is Thu 3 Dec.
    clock.advance(TimeDelta::days(6));
    assert_eq!(sweep(&app).reminded, 0, "Wed 2 Dec is too early");
    clock.advance(TimeDelta::days(1));
    assert_eq!(sweep(&app).reminded, 1);
    let reminder = app.mailbox.wait_for_text(&p.ward_head.email, "sắp đến hạn", 1).await;
    assert!(reminder[0].text().contains(filed["tracking_code"].as_str().unwrap()));
    assert!(!reminder[0].text().contains("Nguyễn Văn Dân"), "staff e-mails carry no identity");
    assert_eq!(sweep(&app), SweepReport::default(), "a reminder is sent once");

    // Tue 8 Dec: the acceptance deadline has passed.
    clock.advance(TimeDelta::days(5));
    assert_eq!(sweep(&app).overdue, 1);
    p = p.signed_in_again(&app).await;
    app.mailbox.wait_for_text(&p.ward_head.email, "quá hạn", 1).await;
    app.mailbox.wait_for_text(&p.city_head.email, "quá hạn", 1).await;
    let overdue = read(&app, &p.ward_officer, &filed).await;
    assert_eq!(overdue["deadlines"]["acceptance"]["overdue"], true);
    assert_eq!(overdue["deadlines"]["acceptance"]["working_days_left"], -1);
    let code = filed["tracking_code"].as_str().unwrap();
    let public = app.get(&format!("/api/v1/public/petitions/{code}")).await.json();
    assert!(public["timeline"].as_array().unwrap().iter().any(|e| e["kind"] == "petition.overdue"));
    let queue = app.get_as(&p.ward_officer.access_token, "/api/v1/petitions?overdue=true").await.json();
    assert_eq!(queue["total"], 1);
    let dashboard =
        app.get_as(&p.ward_head.access_token, &format!("/api/v1/agencies/{}/dashboard", p.ward)).await.json();
    assert_eq!((dashboard["overdue"].as_i64(), dashboard["as_of"].as_str()), (Some(1), Some("2026-12-08")));
    assert_eq!(sweep(&app), SweepReport::default(), "escalated once");

    // Accepted late: the acceptance deadline shows as missed; the resolution clock starts today.
    let accepted = done(&app, &p.ward_officer, &filed, "accept", json!({ "complexity": "normal" })).await;
    assert_eq!(accepted["deadlines"]["acceptance"]["met"], false);
    assert_eq!(accepted["deadlines"]["resolution"]["due"], "2027-01-07");

    // Resolved feedback closes by itself three days later, when its petitioner's window to say it
    // was not fixed has passed (PAKN_CONFIRMATION_DAYS=3).
    let answered = file_as(&app, &p.citizen, &feedback("Cây xanh gãy đổ chắn lối đi")).await;
    done(&app, &p.triage_officer, &answered, "accept", json!({ "complexity": "normal" })).await;
    let answer = json!({ "outcome": "answered", "answer": "Đã cử đội cây xanh đến dọn trong ngày." });
    done(&app, &p.triage_head, &answered, "resolve", answer).await;
    clock.advance(TimeDelta::days(2));
    assert_eq!(sweep(&app).closed, 0);
    clock.advance(TimeDelta::days(1));
    assert_eq!(sweep(&app).closed, 1);
    p = p.signed_in_again(&app).await;
    let closed = read(&app, &p.citizen, &answered).await;
    assert_eq!(closed["status"], "closed");
    assert!(closed["handling"]["closed_at"].is_string());
}

#[actix_web::test]
async fn a_sweep_stopped_by_a_shutdown_leaves_what_it_had_not_reached_due_for_the_next_round() {
    let clock = ManualClock::at(NOW);
    let app = app_on(&clock).await;
    let p = people(&app).await;
    for title in ["Khiếu nại thứ nhất về quyết định thu hồi đất", "Khiếu nại thứ hai về quyết định thu hồi đất"]
    {
        let mut complaint = complaint_against(&p.ward);
        complaint["title"] = json!(title);
        file_as(&app, &p.citizen, &complaint).await;
    }
    clock.advance(TimeDelta::days(7));

    let stopping = Shutdown::default();
    stopping.begin();
    let stopped = app.with_connection(|c| sweep::sweep(c, &app.context, &stopping)).expect("a sweep");
    assert_eq!(stopped, SweepReport::default(), "no petition is started once a shutdown has begun");
    assert_eq!(sweep(&app).reminded, 2, "the next round reminds both");
    assert_eq!(sweep(&app), SweepReport::default(), "and only once");
}

#[actix_web::test]
async fn two_processes_sweeping_at_once_send_each_reminder_exactly_once() {
    let clock = ManualClock::at(NOW);
    let app = app_on(&clock).await;
    let p = people(&app).await;
    const PETITIONS: usize = 12;
    for _ in 0..PETITIONS {
        file_as(&app, &p.citizen, &complaint_against(&p.ward)).await;
    }
    clock.advance(TimeDelta::days(7));
    let sweepers: Vec<_> = (0..2)
        .map(|_| {
            let pool = app.pool.clone();
            let context = app.context.clone();
            std::thread::spawn(move || {
                let mut connection = pool.get().expect("a connection");
                sweep::sweep(&mut connection, &context, &Shutdown::default()).expect("a sweep")
            })
        })
        .collect();
    let reports: Vec<SweepReport> = sweepers.into_iter().map(|s| s.join().expect("a sweeper")).collect();
    assert_eq!(reports.iter().map(|r| r.reminded).sum::<usize>(), PETITIONS, "{reports:?}");
    app.mailbox.wait_for_text(&p.ward_head.email, "sắp đến hạn", PETITIONS).await;
    actix_web::rt::time::sleep(std::time::Duration::from_millis(500)).await;
    let reminders = app.mailbox.messages_to(&p.ward_head.email);
    assert_eq!(reminders.iter().filter(|m| m.text().contains("sắp đến hạn")).count(), PETITIONS);
}

#[actix_web::test]
async fn a_complaint_left_undecided_past_its_deadline_goes_to_the_superior_on_appeal() {
    let clock = ManualClock::at(NOW);
    let app = app_on(&clock).await;
    let p = people(&app).await;
    let filed = file_as(&app, &p.citizen, &complaint_against(&p.ward)).await;
    let accepted = done(&app, &p.ward_officer, &filed, "accept", json!({ "complexity": "normal" })).await;
    assert_eq!(accepted["deadlines"]["resolution"]["due"], "2026-12-28");
    let reason = json!({ "reason": "Đã quá hạn giải quyết lần đầu mà chưa có quyết định nào." });
    act(&app, &p.citizen, &filed, "appeal", reason.clone()).await.assert_problem(409, "conflict");

    clock.advance(TimeDelta::days(33)); // Tue 29 Dec: the deadline passed undecided
    let p = p.signed_in_again(&app).await;
    let appealed = done(&app, &p.citizen, &filed, "appeal", reason).await;
    assert_eq!(appealed["status"], "closed", "the superior takes it on");
    assert_eq!(appealed["deadlines"]["resolution"]["met"], false);
    let second = read(&app, &p.citizen, &appealed["related"]["appealed_by"]).await;
    assert_eq!(
        (second["round"].as_str(), second["assigned_agency"]["id"].as_str()),
        (Some("second"), Some(p.city.as_str()))
    );
}

#[actix_web::test]
async fn a_head_who_assigned_the_work_to_themselves_is_reminded_once() {
    let clock = ManualClock::at(NOW);
    let app = app_on(&clock).await;
    let p = people(&app).await;
    let filed = file_as(&app, &p.citizen, &complaint_against(&p.ward)).await;
    done(&app, &p.ward_officer, &filed, "accept", json!({ "complexity": "normal" })).await;
    done(&app, &p.ward_head, &filed, "assign", json!({ "assignee_id": p.ward_head.id })).await;
    // Due Mon 28 Dec; two working days before it is Thu 24 Dec.
    clock.advance(TimeDelta::days(28));
    assert_eq!(sweep(&app).reminded, 1);
    app.mailbox.wait_for_text(&p.ward_head.email, "sắp đến hạn", 1).await;
    actix_web::rt::time::sleep(std::time::Duration::from_millis(300)).await;
    let reminders = app.mailbox.messages_to(&p.ward_head.email);
    assert_eq!(reminders.iter().filter(|m| m.text().contains("sắp đến hạn")).count(), 1);
}
