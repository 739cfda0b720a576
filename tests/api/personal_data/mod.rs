//! Personal data as Law 91/2025/QH15 and Decree 356/2025/NĐ-CP require: the privacy notice and
//! the version each person was shown, their export and erasure, the access log of staff reads,
//! retention that ends, and breaches told to the people they touched exactly once.

mod access_log;
mod breaches;
mod corrections;
mod erasure;
mod export;
mod notice;
mod objections;
mod retention;

use serde_json::{Value, json};

use crate::helpers::{SignedInUser, TestApp};
use crate::workflow::{People, done};
use pakn::service::shutdown::Shutdown;

/// A feedback filed by the citizen, answered by the coordinating office and rated: resolved, and
/// closed by the deadline sweep once nothing follows for `PAKN_AUTO_CLOSE_DAYS`.
pub async fn answered_feedback(app: &TestApp, p: &People, title: &str) -> Value {
    let filed = crate::petitions::file_as(app, &p.citizen, &crate::petitions::feedback(title)).await;
    done(app, &p.triage_officer, &filed, "accept", json!({ "complexity": "normal" })).await;
    let answer = json!({ "outcome": "answered", "answer": "Đã thu gom bãi rác và lắp biển cấm đổ rác tại khu vực." });
    done(app, &p.triage_head, &filed, "resolve", answer).await;
    let rated = done(app, &p.citizen, &filed, "rate", json!({ "rating": "satisfied" })).await;
    assert_eq!(rated["status"], "resolved");
    rated
}

/// The body of `GET path` as `user`, as text, after checking it answered 200.
pub async fn text_of(app: &TestApp, user: &SignedInUser, path: &str) -> String {
    let response = app.get_as(&user.access_token, path).await;
    assert_eq!(response.status, 200, "{path}: {}", String::from_utf8_lossy(&response.body));
    String::from_utf8_lossy(&response.body).into_owned()
}

/// Runs the deadline sweep, which closes what was resolved long enough ago.
pub fn sweep(app: &TestApp) {
    app.with_connection(|c| pakn::service::handling::sweep::sweep(c, &app.context, &Shutdown::default())).unwrap();
}

/// A denunciation naming nobody it is about: in the coordinating office's queue, confidential by
/// law, its denouncer's identity sealed.
pub fn sealed_denunciation() -> Value {
    json!({
        "kind": "denunciation",
        "category": "land",
        "title": "Tố cáo cán bộ địa chính nhận tiền",
        "description": "Cán bộ địa chính phường nhận tiền để hợp thức hóa đất lấn chiếm, có người làm chứng.",
        "location": { "admin_unit_code": "19753" }
    })
}
