//! The data-protection rules: how long each kind of record keeps personal data, and the law's
//! clocks (answering a person's request, notifying a breach). Each is a period an administrator
//! may edit, naming the article it comes from; the shipped defaults are `shipped_rules`.

use chrono::{Months, NaiveDateTime, TimeDelta};

use crate::domain::FieldError;
use crate::domain::ids::UserId;

crate::text_enum! {
    /// What a rule governs.
    pub enum RuleName {
        /// Sign-in sessions and their refresh tokens, counted from when the session ended.
        Sessions => "sessions",
        /// One-time links (address confirmation, password reset, invitation), from their expiry.
        OneTimeTokens => "one_time_tokens",
        /// Counters of repeated attempts, from the start of their window.
        Throttles => "throttles",
        /// Remembered answers to repeated filings (they hold the petitioner's details).
        IdempotencyKeys => "idempotency_keys",
        /// A sent e-mail's recipient and subject, from its delivery.
        SentMail => "sent_mail",
        /// The petitioner of a closed feedback, proposal or complaint, from its closing.
        ClosedPetitioners => "closed_petitioners",
        /// The denouncer of a closed denunciation, from its closing.
        Denouncers => "denouncers",
        /// The log of staff reading personal data, from the read.
        DataReads => "data_reads",
        /// Citizens' bookings at reception sessions (who came about what), from the session's day.
        ReceptionBookings => "reception_bookings",
        /// Citizens' comments on consultations and their supports, from the synthesis's publication.
        ConsultationComments => "consultation_comments",
        /// How long pakn has to let a person see, correct or have a copy of their data.
        AccessRequestResponse => "access_request_response",
        /// How long pakn has to carry out a person's request to erase their data.
        ErasureRequestResponse => "erasure_request_response",
        /// How long pakn has to carry out an objection to, or a restriction of, processing.
        ObjectionRequestResponse => "objection_request_response",
        /// How long after discovering a breach the authority must be notified.
        BreachNotification => "breach_notification",
    }
}

impl RuleName {
    /// A retention rule purges; the others are clocks.
    pub fn is_retention(self) -> bool {
        !matches!(
            self,
            RuleName::AccessRequestResponse
                | RuleName::ErasureRequestResponse
                | RuleName::ObjectionRequestResponse
                | RuleName::BreachNotification
        )
    }
}

crate::text_enum! {
    pub enum PeriodUnit {
        Hours => "hours",
        Days => "days",
        Years => "years",
    }
}

/// A length of time in the unit the law states it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub amount: u32,
    pub unit: PeriodUnit,
}

impl Period {
    pub const fn new(amount: u32, unit: PeriodUnit) -> Self {
        Period { amount, unit }
    }

    /// `at` plus the period; a year is a calendar year (29 February counts).
    pub fn after(self, at: NaiveDateTime) -> NaiveDateTime {
        match self.unit {
            PeriodUnit::Hours => at + TimeDelta::hours(i64::from(self.amount)),
            PeriodUnit::Days => at + TimeDelta::days(i64::from(self.amount)),
            PeriodUnit::Years => at.checked_add_months(Months::new(self.amount * 12)).unwrap_or(NaiveDateTime::MAX),
        }
    }

    /// `at` less the period: what began before this has been kept for the whole period.
    pub fn before(self, at: NaiveDateTime) -> NaiveDateTime {
        match self.unit {
            PeriodUnit::Hours => at - TimeDelta::hours(i64::from(self.amount)),
            PeriodUnit::Days => at - TimeDelta::days(i64::from(self.amount)),
            PeriodUnit::Years => at.checked_sub_months(Months::new(self.amount * 12)).unwrap_or(NaiveDateTime::MIN),
        }
    }

    /// The largest amount accepted in each unit (a century, however stated).
    fn largest(unit: PeriodUnit) -> u32 {
        match unit {
            PeriodUnit::Hours => 876_000,
            PeriodUnit::Days => 36_500,
            PeriodUnit::Years => 100,
        }
    }

    /// A period an administrator sent: at least one of its unit, at most a century.
    pub fn checked(amount: i64, unit: PeriodUnit, errors: &mut Vec<FieldError>) -> Option<Period> {
        match u32::try_from(amount) {
            Ok(amount) if amount >= 1 && amount <= Self::largest(unit) => Some(Period { amount, unit }),
            _ => {
                let message = format!("must be a whole number from 1 to {} {}", Self::largest(unit), unit.as_str());
                errors.push(FieldError::new("amount", message));
                None
            }
        }
    }
}

/// One rule as it now stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataProtectionRule {
    pub name: RuleName,
    pub period: Period,
    /// The article the period comes from, or why the deployment chose it.
    pub basis: String,
    pub changed_by: Option<UserId>,
    pub updated_at: NaiveDateTime,
}

/// Why short-lived records are kept no longer than their use (Law 91/2025/QH15 Art. 3(3) and
/// Art. 14(1)(b)): the length itself is the deployment's choice.
const PURPOSE_LIMITED: &str = "Luật 91/2025/QH15 Điều 3 khoản 3, Điều 14 khoản 1 điểm b: lưu trữ trong thời gian phù hợp với mục đích xử lý, xóa khi đã hoàn thành mục đích";

