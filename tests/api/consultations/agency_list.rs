//! An agency's own list of its consultations: drafts included, filtered by status, a page at a
//! time, for its staff, the monitors in scope and administrators — never the public.

use serde_json::Value;

use super::{cast, drafted, land_plan, published};
use crate::helpers::{ManualClock, spawn_app_with_clock};
use crate::petitions::NOW;

fn ids(listed: &Value) -> Vec<String> {
    listed["items"].as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap().to_string()).collect()
}

#[actix_web::test]
async fn the_agency_lists_its_drafts_with_its_published_consultations_a_page_at_a_time() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone()).await;
    let cast = cast(&app).await;
    let open = published(&app, &cast).await;
    clock.advance(chrono::TimeDelta::minutes(5));
    let draft = drafted(&app, &cast.officer, land_plan()).await;
    let id_of = |path: &str| path.rsplit('/').next().unwrap().to_string();

    let own = app.get_as(&cast.officer.access_token, "/api/v1/consultations").await.json();
    assert_eq!(ids(&own), [id_of(&draft), id_of(&open)], "the latest drafted first: {own}");
    assert_eq!((own["total"].as_i64(), own["items"][0]["status"].as_str()), (Some(2), Some("draft")));
    let drafts = app.get_as(&cast.head.access_token, "/api/v1/consultations?status=draft").await.json();
    assert_eq!(ids(&drafts), [id_of(&draft)]);

    let of_ward = format!("/api/v1/consultations?agency_id={}&limit=1", cast.ward);
    let first = app.get_as(&cast.monitor.access_token, &of_ward).await.json();
    assert_eq!((ids(&first), first["total"].as_i64()), (vec![id_of(&draft)], Some(2)));
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = app.get_as(&cast.admin.access_token, &format!("{of_ward}&cursor={cursor}")).await.json();
    assert_eq!((ids(&second), &second["next_cursor"]), (vec![id_of(&open)], &Value::Null));

    app.get_as(&cast.officer_elsewhere.access_token, &of_ward).await.assert_problem(403, "forbidden");
    app.get_as(&cast.monitor_elsewhere.access_token, &of_ward).await.assert_problem(403, "forbidden");
    app.get_as(&cast.an.access_token, &of_ward).await.assert_problem(403, "forbidden");
    let unnamed = app.get_as(&cast.monitor.access_token, "/api/v1/consultations").await;
    assert_eq!(unnamed.assert_problem(422, "validation_failed")["errors"][0]["field"], "agency_id");
    let nowhere = format!("/api/v1/consultations?agency_id={}", uuid::Uuid::new_v4());
    app.get_as(&cast.admin.access_token, &nowhere).await.assert_problem(422, "validation_failed");
    let bad = app.get_as(&cast.officer.access_token, "/api/v1/consultations?status=secret&agency_id=x").await;
    assert_eq!(bad.assert_problem(422, "validation_failed")["errors"].as_array().map(Vec::len), Some(2));
    let public = app.get("/api/v1/public/consultations").await.json();
    assert_eq!(ids(&public), [id_of(&open)], "drafts stay off the public listing");
}
