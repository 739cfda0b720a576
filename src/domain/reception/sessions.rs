//! A reception session as the schedule keeps it: when and where, who receives, how many may book,
//! and what it came to once recorded.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::domain::ids::{AgencyId, PetitionId, ReceptionBookingId, ReceptionSessionId, UserId};

crate::text_enum! {
    /// Who receives: the head in person, or a deputy the head authorised. Only the head's own
    /// sessions count towards the legal minimum, which the law puts on the head personally.
    pub enum Receiver {
        Head => "head",
        Deputy => "deputy",
    }
}

crate::text_enum! {
    /// Where a session stands.
    pub enum SessionStatus {
        /// Published, not yet recorded.
        Scheduled => "scheduled",
        /// Recorded as held.
        Held => "held",
        /// Recorded as not held, with the reason.
        NotHeld => "not_held",
        /// Withdrawn from the schedule before its day, with the reason.
        Cancelled => "cancelled",
    }
}

impl SessionStatus {
    /// Whether the session counts towards the month's minimum: held, or still on the schedule.
    pub fn counts(self) -> bool {
        matches!(self, SessionStatus::Scheduled | SessionStatus::Held)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceptionSession {
    pub id: ReceptionSessionId,
    pub agency_id: AgencyId,
    pub held_on: NaiveDate,
    pub starts_at: NaiveTime,
    pub ends_at: NaiveTime,
    pub place: String,
    pub receiver: Receiver,
    /// The official who receives: the head or the deputy, by name and title — public officials
    /// acting in office.
    pub receiver_name: String,
    pub capacity: i32,
    pub booked: i32,
    pub status: SessionStatus,
    /// Why it was cancelled or not held.
    pub status_note: Option<String>,
    pub record: Option<SessionRecord>,
    /// The petitions received at the session, linked when it was recorded.
    pub petition_ids: Vec<PetitionId>,
    pub scheduled_by: UserId,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

/// What a held session came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    /// How many citizens were received, booked or not.
    pub attended: i32,
    pub summary: String,
    pub recorded_by: UserId,
    pub recorded_at: NaiveDateTime,
}

/// A citizen's booked slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Booking {
    pub id: ReceptionBookingId,
    pub session_id: ReceptionSessionId,
    pub citizen_id: UserId,
    /// The slot's number in the session's order, from 1.
    pub position: i32,
    /// What the citizen comes about.
    pub subject: String,
    pub created_at: NaiveDateTime,
}

/// Why a session may not be booked on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotBookable {
    NoLongerScheduled,
    Past,
    Full,
}

impl ReceptionSession {
    pub fn bookable(&self, today: NaiveDate) -> Result<(), NotBookable> {
        if self.status != SessionStatus::Scheduled {
            Err(NotBookable::NoLongerScheduled)
        } else if self.held_on < today {
            Err(NotBookable::Past)
        } else if self.booked >= self.capacity {
            Err(NotBookable::Full)
        } else {
            Ok(())
        }
    }

    /// A session is recorded on its day or after, once.
    pub fn recordable(&self, today: NaiveDate) -> bool {
        self.status == SessionStatus::Scheduled && self.held_on <= today
    }

    /// A session is withdrawn from the schedule before its day.
    pub fn cancellable(&self, today: NaiveDate) -> bool {
        self.status == SessionStatus::Scheduled && self.held_on >= today
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(status: SessionStatus, held_on: &str, booked: i32) -> ReceptionSession {
        ReceptionSession {
            id: ReceptionSessionId::from(uuid::Uuid::nil()),
            agency_id: AgencyId::from(uuid::Uuid::nil()),
            held_on: held_on.parse().unwrap(),
            starts_at: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            ends_at: NaiveTime::from_hms_opt(11, 0, 0).unwrap(),
            place: "Trụ sở".into(),
            receiver: Receiver::Head,
            receiver_name: "Chủ tịch".into(),
            capacity: 2,
            booked,
            status,
            status_note: None,
            record: None,
            petition_ids: Vec::new(),
            scheduled_by: UserId::from(uuid::Uuid::nil()),
            created_at: NaiveDateTime::default(),
            updated_at: NaiveDateTime::default(),
        }
    }

    #[test]
    fn a_scheduled_session_is_bookable_until_its_day_while_slots_remain() {
        let today = "2026-07-10".parse().unwrap();
        assert_eq!(session(SessionStatus::Scheduled, "2026-07-10", 1).bookable(today), Ok(()));
        assert_eq!(session(SessionStatus::Scheduled, "2026-07-09", 0).bookable(today), Err(NotBookable::Past));
        assert_eq!(session(SessionStatus::Scheduled, "2026-07-11", 2).bookable(today), Err(NotBookable::Full));
        assert_eq!(
            session(SessionStatus::Cancelled, "2026-07-11", 0).bookable(today),
            Err(NotBookable::NoLongerScheduled)
        );
    }

    #[test]
    fn a_session_is_recorded_from_its_day_and_cancelled_only_before_it() {
        let today = "2026-07-10".parse().unwrap();
        assert!(session(SessionStatus::Scheduled, "2026-07-10", 0).recordable(today));
        assert!(!session(SessionStatus::Scheduled, "2026-07-11", 0).recordable(today));
        assert!(!session(SessionStatus::Held, "2026-07-01", 0).recordable(today));
        assert!(session(SessionStatus::Scheduled, "2026-07-10", 0).cancellable(today));
        assert!(!session(SessionStatus::Scheduled, "2026-07-09", 0).cancellable(today));
    }
}
