//! What each of a petition's codes is called, in Vietnamese and English: for reports, notices
//! and other standards' names.

use super::{Channel, Outcome, PetitionKind, Rating};

impl PetitionKind {
    /// The kind's name (Vietnamese, English).
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            PetitionKind::Complaint => ("Khiếu nại", "Complaint"),
            PetitionKind::Denunciation => ("Tố cáo", "Denunciation"),
            PetitionKind::Feedback => ("Phản ánh", "Feedback"),
            PetitionKind::Proposal => ("Kiến nghị", "Proposal"),
        }
    }
}

impl Outcome {
    /// What the answer decided (Vietnamese, English).
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            Outcome::Upheld => ("đúng", "upheld"),
            Outcome::PartlyUpheld => ("đúng một phần", "partly upheld"),
            Outcome::Rejected => ("không đúng", "rejected"),
            Outcome::Answered => ("đã trả lời", "answered"),
        }
    }
}

impl Rating {
    /// The petitioner's rating (Vietnamese, English).
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            Rating::Satisfied => ("hài lòng", "satisfied"),
            Rating::Acceptable => ("chấp nhận được", "acceptable"),
            Rating::Dissatisfied => ("không hài lòng", "dissatisfied"),
        }
    }
}

impl Channel {
    /// How it arrived (Vietnamese, English).
    pub fn words(self) -> (&'static str, &'static str) {
        match self {
            Channel::Web => ("Cổng thông tin điện tử", "Web"),
            Channel::Mobile => ("Ứng dụng di động", "Mobile app"),
            Channel::InPerson => ("Trực tiếp", "In person"),
            Channel::Post => ("Bưu chính", "Post"),
            Channel::Phone => ("Điện thoại", "Phone"),
            Channel::Email => ("Thư điện tử", "E-mail"),
            Channel::Open311 => ("Ứng dụng Open311", "Open311 app"),
        }
    }
}
