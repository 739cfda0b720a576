//! The shipped Vietnamese calendar, counted exactly: golden deadlines across the 2026 holidays
//! and their announced swaps, years announced or provisional, and corrections reaching a database
//! installed from an older release without undoing an administrator's edit.

use chrono::NaiveDate;
use diesel::prelude::*;
use pakn::db::schema::{applied_seeds, calendar_days};
use pakn::domain::calendar::WorkingCalendar;
use pakn::domain::deadline::{Period, Round, default_rules};
use pakn::domain::petition::PetitionKind;
use pakn::domain::workflow::appeal::last_day_to_appeal;
use pakn::service::reference::shipped::shipped_calendar;
use serde_json::json;

use crate::helpers::{spawn_app, spawn_app_at};
use crate::petitions::{feedback, file_as};

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

fn shipped() -> WorkingCalendar {
    shipped_calendar().expect("the shipped calendar reads")
}

fn first_round(kind: PetitionKind) -> pakn::domain::deadline::DeadlineRule {
    default_rules().into_iter().find(|rule| rule.kind == kind && rule.round == Round::First).expect("a rule")
}

#[test]
fn feedback_filed_before_national_day_is_acknowledged_after_the_four_days_off() {
    // Fri 28 Aug 2026; Sat 29 – Wed 2 Sep off (Mon 31 Aug in lieu, 1–2 Sep National Day).
    let acceptance = first_round(PetitionKind::Feedback).acceptance;
    assert_eq!(acceptance, Period::WorkingDays(2));
    assert_eq!(acceptance.last_day(&shipped(), day("2026-08-28")), day("2026-09-04"));
}

#[test]
fn a_complaint_received_before_new_year_counts_its_ten_days_to_the_first_working_day() {
    // 23 Dec 2025 + 10 days = Fri 2 Jan 2026, the day off swapped for Sat 10 Jan: Mon 5 Jan.
    let acceptance = first_round(PetitionKind::Complaint).acceptance;
    assert_eq!(acceptance.last_day(&shipped(), day("2025-12-23")), day("2026-01-05"));
}

#[test]
fn sixty_days_ending_on_the_national_day_break_run_to_thursday_3_september() {
    // 2 Jul 2026 + 60 days = Mon 31 Aug (in lieu), then 1–2 Sep: Thu 3 Sep.
    let remote_complex = first_round(PetitionKind::Complaint).resolution_remote_complex;
    assert_eq!(remote_complex, Period::Days(60));
    assert_eq!(remote_complex.last_day(&shipped(), day("2026-07-02")), day("2026-09-03"));
}

#[test]
fn an_appeal_window_ending_in_tet_runs_to_the_monday_after() {
    // Decision received Mon 19 Jan 2026; 30 days end Wed 18 Feb, inside Tết (14–22 Feb).
    assert_eq!(last_day_to_appeal(day("2026-01-19"), false, &shipped()), day("2026-02-23"));
}

#[test]
fn working_days_counted_from_the_eve_of_tet_skip_the_whole_holiday() {
    // Thu 12 Feb 2026: Fri 13 Feb is the 1st working day, Mon 23 Feb the 2nd.
    let denunciation = first_round(PetitionKind::Denunciation).acceptance;
    assert_eq!(denunciation, Period::WorkingDays(7));
    assert_eq!(denunciation.last_day(&shipped(), day("2026-02-12")), day("2026-03-02"));
    assert_eq!(Period::WorkingDays(10).last_day(&shipped(), day("2026-02-12")), day("2026-03-05"));
}

#[test]
fn the_make_up_saturday_of_10_january_2026_is_a_working_day() {
    assert!(shipped().is_working_day(day("2026-01-10")));
    assert!(!shipped().is_working_day(day("2026-01-02")));
}

