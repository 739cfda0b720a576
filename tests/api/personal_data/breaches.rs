//! A breach: recorded with the 72-hour deadline to notify the authority (Law 91/2025/QH15
//! Art. 23(1)), and told to the people it touched once, each at their own address — a
//! confidential petitioner's hidden from the outbox view — however many times, or from however
//! many places, the administrator asks.

use serde_json::json;

use super::sealed_denunciation;

use crate::helpers::spawn_app_at;
use crate::petitions::{NOW, file_as};
use crate::workflow::{both, people};

const DENOUNCER: &str = "to.cao@example.vn";

#[actix_web::test]
async fn a_breach_is_told_to_the_people_it_touched_exactly_once() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let denouncer = app.citizen_named(DENOUNCER, "Người Tố Cáo").await;
    let confidential = file_as(&app, &denouncer, &sealed_denunciation()).await;
    let breaches = "/api/v1/admin/breaches";

    let report = |discovered: &str| {
        json!({
            "summary": "Một bản sao lưu cơ sở dữ liệu bị để công khai trên máy chủ thử nghiệm trong 6 giờ.",
            "occurred_at": "2026-11-25T20:00:00+07:00",
            "discovered_at": discovered,
            "user_ids": [p.citizen.id],
            "petition_ids": [confidential["id"]]
        })
    };
    let future = app.send_json_as(&p.admin.access_token, "POST", breaches, &report("2026-11-27T08:00:00+07:00")).await;
    assert_eq!(future.assert_problem(422, "validation_failed")["errors"][0]["field"], "discovered_at");
    let mut unknown = report("2026-11-26T08:00:00+07:00");
    unknown["user_ids"] = json!([uuid::Uuid::new_v4().to_string()]);
    let unknown = app.send_json_as(&p.admin.access_token, "POST", breaches, &unknown).await;
    assert_eq!(unknown.assert_problem(422, "validation_failed")["errors"][0]["field"], "user_ids[0]");
    app.send_json_as(&p.triage_head.access_token, "POST", breaches, &report("2026-11-26T08:00:00+07:00"))
        .await
        .assert_problem(403, "forbidden");

    let recorded =
        app.send_json_as(&p.admin.access_token, "POST", breaches, &report("2026-11-26T08:00:00+07:00")).await;
    assert_eq!(recorded.status, 201, "{}", String::from_utf8_lossy(&recorded.body));
    let breach = recorded.json();
    assert_eq!(breach["authority_due_at"], "2026-11-29T08:00:00+07:00", "72 hours after discovery");
    assert_eq!(breach["authority_overdue"], false);
    let path = format!("{breaches}/{}", breach["id"].as_str().unwrap());

    let notify = format!("{path}/notify");
    let notice = json!({ "notice": "Dữ liệu liên hệ của bạn có thể đã bị lộ. Chúng tôi đã khóa bản sao lưu và đổi khóa truy cập." });
    let (one, two) = both(
        app.send_json_as(&p.admin.access_token, "POST", &notify, &notice),
        app.send_json_as(&p.admin.access_token, "POST", &notify, &notice),
    )
    .await;
    let mut statuses = [one.status, two.status];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "one notification, however many asks");
    let sent = if one.status == 200 { one.json() } else { two.json() };
    assert_eq!(sent["emails_queued"], 2);
    assert!(sent["breach"]["people_notified_at"].is_string());
    for address in [p.citizen.email.as_str(), DENOUNCER] {
        let told = app.mailbox.wait_for_text(address, "có thể đã bị lộ", 1).await;
        assert_eq!(told.len(), 1, "{address}");
        assert!(
            !told[0].subject().contains("tố cáo")
                && !told[0].subject().contains(confidential["tracking_code"].as_str().unwrap())
        );
    }
    app.send_json_as(&p.admin.access_token, "POST", &notify, &notice).await.assert_problem(409, "conflict");
    let outbox = app.get_as(&p.admin.access_token, "/api/v1/admin/emails?limit=100").await.json();
    assert!(
        outbox["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["to_address"] != DENOUNCER || e["subject"] == "Xác nhận địa chỉ thư điện tử của bạn")
    );

    let authority = format!("{path}/authority-notified");
    let late = json!({ "notified_at": "2026-11-26T09:30:00+07:00" });
    let told = app.send_json_as(&p.admin.access_token, "POST", &authority, &late).await;
    assert_eq!(told.status, 200, "{}", String::from_utf8_lossy(&told.body));
    assert_eq!(told.json()["authority_notified_at"], "2026-11-26T09:30:00+07:00");
    app.send_json_as(&p.admin.access_token, "POST", &authority, &late).await.assert_problem(409, "conflict");

    let listed = app.get_as(&p.admin.access_token, breaches).await.json();
    assert_eq!(listed["items"][0]["affected_petition_ids"], json!([confidential["id"]]));
    assert_eq!(app.get_as(&p.admin.access_token, &path).await.json()["notice"], notice["notice"]);
    app.get_as(&p.admin.access_token, &format!("{breaches}/{}", uuid::Uuid::new_v4()))
        .await
        .assert_problem(404, "not_found");
}
