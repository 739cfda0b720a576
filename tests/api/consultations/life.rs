//! A consultation's whole life, from the draft nobody outside sees to the synthesis on its
//! public page; and a comment outside the window refused.

use chrono::TimeDelta;
use serde_json::json;

use super::{cast, drafted, land_plan, public_path, published, send};
use crate::helpers::{ManualClock, spawn_app_with_clock};
use crate::petitions::NOW;

#[actix_web::test]
async fn a_consultation_goes_from_an_unseen_draft_to_a_synthesis_answering_every_comment() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone()).await;
    let cast = cast(&app).await;

    let path = drafted(&app, &cast.officer, land_plan()).await;
    app.get(&public_path(&path)).await.assert_problem(404, "not_found");
    app.get_as(&cast.an.access_token, &path).await.assert_problem(404, "not_found");
    app.get_as(&cast.officer_elsewhere.access_token, &path).await.assert_problem(404, "not_found");
    app.get_as(&cast.monitor_elsewhere.access_token, &path).await.assert_problem(404, "not_found");
    assert_eq!(app.get_as(&cast.monitor.access_token, &path).await.status, 200, "the monitor in scope sees the draft");
    assert_eq!(app.get("/api/v1/public/consultations").await.json()["total"], 0, "a draft is not listed");
    send(
        &app,
        &cast.officer,
        "PATCH",
        &path,
        json!({ "title": "Phương án bồi thường đường Nguyễn Sinh Cung (sửa)" }),
        200,
    )
    .await;

    let done = send(&app, &cast.head, "POST", &format!("{path}/publish"), json!({}), 200).await;
    assert_eq!((done["status"].as_str(), done["published_at"].is_string()), (Some("open"), true));
    send(&app, &cast.head, "POST", &format!("{path}/publish"), json!({}), 409).await;
    send(&app, &cast.officer, "PATCH", &path, json!({ "title": "Không sửa được nữa" }), 409).await;
    let listed = app.get("/api/v1/public/consultations?status=open&kind=land_compensation_plan").await.json();
    assert_eq!(listed["total"], 1);

    let comments = format!("{path}/comments");
    let on_prices = send(
        &app,
        &cast.an,
        "POST",
        &comments,
        json!({ "section": 1, "text": "Đề nghị công bố cách tính giá đất cho từng vị trí." }),
        201,
    )
    .await;
    assert!(on_prices["author"].as_str().unwrap().starts_with("Công dân "));
    let whole =
        send(&app, &cast.binh, "POST", &comments, json!({ "text": "Cần thêm thời gian di dời cho các hộ." }), 201)
            .await;
    send(&app, &cast.officer, "POST", &comments, json!({ "text": "Cán bộ không góp ý ở đây." }), 403).await;
    let support = |id: &serde_json::Value| format!("{comments}/{}/support", id.as_str().unwrap());
    let supported = send(&app, &cast.binh, "POST", &support(&on_prices["id"]), json!({}), 200).await;
    assert_eq!(supported["supports"], 1);
    send(&app, &cast.binh, "POST", &support(&on_prices["id"]), json!({}), 409).await;
    send(&app, &cast.an, "POST", &support(&on_prices["id"]), json!({}), 409).await;

    let answers = format!("{path}/answers");
    let early = json!({ "comment_ids": [whole["id"]], "position": "accepted", "explanation": "Chưa đến lúc trả lời." });
    send(&app, &cast.officer, "POST", &answers, early, 409).await;

    clock.advance(TimeDelta::days(30));
    let cast = cast.again(&app).await;
    send(&app, &cast.an, "POST", &comments, json!({ "text": "Góp ý sau khi hết hạn." }), 409).await;
    let answered = send(
        &app,
        &cast.officer,
        "POST",
        &answers,
        json!({ "comment_ids": [on_prices["id"]], "position": "partly_accepted", "explanation": "Bảng giá theo vị trí được niêm yết kèm phương án." }),
        201,
    )
    .await;
    assert_eq!(answered["counts"]["answered"], 1);
    let again = json!({ "comment_ids": [on_prices["id"]], "position": "accepted", "explanation": "Trả lời lần hai." });
    send(&app, &cast.officer, "POST", &answers, again, 409).await;
    let synthesis = format!("{path}/synthesis");
    let summary = json!({ "summary": "Đã nhận 2 ý kiến; tiếp thu một phần 1, giải trình 1." });
    let unanswered = send(&app, &cast.head, "POST", &synthesis, summary.clone(), 409).await;
    assert!(unanswered["detail"].as_str().unwrap().contains("1 visible comments remain"), "{unanswered}");
    let last = json!({ "comment_ids": [whole["id"]], "position": "not_accepted", "explanation": "Thời hạn di dời theo Luật Đất đai." });
    send(&app, &cast.officer, "POST", &answers, last, 201).await;
    let concluded = send(&app, &cast.head, "POST", &synthesis, summary, 200).await;
    assert_eq!(concluded["status"], "concluded");

    let page = app.get(&public_path(&path)).await;
    assert_eq!(page.status, 200);
    let page = page.json();
    assert_eq!(page["status"], "concluded");
    assert_eq!(
        page["counts"],
        json!({ "comments": 2, "visible": 2, "hidden": 0, "supported": 1, "answered": 2, "accepted": 0, "partly_accepted": 1, "not_accepted": 1 })
    );
    assert_eq!(page["synthesis"]["summary"], "Đã nhận 2 ý kiến; tiếp thu một phần 1, giải trình 1.");
    // Both comments were made at the same instant: each is found by its id.
    let shown =
        |id: &serde_json::Value| page["comments"].as_array().unwrap().iter().find(|c| c["id"] == *id).unwrap().clone();
    assert_eq!(
        (shown(&on_prices["id"])["answer"]["position"].as_str(), shown(&on_prices["id"])["section"].as_i64()),
        (Some("partly_accepted"), Some(1))
    );
    assert_eq!(shown(&whole["id"])["answer"]["position"], "not_accepted");
    let text = page.to_string();
    assert!(!text.contains("Trần Thị Ân") && !text.contains("Lê Văn Bình"), "no commenter is named in public");
    assert!(!text.contains(&cast.an.id) && !text.contains(&cast.an.email), "nor identified");
    assert_eq!(app.get("/api/v1/public/consultations?status=concluded").await.json()["total"], 1);

    let events = app.with_connection(|c| {
        use diesel::prelude::*;
        use pakn::db::schema::events;
        events::table
            .filter(events::kind.like("consultation.%"))
            .select((events::kind, events::data))
            .load::<(String, String)>(c)
            .unwrap()
    });
    let kinds: Vec<&str> = events.iter().map(|(kind, _)| kind.as_str()).collect();
    for kind in [
        "consultation.drafted",
        "consultation.edited",
        "consultation.published",
        "consultation.commented",
        "consultation.comment_supported",
        "consultation.answered",
        "consultation.concluded",
    ] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    for (_, data) in &events {
        assert!(!data.contains("Ân") && !data.contains("example.vn") && !data.contains("giá đất"), "{data}");
    }
}

#[actix_web::test]
async fn a_comment_before_the_window_opens_or_after_it_closes_is_refused() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone()).await;
    let cast = cast(&app).await;
    let mut later = land_plan();
    later["opens_on"] = json!("2026-12-01");
    later["closes_on"] = json!("2026-12-31");
    let path = drafted(&app, &cast.officer, later).await;
    let done = send(&app, &cast.officer, "POST", &format!("{path}/publish"), json!({}), 200).await;
    assert_eq!(done["status"], "upcoming");
    let comment = json!({ "text": "Góp ý trước khi mở." });
    let early = send(&app, &cast.an, "POST", &format!("{path}/comments"), comment.clone(), 409).await;
    assert_eq!(early["code"], "consultation_closed");
    assert!(early["detail"].as_str().unwrap().contains("not open yet"));

    let open = published(&app, &cast).await;
    clock.advance(TimeDelta::days(30));
    let cast = cast.again(&app).await;
    let late = send(&app, &cast.an, "POST", &format!("{open}/comments"), comment, 409).await;
    assert_eq!(late["code"], "consultation_closed");
    assert!(late["detail"].as_str().unwrap().contains("closed"));
    assert_eq!(app.get(&public_path(&open)).await.json()["counts"]["comments"], 0);
}
