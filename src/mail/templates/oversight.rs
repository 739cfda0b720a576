//! Supervision's e-mails: a published anchor of the audit chain to the monitors who asked for it
//! (kept outside pakn, it proves later that nothing before it was changed), the steps of a
//! recommendation to the head who must answer it and the one who issued it, and a closure
//! contested by a closure check to the head whose agency answered it.

use super::{EmailContent, compose};
use crate::domain::account::{Language, OversightBody};

/// `published` is the time as people in Vietnam read it.
pub fn audit_anchor(
    language: Language,
    name: &str,
    position: i64,
    hash: &str,
    published: &str,
    anchors_link: &str,
) -> EmailContent {
    match language {
        Language::Vietnamese => compose(
            language,
            format!("Mốc kiểm chứng nhật ký hệ thống: bản ghi {position}"),
            name,
            &[
                format!("Lúc {published}, nhật ký sự kiện của hệ thống có {position} bản ghi đã được niêm phong. Mã băm SHA-256 của bản ghi cuối cùng là:"),
                hash.to_string(),
                "Hãy lưu lại thư này. Nếu về sau kết quả kiểm tra chuỗi nhật ký cho mã băm khác tại cùng vị trí, nghĩa là nhật ký đã bị sửa sau thời điểm này.".into(),
            ],
            Some(("Các mốc đã công bố", anchors_link)),
        ),
        Language::English => compose(
            language,
            format!("Audit log anchor: entry {position}"),
            name,
            &[
                format!("At {published}, the service's event log held {position} sealed entries. The SHA-256 hash of the last one is:"),
                hash.to_string(),
                "Keep this message. If verifying the log later gives another hash at the same position, the log was changed after this moment.".into(),
            ],
            Some(("Published anchors", anchors_link)),
        ),
    }
}

/// The kind of work each body does and its name, in Vietnamese and English.
fn words_of(body: OversightBody) -> (&'static str, &'static str, &'static str, &'static str) {
    match body {
        OversightBody::FatherlandFront => ("giám sát", "supervision", "Mặt trận Tổ quốc", "the Fatherland Front"),
        OversightBody::SteeringCommittee => (
            "kiểm tra",
            "inspection",
            "Ban chỉ đạo thực hiện Quy chế dân chủ ở cơ sở",
            "the grassroots democracy steering committee",
        ),
    }
}

/// What happened to a recommendation after supervision (the Front's) or inspection (a steering
/// committee's), to the head who must answer it or the one who issued it: `what` is the step in
/// each language, `text` the words that came with it.
pub fn recommendation_update(
    language: Language,
    name: &str,
    body: OversightBody,
    what: (&str, &str),
    text: &str,
    respond_by: &str,
    link: &str,
) -> EmailContent {
    let (kind_vi, kind_en, by_vi, by_en) = words_of(body);
    match language {
        Language::Vietnamese => compose(
            language,
            format!("Kiến nghị sau {kind_vi}: {}", what.0),
            name,
            &[format!("Kiến nghị sau {kind_vi} của {by_vi} {}. Hạn trả lời: {respond_by}.", what.0), text.to_string()],
            Some(("Xem kiến nghị", link)),
        ),
        Language::English => compose(
            language,
            format!("Recommendation after {kind_en}: {}", what.1),
            name,
            &[
                format!("A recommendation after {kind_en} by {by_en} {}. Respond by: {respond_by}.", what.1),
                text.to_string(),
            ],
            Some(("See the recommendation", link)),
        ),
    }
}

/// A closure check found that the agency's answer to a petition did not match the facts: to the
/// head of that agency, with the checker's note. The petition is named by its tracking code only.
pub fn closure_contested(
    language: Language,
    name: &str,
    body: OversightBody,
    tracking_code: &str,
    note: &str,
    link: &str,
) -> EmailContent {
    let (kind_vi, kind_en, by_vi, by_en) = words_of(body);
    match language {
        Language::Vietnamese => compose(
            language,
            format!("Kết quả giải quyết đơn {tracking_code} bị phản bác khi {kind_vi}"),
            name,
            &[
                format!(
                    "Khi {kind_vi} việc giải quyết đơn, {by_vi} nhận định câu trả lời của cơ quan cho đơn {tracking_code} không khớp với thực tế:"
                ),
                note.to_string(),
            ],
            Some(("Xem đợt kiểm tra", link)),
        ),
        Language::English => compose(
            language,
            format!("The answer to petition {tracking_code} was contested on {kind_en}"),
            name,
            &[
                format!(
                    "Checking how petitions were resolved, {by_en} found that your agency's answer to petition {tracking_code} did not match the facts:"
                ),
                note.to_string(),
            ],
            Some(("See the check", link)),
        ),
    }
}