#[actix_web::test]
async fn years_say_whether_the_government_has_announced_them_and_their_days_say_so_too() {
    let app = spawn_app().await;
    let years = app.get("/api/v1/holiday-years").await.json();
    let statuses: Vec<(i64, &str)> = years["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| (y["year"].as_i64().unwrap(), y["status"].as_str().unwrap()))
        .collect();
    assert_eq!(statuses, [(2025, "announced"), (2026, "announced"), (2027, "provisional")]);
    let provisional = |year: &str| {
        let app = &app;
        let year = year.to_string();
        async move {
            let body = app.get(&format!("/api/v1/holidays?year={year}")).await.json();
            body["items"].as_array().unwrap().iter().map(|d| d["provisional"].as_bool().unwrap()).collect::<Vec<_>>()
        }
    };
    assert!(provisional("2026").await.iter().all(|p| !p));
    let days_2027 = provisional("2027").await;
    assert!(!days_2027.is_empty() && days_2027.iter().all(|p| *p));
}

#[actix_web::test]
async fn an_administrator_announces_a_year_and_its_days_are_no_longer_provisional() {
    let app = spawn_app_at("2026-11-30 02:00:00").await;
    let admin = app.admin().await;
    let announce = json!({ "status": "announced", "source": "Thông báo số 1/TB-BNV (test)" });
    let saved = app.send_json_as(&admin.access_token, "PUT", "/api/v1/holiday-years/2027", &announce).await;
    assert_eq!(saved.status, 200);
    assert_eq!((saved.json()["status"].as_str(), saved.json()["year"].as_i64()), (Some("announced"), Some(2027)));
    let days = app.get("/api/v1/holidays?year=2027").await.json();
    assert_eq!(days["items"][0]["provisional"], false);

    for (path, body, status, code) in [
        ("/api/v1/holiday-years/2027", json!({ "status": "rumoured", "source": "x" }), 422, "validation_failed"),
        ("/api/v1/holiday-years/2027", json!({ "status": "announced", "source": " " }), 422, "validation_failed"),
        ("/api/v1/holiday-years/1999", announce.clone(), 404, "not_found"),
        ("/api/v1/holiday-years/next", announce.clone(), 404, "not_found"),
    ] {
        app.send_json_as(&admin.access_token, "PUT", path, &body).await.assert_problem(status, code);
    }
    let after = app.get("/api/v1/holiday-years").await.json();
    assert_eq!(after["items"][2]["source"], "Thông báo số 1/TB-BNV (test)", "a refused change changes nothing");
}

#[actix_web::test]
async fn a_database_installed_from_an_older_release_receives_the_corrections_but_keeps_an_administrators_edit() {
    let app = spawn_app_at("2026-11-30 02:00:00").await;
    let admin = app.admin().await;
    // The administrator decided 31 Aug 2026 themselves.
    let own = json!({ "kind": "public_holiday", "name_vi": "Nghỉ (tỉnh)", "name_en": "Province's own", "source": "UBND tỉnh" });
    app.send_json_as(&admin.access_token, "PUT", "/api/v1/holidays/2026-08-31", &own).await;
    // As the first release left it: no 2 Jan swap, no make-up Saturday.
    app.with_connection(|c| {
        diesel::delete(calendar_days::table.filter(calendar_days::day.eq_any([day("2026-01-02"), day("2026-01-10")])))
            .execute(c)?;
        diesel::delete(applied_seeds::table.filter(applied_seeds::name.like("vn-calendar-%"))).execute(c)
    })
    .expect("rewind to the older release");

    pakn::startup::prepare_database(&app.config, &pakn::clock::SystemClock).expect("the upgraded release starts");

    let days = app.get("/api/v1/holidays?year=2026").await.json();
    let kind_of = |date: &str| {
        days["items"].as_array().unwrap().iter().find(|d| d["date"] == date).map(|d| d["kind"].as_str().unwrap())
    };
    assert_eq!(kind_of("2026-01-02"), Some("compensatory_day_off"));
    assert_eq!(kind_of("2026-01-10"), Some("make_up_working_day"));
    let kept = days["items"].as_array().unwrap().iter().find(|d| d["date"] == "2026-08-31").unwrap();
    assert_eq!(kept["source"], "UBND tỉnh", "the administrator's decision stands");
}

#[actix_web::test]
async fn a_deadline_counted_into_an_unannounced_year_is_flagged_provisional_until_the_year_is_announced() {
    let app = spawn_app_at("2026-12-30 03:00:00").await;
    let citizen = app.citizen("nguoi.dan@example.vn").await;
    let filed = file_as(&app, &citizen, &feedback("Đèn đường hỏng")).await;
    let acceptance = &filed["deadlines"]["acceptance"];
    assert_eq!((acceptance["due"].as_str(), acceptance["provisional"].as_bool()), (Some("2027-01-04"), Some(true)));

    let admin = app.admin().await;
    let announced = json!({ "status": "announced", "source": "Thông báo (test)" });
    app.send_json_as(&admin.access_token, "PUT", "/api/v1/holiday-years/2027", &announced).await;
    let path = format!("/api/v1/petitions/{}", filed["id"].as_str().unwrap());
    let read = app.get_as(&citizen.access_token, &path).await.json();
    assert_eq!(read["deadlines"]["acceptance"]["provisional"], false);
}
