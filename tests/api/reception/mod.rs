//! Citizen-reception days: a head's session from the schedule to its record, bookings, and each
//! head's month judged against the legal minimum in force that month.

mod minimum;
mod sessions;

use serde_json::{Value, json};

use crate::helpers::{SignedInUser, TestApp};

/// The head of `agency` receives in person `days_ahead` days from the app's today, 08:00–11:00.
pub async fn schedule(app: &TestApp, head: &SignedInUser, agency: &str, days_ahead: i64) -> Value {
    let day = app.context.today() + chrono::TimeDelta::days(days_ahead);
    schedule_on(app, head, agency, &day.to_string(), "head").await
}

pub async fn schedule_on(app: &TestApp, staff: &SignedInUser, agency: &str, day: &str, receiver: &str) -> Value {
    let body = json!({
        "held_on": day, "starts_at": "08:00", "ends_at": "11:00",
        "place": "Phòng tiếp công dân, trụ sở UBND phường", "receiver": receiver,
        "receiver_name": "Chủ tịch UBND phường Phú Xuân", "capacity": 2
    });
    let path = format!("/api/v1/agencies/{agency}/reception-sessions");
    let response = app.send_json_as(&staff.access_token, "POST", &path, &body).await;
    assert_eq!(response.status, 201, "{}", String::from_utf8_lossy(&response.body));
    response.json()
}
