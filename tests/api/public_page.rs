//! The public status page as a news story's readers meet it: repeat lookups answered 304 until the
//! petition changes, the page a process keeps (`public_pages`) sent again only while the petition,
//! the day and the reference data are unchanged, and the reference data it shows fresh after every
//! edit — at once in the process that made it, within a second in another process on the same
//! database.

use std::time::{Duration, Instant};

use chrono::TimeDelta;
use serde_json::json;

use crate::helpers::{ManualClock, TestApp, spawn_app, spawn_app_at, spawn_app_on_pool, spawn_app_with_clock};
use crate::petitions::{NOW, complaint, file_as};

const OFFICE: &str = "hue-ban-tiep-cong-dan";

async fn public_page(app: &TestApp, code: &str) -> serde_json::Value {
    let page = app.get(&format!("/api/v1/public/petitions/{code}")).await;
    assert_eq!(page.status, 200);
    page.json()
}

#[actix_web::test]
async fn a_repeat_lookup_is_answered_not_modified_until_the_petition_changes() {
    let app = spawn_app_at(NOW).await;
    let citizen = app.citizen("repeat@example.vn").await;
    let petition = file_as(&app, &citizen, &complaint()).await;
    let path = format!("/api/v1/public/petitions/{}", petition["tracking_code"].as_str().unwrap());

    let first = app.get(&path).await;
    let etag = first.header("etag").expect("an ETag").to_string();
    let again = app.request("GET", &path, None, &[("if-none-match", &etag)]).await;
    assert_eq!((again.status, again.body.len()), (304, 0), "the same page is not sent twice");
    assert_eq!(again.header("etag"), Some(etag.as_str()));
    let other = app.request("GET", &path, None, &[("if-none-match", "\"0123456789abcdef01234567\"")]).await;
    assert_eq!(other.status, 200, "an ETag of another page is not this one's");

    let withdraw = format!("/api/v1/petitions/{}/withdraw", petition["id"].as_str().unwrap());
    let reason = json!({ "reason": "Đã được giải quyết ở cơ sở" });
    assert_eq!(app.send_json_as(&citizen.access_token, "POST", &withdraw, &reason).await.status, 200);
    let changed = app.request("GET", &path, None, &[("if-none-match", &etag)]).await;
    assert_eq!(changed.status, 200, "a withdrawn petition's page is new");
    assert_eq!(changed.json()["status"], "withdrawn");
    assert_ne!(changed.header("etag"), Some(etag.as_str()));
}

#[actix_web::test]
async fn the_page_counts_the_working_days_left_from_the_day_it_is_read() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone()).await;
    let citizen = app.citizen("days-left@example.vn").await;
    let code = file_as(&app, &citizen, &complaint()).await["tracking_code"].as_str().unwrap().to_string();
    let days_left = |page: serde_json::Value| page["deadlines"]["acceptance"]["working_days_left"].as_i64();
    let today = days_left(public_page(&app, &code).await).expect("the acceptance deadline runs");
    assert_eq!(days_left(public_page(&app, &code).await), Some(today), "the same day, the same page");

    // A week holds working days whatever the day: the page kept from last week is not sent.
    clock.advance(TimeDelta::days(7));
    let a_week_later = days_left(public_page(&app, &code).await).expect("still running");
    assert!(a_week_later < today, "{a_week_later} working days left a week after {today}");
}

#[actix_web::test]
async fn an_administrators_edit_shows_on_the_public_page_at_once() {
    let app = spawn_app_at(NOW).await;
    let citizen = app.citizen("edit@example.vn").await;
    let code = file_as(&app, &citizen, &complaint()).await["tracking_code"].as_str().unwrap().to_string();
    assert_eq!(public_page(&app, &code).await["responsible_head"]["title"], "Trưởng Ban Tiếp công dân thành phố");

    let admin = app.admin().await;
    let office = app.agency_id(OFFICE).await;
    let retitled = json!({ "head_title": "Trưởng Ban Tiếp công dân thành phố Huế" });
    let edit = app.send_json_as(&admin.access_token, "PATCH", &format!("/api/v1/agencies/{office}"), &retitled).await;
    assert_eq!(edit.status, 200, "{}", String::from_utf8_lossy(&edit.body));

    assert_eq!(public_page(&app, &code).await["responsible_head"]["title"], "Trưởng Ban Tiếp công dân thành phố Huế");
}

#[actix_web::test]
async fn another_process_on_the_same_database_shows_an_edit_within_a_second() {
    let app = spawn_app_at(NOW).await;
    let citizen = app.citizen("second@example.vn").await;
    let code = file_as(&app, &citizen, &complaint()).await["tracking_code"].as_str().unwrap().to_string();
    // Started after the citizen's sign-up: its outbox worker would take the verification e-mail.
    let second = spawn_app_on_pool(app.pool.clone()).await;
    assert_eq!(public_page(&second, &code).await["category"]["name_vi"], "Bồi thường, hỗ trợ, tái định cư");

    let admin = app.admin().await;
    let renamed = json!({ "name_vi": "Bồi thường, hỗ trợ và tái định cư" });
    let edit =
        app.send_json_as(&admin.access_token, "PATCH", "/api/v1/categories/compensation_resettlement", &renamed).await;
    assert_eq!(edit.status, 200, "{}", String::from_utf8_lossy(&edit.body));

    let edited = Instant::now();
    loop {
        let name = public_page(&second, &code).await["category"]["name_vi"].clone();
        if name == "Bồi thường, hỗ trợ và tái định cư" {
            break;
        }
        assert!(edited.elapsed() < Duration::from_secs(3), "the second process still shows {name} after 3 s");
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
}

#[actix_web::test]
async fn a_client_made_to_wait_for_guessing_in_one_process_waits_in_the_other() {
    // Both on the system clock: the wait is counted from the same now.
    let app = spawn_app().await;
    let citizen = app.citizen("guessed@example.vn").await;
    let code = file_as(&app, &citizen, &complaint()).await["tracking_code"].as_str().unwrap().to_string();
    let second = spawn_app_on_pool(app.pool.clone()).await;
    assert_eq!(second.get(&format!("/api/v1/public/petitions/{code}")).await.status, 200);

    for n in 0..20 {
        let guess = format!("/api/v1/public/petitions/PA-{n:04}-0000-00000");
        app.get(&guess).await.assert_problem(404, "not_found");
    }
    second.get("/api/v1/public/petitions/PA-9999-0000-00000").await.assert_problem(429, "rate_limited");
    second.get(&format!("/api/v1/public/petitions/{code}")).await.assert_problem(429, "rate_limited");
}
