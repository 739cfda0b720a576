//! Citizen-reception e-mails: a booked slot confirmed, a session withdrawn from the schedule.

use super::{EmailContent, compose};
use crate::domain::account::Language;

/// When and where a session is, as a booking or a cancellation names it.
#[derive(Debug, Clone, Copy)]
pub struct SessionWords<'a> {
    pub agency: &'a str,
    /// `dd/mm/yyyy`.
    pub day: &'a str,
    /// `HH:MM–HH:MM`.
    pub hours: &'a str,
    pub place: &'a str,
    pub receiver: &'a str,
}

pub fn reception_booked(language: Language, name: &str, at: SessionWords, position: i32, link: &str) -> EmailContent {
    let SessionWords { agency, day, hours, place, receiver } = at;
    match language {
        Language::Vietnamese => compose(
            language,
            format!("Đã đăng ký lịch tiếp công dân ngày {day}"),
            name,
            &[
                format!(
                    "Bạn đã đăng ký gặp {receiver} ({agency}) tại buổi tiếp công dân ngày {day}, {hours}, tại {place}."
                ),
                format!("Số thứ tự của bạn: {position}. Vui lòng mang theo giấy tờ tùy thân và tài liệu liên quan."),
            ],
            Some(("Xem lịch tiếp công dân", link)),
        ),
        Language::English => compose(
            language,
            format!("Your citizen-reception slot on {day}"),
            name,
            &[
                format!(
                    "You are booked to meet {receiver} ({agency}) at the citizen-reception session on {day}, {hours}, at {place}."
                ),
                format!(
                    "Your number: {position}. Please bring an identity document and the papers your visit is about."
                ),
            ],
            Some(("See the reception schedule", link)),
        ),
    }
}

pub fn reception_cancelled(language: Language, name: &str, at: SessionWords, reason: &str, link: &str) -> EmailContent {
    let SessionWords { agency, day, hours, place, .. } = at;
    match language {
        Language::Vietnamese => compose(
            language,
            format!("Buổi tiếp công dân ngày {day} đã bị hủy"),
            name,
            &[
                format!(
                    "Buổi tiếp công dân của {agency} ngày {day}, {hours}, tại {place} mà bạn đã đăng ký đã bị hủy. Lý do:"
                ),
                reason.to_string(),
                "Bạn có thể đăng ký một buổi khác trong lịch tiếp công dân.".to_string(),
            ],
            Some(("Xem lịch tiếp công dân", link)),
        ),
        Language::English => compose(
            language,
            format!("The citizen-reception session on {day} was cancelled"),
            name,
            &[
                format!(
                    "The citizen-reception session of {agency} on {day}, {hours}, at {place}, which you booked, was cancelled. The reason:"
                ),
                reason.to_string(),
                "You may book another session on the reception schedule.".to_string(),
            ],
            Some(("See the reception schedule", link)),
        ),
    }
}

/// A head's month judged short of the legal minimum of reception days.
pub fn reception_month_short(
    language: Language,
    name: &str,
    month: &str,
    (required, counted): (i32, i32),
    basis: &str,
    link: &str,
) -> EmailContent {
    match language {
        Language::Vietnamese => compose(
            language,
            format!("Số ngày tiếp công dân tháng {month} chưa đủ mức tối thiểu"),
            name,
            &[
                format!(
                    "Trong tháng {month}, đồng chí trực tiếp tiếp công dân {counted} ngày, trong khi quy định yêu cầu {required} ngày."
                ),
                format!("Căn cứ: {basis}"),
            ],
            Some(("Xem lịch tiếp công dân", link)),
        ),
        Language::English => compose(
            language,
            format!("Citizen-reception days in {month} fell short of the minimum"),
            name,
            &[
                format!("In {month} you received citizens in person on {counted} days; the minimum is {required}."),
                format!("Basis: {basis}"),
            ],
            Some(("See the reception schedule", link)),
        ),
    }
}
