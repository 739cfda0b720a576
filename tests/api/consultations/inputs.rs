//! Bad inputs are answered 422 or 404 naming what is wrong, and change nothing.

use chrono::TimeDelta;
use serde_json::json;

use super::{cast, land_plan, public_path, published, send};
use crate::helpers::{ManualClock, spawn_app_with_clock};
use crate::petitions::NOW;

#[actix_web::test]
async fn unknown_kinds_units_sections_empty_texts_and_foreign_ids_are_refused_and_change_nothing() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone()).await;
    let cast = cast(&app).await;
    for (field, value) in [("kind", json!("road")), ("admin_unit_codes", json!(["99999"])), ("title", json!("   "))] {
        let mut body = land_plan();
        body[field] = value;
        let refused = send(&app, &cast.officer, "POST", "/api/v1/consultations", body, 422).await;
        assert_eq!(refused["errors"][0]["field"], field, "{refused}");
    }
    let mut body = land_plan();
    body["agency_id"] = json!(cast.ward);
    send(&app, &cast.officer_elsewhere, "POST", "/api/v1/consultations", body, 403).await;
    let mut unknown = land_plan();
    unknown["colour"] = json!("red");
    send(&app, &cast.officer, "POST", "/api/v1/consultations", unknown, 422).await;
    let drafts = app.with_connection(|c| {
        use diesel::prelude::*;
        pakn::db::schema::consultations::table.count().get_result::<i64>(c).unwrap()
    });
    assert_eq!(drafts, 0, "no refused draft was kept");

    let path = published(&app, &cast).await;
    let other = published(&app, &cast).await;
    let comments = format!("{path}/comments");
    let refused =
        send(&app, &cast.an, "POST", &comments, json!({ "section": 7, "text": "Góp ý mục không có." }), 422).await;
    assert_eq!(refused["errors"][0]["field"], "section");
    let refused = send(&app, &cast.an, "POST", &comments, json!({ "text": "  " }), 422).await;
    assert_eq!(refused["errors"][0]["field"], "text");
    send(&app, &cast.an, "POST", &comments, json!({ "text": "Chữ\u{200B}ẩn trong góp ý." }), 422).await;
    let elsewhere =
        send(&app, &cast.an, "POST", &format!("{other}/comments"), json!({ "text": "Góp ý cho phương án kia." }), 201)
            .await;
    let foreign_support = format!("{comments}/{}/support", elsewhere["id"].as_str().unwrap());
    send(&app, &cast.binh, "POST", &foreign_support, json!({}), 404).await;
    let nobody = "00000000-0000-4000-8000-000000000000";
    send(
        &app,
        &cast.binh,
        "POST",
        &format!("/api/v1/consultations/{nobody}/comments"),
        json!({ "text": "Không có." }),
        404,
    )
    .await;
    assert_eq!(app.get(&public_path(&path)).await.json()["counts"]["comments"], 0);

    clock.advance(TimeDelta::days(30));
    let cast = cast.again(&app).await;
    let answers = format!("{path}/answers");
    let foreign = json!({ "comment_ids": [elsewhere["id"]], "position": "accepted", "explanation": "Không thuộc phương án này." });
    let refused = send(&app, &cast.officer, "POST", &answers, foreign, 422).await;
    assert_eq!(refused["errors"][0]["field"], "comment_ids");
    let bad = json!({ "comment_ids": ["x"], "position": "maybe", "explanation": "" });
    let refused = send(&app, &cast.officer, "POST", &answers, bad, 422).await;
    assert_eq!(refused["errors"].as_array().unwrap().len(), 3, "{refused}");
    let page = app.get(&public_path(&other)).await.json();
    assert_eq!(page["counts"]["answered"], 0, "nothing was answered");
}
