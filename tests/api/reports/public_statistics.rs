//! The public lists and statistics over a hand-built set of petitions where every figure is
//! known: denunciations, confidential petitions and early withdrawals never appear, and small
//! agencies' rates are withheld.

use chrono::TimeDelta;
use serde_json::{Value, json};

use crate::helpers::{ManualClock, TestApp, spawn_app_configured, spawn_app_with_clock};
use crate::mailbox::Mailbox;
use crate::personal_data::sealed_denunciation;
use crate::petitions::{NOW, feedback, file_as};
use crate::workflow::{People, done, people};

/// Six petitions on 26 November 2026: three public (answered on time and rated, refused, still
/// waiting), and three the public never sees (a denunciation, a confidential feedback, a feedback
/// withdrawn before acceptance).
pub(super) async fn hand_built_set(app: &TestApp, p: &People, clock: &ManualClock) -> (Value, Value, Value) {
    // A minute between filings, so that "newest first" has one answer.
    let minute_later = || clock.advance(TimeDelta::minutes(1));
    let answered = file_as(app, &p.citizen, &feedback("Đèn đường hỏng trên đường Lê Lợi")).await;
    done(app, &p.triage_officer, &answered, "accept", json!({ "complexity": "normal" })).await;
    let answer = json!({ "outcome": "answered", "answer": "Đã thay bóng đèn và kiểm tra toàn tuyến đường Lê Lợi." });
    done(app, &p.triage_head, &answered, "resolve", answer).await;
    let answered = done(app, &p.citizen, &answered, "rate", json!({ "rating": "satisfied" })).await;

    minute_later();
    let refused = file_as(app, &p.citizen, &feedback("Phản ánh chung chung về trật tự")).await;
    let reason = json!({ "reason_code": "content_not_specific", "explanation": "Không nêu địa điểm, thời gian cụ thể để xác minh." });
    let refused = done(app, &p.triage_head, &refused, "refuse", reason).await;

    let mut proposal = feedback("Đề nghị mở thêm tuyến xe buýt");
    proposal["kind"] = json!("proposal");
    minute_later();
    let waiting = file_as(app, &p.citizen, &proposal).await;

    file_as(app, &p.citizen, &sealed_denunciation()).await;
    let mut confidential = feedback("Phản ánh cần giữ bí mật");
    confidential["confidential"] = json!(true);
    file_as(app, &p.citizen, &confidential).await;
    let changed_mind = file_as(app, &p.citizen, &feedback("Phản ánh gửi nhầm")).await;
    done(app, &p.citizen, &changed_mind, "withdraw", json!({ "reason": "Gửi nhầm" })).await;
    (answered, refused, waiting)
}

fn codes(list: &Value) -> Vec<&str> {
    list["items"].as_array().unwrap().iter().map(|i| i["tracking_code"].as_str().unwrap()).collect()
}

#[actix_web::test]
async fn the_public_lists_show_only_public_petitions_redacted_newest_or_longest_waiting_first() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone()).await;
    let p = people(&app).await;
    let (answered, refused, waiting) = hand_built_set(&app, &p, &clock).await;
    let code = |v: &Value| v["tracking_code"].as_str().unwrap().to_string();

    let listed = app.get("/api/v1/public/petitions").await;
    assert_eq!(listed.status, 200);
    let listed = listed.json();
    assert_eq!(codes(&listed), [code(&waiting), code(&refused), code(&answered)]);
    assert_eq!(listed["total"], 3);
    let first = &listed["items"][2];
    assert_eq!((first["status"].as_str(), first["resolved_on_time"].as_bool()), (Some("resolved"), Some(true)));
    assert!(first["public_answer"].as_str().unwrap().contains("thay bóng đèn"));
    let text = listed.to_string();
    for secret in ["Đèn đường hỏng", "Bãi rác", "nguoi.dan", "bí mật", "Gửi nhầm"] {
        assert!(!text.contains(secret), "{secret} must not be public");
    }

    let page = app.get("/api/v1/public/petitions?limit=2").await.json();
    let cursor = page["next_cursor"].as_str().unwrap();
    let rest = app.get(&format!("/api/v1/public/petitions?limit=2&cursor={cursor}")).await.json();
    assert_eq!(codes(&rest), [code(&answered)]);
    let refusals = app.get("/api/v1/public/petitions?status=refused&kind=feedback").await.json();
    assert_eq!(codes(&refusals), [code(&refused)]);
    assert_eq!(app.get("/api/v1/public/petitions?admin_unit=19753").await.json()["total"], 0);
    // The ward alone (no unit under it) and the city with its wards list the same, in the same
    // order, a page at a time.
    for unit in ["19900", "46"] {
        let first = app.get(&format!("/api/v1/public/petitions?admin_unit={unit}&limit=2")).await.json();
        assert_eq!(codes(&first), [code(&waiting), code(&refused)], "in {unit}");
        let cursor = first["next_cursor"].as_str().unwrap();
        let rest = app.get(&format!("/api/v1/public/petitions?admin_unit={unit}&limit=2&cursor={cursor}")).await.json();
        assert_eq!(codes(&rest), [code(&answered)], "in {unit}");
    }
    assert_eq!(app.get("/api/v1/public/petitions?from=2026-11-27").await.json()["total"], 0);

    assert_eq!(codes(&app.get("/api/v1/public/awaiting").await.json()), [code(&waiting)]);
    app.get("/api/v1/public/awaiting?status=resolved").await.assert_problem(422, "validation_failed");
    app.get("/api/v1/public/petitions?from=2026-11-30&to=2026-11-01").await.assert_problem(422, "validation_failed");
    app.get("/api/v1/public/petitions?agency=x").await.assert_problem(422, "validation_failed");
    app.get("/api/v1/public/petitions?to=%2B262142-12-31").await.assert_problem(422, "validation_failed");
    // A cursor is checked before any kept page is looked for: not one, or one of the other list.
    app.get("/api/v1/public/petitions?cursor=zz").await.assert_problem(422, "validation_failed");
    // The awaiting list's cursors start `w|` (received at, then id); the newest list's `f|`.
    let awaiting_cursor =
        pakn::domain::pagination::Cursor::encode("w|2026-11-26T03:00:00|00000000-0000-4000-8000-000000000001");
    assert_eq!(app.get(&format!("/api/v1/public/awaiting?cursor={awaiting_cursor}")).await.status, 200);
    let other_list = format!("/api/v1/public/petitions?cursor={awaiting_cursor}");
    app.get(&other_list).await.assert_problem(422, "validation_failed");
}

