//! The answer on the public page: the decision for everyone to see once there is one, with the
//! answer's text as the head allows it published — the answer itself by default, nothing of a
//! denunciation's or a confidential petitioner's unless the head words it for publication.

use serde_json::{Value, json};

use crate::helpers::{TestApp, spawn_app_at};
use crate::petitions::{NOW, feedback, file_as};
use crate::workflow::{People, act, complaint_against, denunciation_of, done, people};

const NAME: &str = "Nguyễn Văn Dân";

async fn public_page(app: &TestApp, petition: &Value) -> Value {
    app.get(&format!("/api/v1/public/petitions/{}", petition["tracking_code"].as_str().unwrap())).await.json()
}

/// Accepts the complaint against the ward and resolves it with `extra` in the resolve body.
async fn resolve_complaint(app: &TestApp, p: &People, body: Value, extra: Value) -> Value {
    let filed = file_as(app, &p.citizen, &body).await;
    done(app, &p.ward_officer, &filed, "accept", json!({ "complexity": "normal" })).await;
    let mut resolve = json!({
        "outcome": "partly_upheld",
        "answer": format!("Trả lời ông {NAME}: mức bồi thường được điều chỉnh theo bảng giá đất năm 2026."),
        "decision_number": "15/QĐ-UBND",
        "decision_date": "2026-11-26"
    });
    resolve.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
    done(app, &p.ward_head, &filed, "resolve", resolve).await
}

#[actix_web::test]
async fn the_public_page_shows_the_answer_the_decision_and_the_day_answered() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let filed = file_as(&app, &p.citizen, &feedback("Đèn đường hỏng")).await;
    assert_eq!(public_page(&app, &filed).await["answer"], Value::Null, "no answer before the decision");
    done(&app, &p.triage_officer, &filed, "accept", json!({ "complexity": "normal" })).await;
    let answer = "Đội điện chiếu sáng đã thay bóng đèn trên đường Lê Lợi.";
    done(&app, &p.triage_head, &filed, "resolve", json!({ "outcome": "answered", "answer": answer })).await;

    let public = public_page(&app, &filed).await["answer"].clone();
    assert_eq!((public["outcome"].as_str(), public["text"].as_str()), (Some("answered"), Some(answer)));
    assert!(public["answered_at"].as_str().unwrap().starts_with("2026-11-26T"));
}

#[actix_web::test]
async fn a_head_publishes_their_own_wording_or_nothing_of_the_answer() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let wording = "Mức bồi thường được điều chỉnh theo bảng giá đất năm 2026.";
    let worded = resolve_complaint(&app, &p, complaint_against(&p.ward), json!({ "public_answer": wording })).await;
    assert_eq!(worded["answer"]["public_text"], wording, "the head sees what is published");
    let public = public_page(&app, &worded).await;
    assert_eq!(
        (public["answer"]["text"].as_str(), public["answer"]["decision_number"].as_str()),
        (Some(wording), Some("15/QĐ-UBND"))
    );
    assert!(!public.to_string().contains(NAME));

    let withheld = resolve_complaint(&app, &p, complaint_against(&p.ward), json!({ "public_answer": null })).await;
    let public = public_page(&app, &withheld).await;
    assert_eq!(
        (public["answer"]["outcome"].as_str(), &public["answer"]["text"]),
        (Some("partly_upheld"), &Value::Null)
    );
}

#[actix_web::test]
async fn nothing_of_a_confidential_petitioners_answer_is_published_by_default() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let mut confidential = complaint_against(&p.ward);
    confidential["confidential"] = json!(true);
    let resolved = resolve_complaint(&app, &p, confidential, json!({})).await;
    assert_eq!(resolved["answer"]["public_text"], Value::Null);
    let body = app.get(&format!("/api/v1/public/petitions/{}", resolved["tracking_code"].as_str().unwrap())).await;
    let page = String::from_utf8_lossy(&body.body).to_string();
    assert!(!page.contains(NAME) && !page.contains("bảng giá đất"), "{page}");
    assert_eq!(body.json()["answer"]["outcome"], "partly_upheld", "the outcome is public");
}

#[actix_web::test]
async fn a_denunciations_conclusion_is_published_only_as_the_head_words_it() {
    let app = spawn_app_at(NOW).await;
    let p = people(&app).await;
    let filed = file_as(&app, &p.citizen, &denunciation_of(&p.ward, "staff")).await;
    done(&app, &p.ward_head, &filed, "accept", json!({ "complexity": "normal" })).await;
    let answer = "Kết luận: cán bộ địa chính Lê Văn B đã nhận tiền; đề nghị kỷ luật.";
    let too_short = json!({ "outcome": "upheld", "answer": answer, "public_answer": "ngắn" });
    let refused = act(&app, &p.ward_head, &filed, "resolve", too_short).await.assert_problem(422, "validation_failed");
    assert_eq!(refused["errors"][0]["field"], "public_answer");
    assert_eq!(public_page(&app, &filed).await["status"], "accepted", "a refused answer changes nothing");

    done(&app, &p.ward_head, &filed, "resolve", json!({ "outcome": "upheld", "answer": answer })).await;
    let public = public_page(&app, &filed).await;
    assert_eq!((public["answer"]["outcome"].as_str(), &public["answer"]["text"]), (Some("upheld"), &Value::Null));
    assert!(!public.to_string().contains("Lê Văn B"));
}
