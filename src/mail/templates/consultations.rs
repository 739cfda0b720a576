//! Public consultation's e-mails: a consultation published about a unit the person follows; a
//! synthesis overdue, to the agency that owes it.

use super::{EmailContent, compose};
use crate::domain::account::Language;

/// `closes_on` is the last day comments are taken, as people in Vietnam write it.
pub fn consultation_published(
    language: Language,
    name: &str,
    agency: &str,
    title: &str,
    closes_on: &str,
    link: &str,
) -> EmailContent {
    match language {
        Language::Vietnamese => compose(
            language,
            "Lấy ý kiến nhân dân tại địa bàn bạn theo dõi".to_string(),
            name,
            &[
                format!("{agency} lấy ý kiến nhân dân về: {title}."),
                format!("Bạn có thể góp ý đến hết ngày {closes_on}."),
            ],
            Some(("Xem và góp ý", link)),
        ),
        Language::English => compose(
            language,
            "A public consultation in an area you follow".to_string(),
            name,
            &[
                format!("{agency} asks for the people's comments on: {title}."),
                format!("You may comment until {closes_on}."),
            ],
            Some(("Read and comment", link)),
        ),
    }
}

/// The agency's synthesis of a closed consultation is overdue: `closes_on` and `due_on` as people
/// in Vietnam write dates.
pub fn consultation_synthesis_overdue(
    language: Language,
    name: &str,
    title: &str,
    (closes_on, due_on): (&str, &str),
    link: &str,
) -> EmailContent {
    match language {
        Language::Vietnamese => compose(
            language,
            "Quá hạn công bố báo cáo tổng hợp, tiếp thu, giải trình ý kiến nhân dân".to_string(),
            name,
            &[
                format!("Cuộc lấy ý kiến \"{title}\" đã kết thúc ngày {closes_on}."),
                format!(
                    "Báo cáo tổng hợp, tiếp thu, giải trình các ý kiến phải công bố chậm nhất ngày {due_on} nhưng chưa được công bố."
                ),
                "Việc chậm công bố đã được ghi nhận và hiển thị cho Mặt trận Tổ quốc giám sát.".to_string(),
            ],
            Some(("Trả lời ý kiến và công bố báo cáo", link)),
        ),
        Language::English => compose(
            language,
            "A consultation's synthesis is overdue".to_string(),
            name,
            &[
                format!("The consultation \"{title}\" closed on {closes_on}."),
                format!("Its synthesis, answering every comment, was due by {due_on} and is not published."),
                "The delay is recorded and shown to the Fatherland Front's monitors.".to_string(),
            ],
            Some(("Answer the comments and publish the synthesis", link)),
        ),
    }
}
