//! Dialogue meetings about a consultation: scheduled by the agency with a time, place and agenda;
//! once held, their minutes and attendance. Land Law 2024 Art. 87(3)(a) has a compensation plan
//! discussed at a direct meeting with the people whose land is recovered right after its posting.

use chrono::NaiveDateTime;

use crate::domain::ids::{ConsultationId, ConsultationMeetingId, UserId};

/// What was recorded after a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Minutes {
    pub attendance: i32,
    pub text: String,
    pub recorded_by: UserId,
    pub recorded_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub id: ConsultationMeetingId,
    pub consultation_id: ConsultationId,
    pub held_at: NaiveDateTime,
    pub place: String,
    pub agenda: String,
    pub scheduled_by: UserId,
    pub scheduled_at: NaiveDateTime,
    pub minutes: Option<Minutes>,
}

impl Meeting {
    /// Minutes are recorded once, after the meeting's time.
    pub fn may_record_minutes(&self, now: NaiveDateTime) -> Result<(), &'static str> {
        if self.minutes.is_some() {
            Err("the meeting's minutes are already recorded")
        } else if now < self.held_at {
            Err("the meeting has not been held yet")
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_come_once_and_only_after_the_meeting() {
        let at = |text: &str| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap();
        let user = UserId::parse("7f1c2a52-0000-4000-8000-0000000000aa").unwrap();
        let mut meeting = Meeting {
            id: ConsultationMeetingId::parse("7f1c2a52-0000-4000-8000-000000000001").unwrap(),
            consultation_id: ConsultationId::parse("7f1c2a52-0000-4000-8000-000000000002").unwrap(),
            held_at: at("2026-12-26 01:00"),
            place: "Hội trường".into(),
            agenda: "Đối thoại".into(),
            scheduled_by: user.clone(),
            scheduled_at: at("2026-11-26 01:00"),
            minutes: None,
        };
        assert!(meeting.may_record_minutes(at("2026-12-26 00:59")).is_err());
        assert_eq!(meeting.may_record_minutes(at("2026-12-26 01:00")), Ok(()));
        meeting.minutes = Some(Minutes {
            attendance: 40,
            text: "Biên bản".into(),
            recorded_by: user,
            recorded_at: at("2026-12-26 03:00"),
        });
        assert!(meeting.may_record_minutes(at("2026-12-27 00:00")).is_err());
    }
}