/// The rules pakn ships with: the period and the basis each comes from. `docs/privacy-law-notes.md`
/// says which articles were read in full and which periods still need the agency's confirmation.
pub fn shipped_rules() -> Vec<(RuleName, Period, String)> {
    use PeriodUnit::{Days, Hours, Years};
    let purpose = |what: &str| format!("{PURPOSE_LIMITED} ({what})");
    vec![
        (RuleName::Sessions, Period::new(30, Days), purpose("phiên đăng nhập, sau khi kết thúc")),
        (RuleName::OneTimeTokens, Period::new(7, Days), purpose("đường dẫn dùng một lần, sau khi hết hạn")),
        (RuleName::Throttles, Period::new(2, Days), purpose("bộ đếm lần thử, từ đầu kỳ đếm")),
        (RuleName::IdempotencyKeys, Period::new(24, Hours), purpose("câu trả lời ghi nhớ cho đơn gửi lại")),
        (RuleName::SentMail, Period::new(30, Days), purpose("người nhận và tiêu đề thư đã gửi")),
        (
            RuleName::ClosedPetitioners,
            Period::new(10, Years),
            "Luật 91/2025/QH15 Điều 14 khoản 1 điểm c (hết thời hạn lưu trữ theo quy định của pháp luật); \
             thời hạn bảo quản hồ sơ theo Thông tư 10/2022/TT-BNV: cơ quan phải đối chiếu danh mục hồ sơ của mình"
                .into(),
        ),
        (
            RuleName::Denouncers,
            Period::new(10, Years),
            "Luật Tố cáo 2018 Điều 9 khoản 1 điểm b, Điều 47 khoản 2 (giữ bí mật người tố cáo, không thời hạn); \
             giữ cùng hồ sơ giải quyết tố cáo theo Thông tư 10/2022/TT-BNV: cơ quan phải đối chiếu"
                .into(),
        ),
        (
            RuleName::DataReads,
            Period::new(5, Years),
            "Luật 91/2025/QH15 Điều 19 khoản 2 (cơ chế giám sát việc xử lý không cần sự đồng ý); \
             5 năm như hồ sơ vi phạm tại Nghị định 356/2025/NĐ-CP Điều 29 khoản 1 điểm c"
                .into(),
        ),
        (
            RuleName::ReceptionBookings,
            Period::new(1, Years),
            purpose(
                "đăng ký tiếp công dân: người đăng ký và nội dung, sau ngày tiếp; đơn nhận tại buổi tiếp được lưu cùng hồ sơ đơn",
            ),
        ),
        (
            RuleName::ConsultationComments,
            Period::new(5, Years),
            purpose(
                "ý kiến góp ý và lượt ủng hộ trong lấy ý kiến nhân dân, sau khi công bố báo cáo tổng hợp, tiếp thu, giải trình \
                 (một nhiệm kỳ 5 năm để người dân đối chiếu ý kiến của mình với câu trả lời); báo cáo tổng hợp và câu trả lời được giữ",
            ),
        ),
        (
            RuleName::AccessRequestResponse,
            Period::new(10, Days),
            "Nghị định 356/2025/NĐ-CP Điều 5 khoản 3 (xem, chỉnh sửa, cung cấp dữ liệu: 10 ngày)".into(),
        ),
        (
            RuleName::ErasureRequestResponse,
            Period::new(20, Days),
            "Nghị định 356/2025/NĐ-CP Điều 5 khoản 4 (xóa dữ liệu: 20 ngày)".into(),
        ),
        (
            RuleName::ObjectionRequestResponse,
            Period::new(15, Days),
            "Nghị định 356/2025/NĐ-CP Điều 5 khoản 2 (rút lại sự đồng ý, hạn chế, phản đối xử lý: 15 ngày)".into(),
        ),
        (
            RuleName::BreachNotification,
            Period::new(72, Hours),
            "Luật 91/2025/QH15 Điều 23 khoản 1 (thông báo cơ quan chuyên trách chậm nhất 72 giờ kể từ khi phát hiện)"
                .into(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn a_period_in_years_counts_calendar_years() {
        let leap_day = at("2024-02-29 10:00");
        assert_eq!(Period::new(1, PeriodUnit::Years).after(leap_day), at("2025-02-28 10:00"));
        assert_eq!(Period::new(10, PeriodUnit::Years).before(at("2036-01-01 00:00")), at("2026-01-01 00:00"));
        assert_eq!(Period::new(72, PeriodUnit::Hours).after(at("2026-11-30 08:00")), at("2026-12-03 08:00"));
    }

    #[test]
    fn a_period_is_at_least_one_of_its_unit_and_at_most_a_century() {
        let mut errors = Vec::new();
        assert_eq!(Period::checked(0, PeriodUnit::Days, &mut errors), None);
        assert_eq!(Period::checked(101, PeriodUnit::Years, &mut errors), None);
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].message, "must be a whole number from 1 to 36500 days");
        assert!(Period::checked(100, PeriodUnit::Years, &mut errors).is_some());
    }

    #[test]
    fn every_rule_ships_with_a_period_and_a_basis() {
        let shipped = shipped_rules();
        for name in RuleName::ALL {
            let (_, period, basis) = shipped.iter().find(|(n, ..)| n == name).expect("shipped");
            assert!(period.amount >= 1 && !basis.is_empty(), "{name:?}");
        }
        assert!(RuleName::Denouncers.is_retention() && !RuleName::BreachNotification.is_retention());
    }
}