#[actix_web::test]
async fn every_public_figure_is_the_one_known_from_the_hand_built_set() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone()).await;
    let p = people(&app).await;
    hand_built_set(&app, &p, &clock).await;
    // Sixty days on, the proposal still waits: overdue, and 30 to 89 days old.
    clock.advance(TimeDelta::days(60));

    let stats = app.get("/api/v1/public/stats?from=2026-11-01&to=2026-11-30").await;
    assert_eq!(stats.status, 200, "{}", String::from_utf8_lossy(&stats.body));
    let stats = stats.json();
    let total = &stats["total"];
    let figure = |name: &str| total[name].as_i64().unwrap();
    let expected = [
        ("received", 3),
        ("accepted", 1),
        ("refused", 1),
        ("resolved", 1),
        ("resolved_on_time", 1),
        ("resolved_late", 0),
        ("open", 1),
        ("overdue_now", 1),
        ("reopened", 0),
        ("closures_checked", 0),
        ("closures_contested", 0),
    ];
    for (name, value) in expected {
        assert_eq!(figure(name), value, "{name}");
    }
    assert_eq!(total["refused_by_reason"], json!([{ "reason": "content_not_specific", "count": 1 }]));
    assert_eq!(
        total["open_by_age"],
        json!({ "under_30_days": 0, "from_30_to_89_days": 1, "from_90_to_179_days": 0, "from_180_days": 0 })
    );
    assert_eq!(total["days_to_resolve"], json!({ "median": 0, "p90": 0 }));
    assert_eq!(total["satisfaction"], json!({ "rated": 1, "satisfied": 1, "acceptable": 0, "dissatisfied": 0 }));
    assert_eq!(
        total["rates"],
        json!({ "on_time": 1.0, "reopened": 0.0, "contested_closures": null, "satisfied": 1.0, "dissatisfied": 0.0 })
    );

    // One agency handled them all: three petitions are too few for its rates.
    let agencies = stats["by_agency"].as_array().unwrap();
    assert_eq!(agencies.len(), 1);
    assert_eq!(agencies[0]["agency"]["id"], p.triage.as_str());
    assert_eq!(
        (agencies[0]["figures"]["received"].as_i64(), &agencies[0]["figures"]["rates"]),
        (Some(3), &Value::Null)
    );
    assert_eq!(stats["minimum_received"], 20);
    let categories = stats["by_category"].as_array().unwrap();
    assert_eq!(categories[0]["category"]["code"], "environmental_pollution");

    let elsewhere = app.get("/api/v1/public/stats?from=2026-11-01&to=2026-11-30&admin_unit=19753").await.json();
    assert_eq!(elsewhere["total"]["received"], 0);
    let before = app.get("/api/v1/public/stats?from=2026-10-01&to=2026-10-31").await.json();
    assert_eq!(
        (before["total"]["received"].as_i64(), before["by_agency"].as_array().map(Vec::len)),
        (Some(0), Some(0))
    );
    app.get("/api/v1/public/stats?from=2000-01-01&to=2026-11-30").await.assert_problem(422, "validation_failed");
    app.get("/api/v1/public/stats?from=soon").await.assert_problem(422, "validation_failed");

    let definitions = app.get("/api/v1/public/stats/definitions").await.json();
    let named: Vec<&str> =
        definitions["items"].as_array().unwrap().iter().map(|d| d["figure"].as_str().unwrap()).collect();
    for figure in ["received", "resolved_on_time", "overdue_now", "days_to_resolve", "rates"] {
        assert!(named.contains(&figure), "{figure} is defined");
    }
}

