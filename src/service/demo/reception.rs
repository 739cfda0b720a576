//! `pakn seed --demo`, third part: the ward chairman's next two reception sessions, the demo
//! citizen booked on the first, so that the public schedule and each role have something to see.
//! Added once: nothing is scheduled when the ward already has upcoming sessions.

use chrono::TimeDelta;

use crate::db::reception::sessions::{self, Upcoming};
use crate::db::{DbConnection, agencies, users};
use crate::service::reception::{bookings, schedule};
use crate::service::{Context, ServiceError, ServiceResult};

/// Schedules the sessions and books one; returns how many sessions were scheduled.
pub fn seed(connection: &mut DbConnection, context: &Context) -> ServiceResult<usize> {
    let mut found = |email: &str| users::find_by_email(connection, email).map(|user| user.map(|u| u.actor()));
    let (Some(head), Some(citizen)) =
        (found("chutich.phuxuan@demo.pakn.invalid")?, found("congdan@demo.pakn.invalid")?)
    else {
        return Err(ServiceError::NotFound("the demo accounts are missing".into()));
    };
    let ward = agencies::find_by_code(connection, "ubnd-phuong-phu-xuan")?
        .ok_or_else(|| ServiceError::NotFound("the sample agency ubnd-phuong-phu-xuan is missing".into()))?
        .id;
    let upcoming = Upcoming { from: context.today(), agencies: Some(vec![ward.clone()]) };
    if sessions::count_upcoming(connection, &upcoming)? > 0 {
        return Ok(0);
    }
    let mut scheduled = Vec::new();
    for weeks in [1, 2] {
        let session = schedule::NewSession {
            held_on: context.today() + TimeDelta::weeks(weeks),
            starts_at: "08:00".into(),
            ends_at: "11:30".into(),
            place: "Phòng tiếp công dân, trụ sở UBND phường Phú Xuân".into(),
            receiver: "head".into(),
            receiver_name: "Chủ tịch UBND phường Phú Xuân".into(),
            capacity: Some(20),
        };
        scheduled.push(schedule::schedule(connection, context, &head, &ward, session)?.id);
    }
    let subject = "Hỏi về phương án bồi thường khi mở rộng đường Lê Lợi.";
    bookings::book(connection, context, &citizen, &scheduled[0], subject)?;
    Ok(scheduled.len())
}
