//! Dialogue meetings: the agency schedules one, records its minutes once it has been held, and
//! both are on the public page.

use chrono::TimeDelta;
use serde_json::json;

use super::{cast, public_path, published, send};
use crate::helpers::{ManualClock, spawn_app_with_clock};
use crate::petitions::NOW;

#[actix_web::test]
async fn a_dialogue_meeting_is_scheduled_then_its_minutes_recorded_after_it_was_held() {
    let clock = ManualClock::at(NOW);
    let app = spawn_app_with_clock(clock.clone()).await;
    let cast = cast(&app).await;
    let path = published(&app, &cast).await;
    let meetings = format!("{path}/meetings");
    let meeting = json!({ "held_at": "2026-12-27T08:00:00+07:00", "place": "Hội trường UBND phường Phú Xuân", "agenda": "Đối thoại về phương án bồi thường." });
    send(&app, &cast.an, "POST", &meetings, meeting.clone(), 403).await;
    send(&app, &cast.monitor, "POST", &meetings, meeting.clone(), 403).await;
    let scheduled = send(&app, &cast.officer, "POST", &meetings, meeting, 201).await;
    assert_eq!(scheduled["held_at"], "2026-12-27T08:00:00+07:00");
    let minutes = format!("{meetings}/{}/minutes", scheduled["id"].as_str().unwrap());
    let record = json!({ "attendance": 38, "minutes": "38 hộ dự; 12 ý kiến về giá đất." });
    send(&app, &cast.officer, "POST", &minutes, record.clone(), 409).await;

    clock.advance(TimeDelta::days(32));
    let cast = cast.again(&app).await;
    let nobody = "00000000-0000-4000-8000-000000000000";
    send(&app, &cast.officer, "POST", &format!("{meetings}/{nobody}/minutes"), record.clone(), 404).await;
    let recorded = send(&app, &cast.head, "POST", &minutes, record.clone(), 200).await;
    assert_eq!(recorded["minutes"]["attendance"], 38);
    send(&app, &cast.head, "POST", &minutes, record, 409).await;
    let page = app.get(&public_path(&path)).await.json();
    assert_eq!(page["meetings"][0]["minutes"]["text"], "38 hộ dự; 12 ý kiến về giá đất.");
    assert_eq!(page["meetings"][0]["place"], "Hội trường UBND phường Phú Xuân");
}
