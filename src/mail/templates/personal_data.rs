//! The e-mail about a person's own data: a breach notice, in the words the administrator decided
//! to send, and where to read the privacy notice and exercise their rights. The subject names no
//! petition.

use super::{EmailContent, compose};
use crate::domain::account::Language;

pub fn breach_notice(language: Language, name: &str, notice: &str, privacy_link: &str) -> EmailContent {
    match language {
        Language::Vietnamese => compose(
            language,
            "Thông báo về sự cố dữ liệu cá nhân của bạn".into(),
            name,
            &[
                notice.to_string(),
                "Bạn có thể xem toàn bộ dữ liệu hệ thống giữ về bạn và nhật ký truy cập dữ liệu đó, và thực hiện các quyền của mình theo Luật Bảo vệ dữ liệu cá nhân.".into(),
            ],
            Some(("Thông báo xử lý dữ liệu cá nhân", privacy_link)),
        ),
        Language::English => compose(
            language,
            "A notice about your personal data".into(),
            name,
            &[
                notice.to_string(),
                "You can see all the data the service holds about you and the log of who read it, and exercise your rights under the Law on Personal Data Protection.".into(),
            ],
            Some(("Privacy notice", privacy_link)),
        ),
    }
}