#[actix_web::test]
async fn the_statistics_are_computed_again_only_once_they_are_older_than_their_max_age() {
    let clock = ManualClock::at(NOW);
    let overrides = [("PAKN_PUBLIC_STATS_MAX_AGE_SECONDS", "1")];
    let app = spawn_app_configured(clock.clone(), Mailbox::start(), &overrides).await;
    let p = people(&app).await;
    let received = |stats: &Value| stats["total"]["received"].as_i64().unwrap();
    let period = "/api/v1/public/stats?from=2026-11-01&to=2026-11-30";
    assert_eq!(received(&app.get(period).await.json()), 0);

    file_as(&app, &p.citizen, &feedback("Cống thoát nước bị tắc")).await;
    assert_eq!(received(&app.get(period).await.json()), 0, "the computation of a moment ago is served");
    let other_period = "/api/v1/public/stats?from=2026-11-02&to=2026-11-30";
    assert_eq!(received(&app.get(other_period).await.json()), 1, "another query is computed afresh");

    actix_web::rt::time::sleep(std::time::Duration::from_millis(1_100)).await;
    assert_eq!(received(&app.get(period).await.json()), 1, "older than its max age, it is computed again");
}

#[actix_web::test]
async fn a_public_lists_items_are_checked_again_after_a_second_and_its_total_after_its_max_age() {
    let clock = ManualClock::at(NOW);
    let overrides = [("PAKN_PUBLIC_STATS_MAX_AGE_SECONDS", "3")];
    let app = spawn_app_configured(clock.clone(), Mailbox::start(), &overrides).await;
    let p = people(&app).await;
    let first = file_as(&app, &p.citizen, &feedback("Cống thoát nước bị tắc")).await;
    assert_eq!(app.get("/api/v1/public/petitions").await.json()["total"], 1);

    clock.advance(TimeDelta::minutes(1)); // "newest first" then has one answer
    let second = file_as(&app, &p.citizen, &feedback("Rác thải chưa được thu gom")).await;
    let code = |v: &Value| v["tracking_code"].as_str().unwrap().to_string();
    let a_while = |ms| actix_web::rt::time::sleep(std::time::Duration::from_millis(ms));
    assert_eq!(codes(&app.get("/api/v1/public/petitions").await.json()), [code(&first)], "checked just now");
    a_while(1_100).await;
    let listed = app.get("/api/v1/public/petitions").await.json();
    assert_eq!(codes(&listed), [code(&second), code(&first)], "the items are as they stand now");
    assert_eq!(listed["total"], 1, "the total counted a moment ago is served");

    a_while(2_000).await;
    assert_eq!(app.get("/api/v1/public/petitions").await.json()["total"], 2);
}

#[actix_web::test]
async fn a_public_list_page_is_sent_again_by_its_etag_until_a_petition_on_it_changes_or_the_day_turns_checked_each_second()
 {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone()).await;
    let p = people(&app).await;
    let petition = file_as(&app, &p.citizen, &feedback("Cống thoát nước bị tắc")).await;
    let look = |etag: String| {
        let app = &app;
        async move { app.request("GET", "/api/v1/public/awaiting", None, &[("if-none-match", &etag)]).await }
    };
    let a_second = || actix_web::rt::time::sleep(std::time::Duration::from_millis(1_100));
    let first = app.get("/api/v1/public/awaiting").await;
    let etag = first.header("etag").expect("an ETag").to_string();
    let again = look(etag.clone()).await;
    assert_eq!((again.status, again.body.len()), (304, 0), "the same page is not sent twice");

    // The petition stays on the page; only its version and status move. For a second after the
    // page was checked, readers are sent it as it was.
    done(&app, &p.triage_officer, &petition, "accept", json!({ "complexity": "normal" })).await;
    assert_eq!(look(etag.clone()).await.status, 304, "checked less than a second ago");
    a_second().await;
    let accepted = look(etag.clone()).await;
    assert_eq!(accepted.status, 200, "a petition on the page changed");
    assert_eq!(accepted.json()["items"][0]["status"], "accepted");
    let etag = accepted.header("etag").expect("an ETag").to_string();
    assert_eq!(look(etag.clone()).await.status, 304);

    // The same bytes on another day are the same page; past the deadline they are not.
    clock.advance(TimeDelta::days(1));
    a_second().await;
    assert_eq!(look(etag.clone()).await.status, 304);
    clock.advance(TimeDelta::days(90));
    a_second().await;
    let overdue = look(etag).await;
    assert_eq!(overdue.status, 200, "whether a deadline has passed counts from the day it is read");
    assert_eq!(overdue.json()["items"][0]["overdue"], true);
}
