//! Public consultation: an agency publishes a plan for a window the rules allow, citizens comment
//! and support, the agency moderates, answers every comment and publishes its synthesis; people
//! following a unit hear of it; monitors see what the public does not.

mod agency_list;
mod documents;
mod findings;
mod inputs;
mod life;
mod meetings;
mod moderation;
mod overdue;
mod personal;
mod rules;
mod subscriptions;

use serde_json::{Value, json};

use crate::helpers::{GOOD_PASSWORD, SignedInUser, TestApp};

/// The day the tests start on, in Vietnam (the clock reads 10:00 there).
pub const TODAY: &str = "2026-11-26";

pub struct Cast {
    pub admin: SignedInUser,
    pub officer: SignedInUser,
    pub head: SignedInUser,
    pub officer_elsewhere: SignedInUser,
    pub monitor: SignedInUser,
    pub monitor_elsewhere: SignedInUser,
    pub an: SignedInUser,
    pub binh: SignedInUser,
    pub ward: String,
}

pub async fn cast(app: &TestApp) -> Cast {
    let admin = app.admin().await;
    let ward = app.agency_id("ubnd-phuong-phu-xuan").await;
    let elsewhere = app.agency_id("ubnd-xa-phu-vang").await;
    Cast {
        officer: app.staff(&admin, "officer", json!({ "agency_id": ward })).await,
        head: app.staff(&admin, "head", json!({ "agency_id": ward })).await,
        officer_elsewhere: app.staff(&admin, "officer", json!({ "agency_id": elsewhere })).await,
        monitor: app.staff(&admin, "monitor", json!({ "scope_admin_unit": "46" })).await,
        monitor_elsewhere: app.staff(&admin, "monitor", json!({ "scope_admin_unit": "19900" })).await,
        an: app.citizen_named("an@example.vn", "Trần Thị Ân").await,
        binh: app.citizen_named("binh@example.vn", "Lê Văn Bình").await,
        admin,
        ward,
    }
}

impl Cast {
    /// Everyone signs in again: after the clock moved days ahead, access tokens have expired.
    pub async fn again(self, app: &TestApp) -> Cast {
        let again = |user: SignedInUser| async move { app.login(&user.email, GOOD_PASSWORD).await };
        Cast {
            admin: again(self.admin).await,
            officer: again(self.officer).await,
            head: again(self.head).await,
            officer_elsewhere: again(self.officer_elsewhere).await,
            monitor: again(self.monitor).await,
            monitor_elsewhere: again(self.monitor_elsewhere).await,
            an: again(self.an).await,
            binh: again(self.binh).await,
            ..self
        }
    }
}

/// A land compensation plan for Phú Xuân ward, 30 days from today, with two sections.
pub fn land_plan() -> Value {
    json!({
        "kind": "land_compensation_plan",
        "title": "Phương án bồi thường dự án mở rộng đường Nguyễn Sinh Cung",
        "summary": "Phương án bồi thường, hỗ trợ, tái định cư cho 42 hộ có đất bị thu hồi.",
        "admin_unit_codes": ["19753"],
        "opens_on": TODAY,
        "closes_on": "2026-12-25",
        "sections": [
            { "number": 1, "heading": "Giá đất bồi thường", "text": "Theo bảng giá đất cụ thể." },
            { "number": 2, "heading": "Tái định cư", "text": "Bố trí tại khu tái định cư Bãi Dâu." }
        ]
    })
}

/// Sends `body` with `method` to `path` as `user`, expects `status`, and returns the JSON (or Null).
pub async fn send(app: &TestApp, user: &SignedInUser, method: &str, path: &str, body: Value, status: u16) -> Value {
    let response = app.send_json_as(&user.access_token, method, path, &body).await;
    assert_eq!(response.status, status, "{method} {path}: {}", String::from_utf8_lossy(&response.body));
    if response.body.is_empty() { Value::Null } else { response.json() }
}

/// A draft of `body` by `user`; returns its path.
pub async fn drafted(app: &TestApp, user: &SignedInUser, body: Value) -> String {
    let made = send(app, user, "POST", "/api/v1/consultations", body, 201).await;
    assert_eq!(made["status"], "draft");
    format!("/api/v1/consultations/{}", made["id"].as_str().unwrap())
}

/// The land plan, drafted and published by the ward's officer; returns its path.
pub async fn published(app: &TestApp, cast: &Cast) -> String {
    let path = drafted(app, &cast.officer, land_plan()).await;
    let done = send(app, &cast.officer, "POST", &format!("{path}/publish"), json!({}), 200).await;
    assert_eq!(done["status"], "open");
    path
}

/// The public page of the consultation at `path`.
pub fn public_path(path: &str) -> String {
    path.replace("/api/v1/consultations/", "/api/v1/public/consultations/")
}
