//! The e-mail that carries a published anchor of the audit chain to the monitors who asked for
//! it: kept outside pakn, it lets them prove later that nothing before it was changed.

use super::{EmailContent, compose};
use crate::domain::account::Language;

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
