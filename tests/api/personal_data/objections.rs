//! Objecting to what the law does not require: e-mailed news of one's petitions stops; the
//! receipt and the handling the law requires go on; the register counts each change.

use serde_json::json;

use crate::petitions::{NOW, complaint, file_as};
use crate::workflow::{done, people};

#[actix_web::test]
async fn a_petitioner_who_objects_gets_no_emailed_news_until_they_withdraw_the_objection() {
    let app = crate::helpers::spawn_app_at(NOW).await;
    let p = people(&app).await;
    let processing = "/api/v1/me/processing";
    assert_eq!(app.get_as(&p.citizen.access_token, processing).await.json(), json!({ "email_updates": true }));
    let bad = app.send_json_as(&p.citizen.access_token, "PUT", processing, &json!({ "email_updates": "no" })).await;
    bad.assert_problem(422, "validation_failed");

    let objected =
        app.send_json_as(&p.citizen.access_token, "PUT", processing, &json!({ "email_updates": false })).await;
    assert_eq!(objected.json(), json!({ "email_updates": false }));
    // Saying it again changes nothing and records nothing more.
    app.send_json_as(&p.citizen.access_token, "PUT", processing, &json!({ "email_updates": false })).await;

    let filed = file_as(&app, &p.citizen, &complaint()).await;
    app.mailbox.wait_for_text(&p.citizen.email, "Mã tra cứu", 1).await;
    let before = app.mailbox.messages_to(&p.citizen.email).len();
    done(&app, &p.triage_officer, &filed, "accept", json!({ "complexity": "normal" })).await;
    let accepted_news = app.mailbox.wait_for(&p.triage_head.email, 1).await;
    assert!(!accepted_news.is_empty(), "the head hears of it: the outbox has delivered the step's mail");
    assert_eq!(app.mailbox.messages_to(&p.citizen.email).len(), before, "no news by e-mail after the objection");

    let allowed = app.send_json_as(&p.citizen.access_token, "PUT", processing, &json!({ "email_updates": true })).await;
    assert_eq!(allowed.json(), json!({ "email_updates": true }));
    let question = json!({ "question": "Xin bổ sung bản sao quyết định bồi thường đã nhận được?" });
    done(&app, &p.triage_officer, &filed, "request-information", question).await;
    app.mailbox.wait_for_text(&p.citizen.email, "bổ sung", 1).await;

    let register = app.get_as(&p.admin.access_token, "/api/v1/admin/data-requests").await.json();
    let outcomes: Vec<&str> = register["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "objection")
        .map(|r| r["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes.len(), 2, "{outcomes:?}");
    assert!(outcomes.contains(&"objects to email_updates") && outcomes.contains(&"no longer objects to email_updates"));
}
