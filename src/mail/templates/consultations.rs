//! Public consultation's e-mails: a consultation published about a unit the person follows.

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
