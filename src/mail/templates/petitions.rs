//! The e-mails about petitions: the receipt, news to the petitioner, and work notices to staff.
//! Subjects never carry a tracking code or a title: administrators see subjects in the outbox.

use super::{EmailContent, compose};
use crate::domain::account::Language;
use crate::domain::notice::Notice;

/// The receipt of a petition: its tracking code, the acceptance deadline and the public status
/// link. `title` only when the address is the filer's own, proved address: a receipt to an address
/// nobody proved carries no words the filer wrote, so pakn cannot be used to send them anywhere.
/// Subjects never carry a tracking code or a title: administrators see subjects in the outbox.
pub fn petition_receipt(
    language: Language,
    name: &str,
    tracking_code: &str,
    title: Option<&str>,
    acceptance_due: chrono::NaiveDate,
    link: &str,
) -> EmailContent {
    let due = acceptance_due.format("%d/%m/%Y");
    match language {
        Language::Vietnamese => compose(
            language,
            "Đã tiếp nhận đơn của bạn".into(),
            name,
            &[
                match title {
                    Some(title) => format!("Đơn \"{title}\" của bạn đã được tiếp nhận. Mã tra cứu: {tracking_code}."),
                    None => format!("Đơn của bạn đã được tiếp nhận. Mã tra cứu: {tracking_code}."),
                },
                format!(
                    "Cơ quan có thẩm quyền sẽ xem xét thụ lý trước hết ngày {due}. Bạn có thể theo dõi tình trạng đơn bất cứ lúc nào bằng mã tra cứu."
                ),
            ],
            Some(("Theo dõi đơn", link)),
        ),
        Language::English => compose(
            language,
            "Your petition was received".into(),
            name,
            &[
                match title {
                    Some(title) => format!("Your petition \"{title}\" was received. Tracking code: {tracking_code}."),
                    None => format!("Your petition was received. Tracking code: {tracking_code}."),
                },
                format!(
                    "The competent agency will decide whether to accept it by the end of {due}. You can follow its status at any time with the tracking code."
                ),
            ],
            Some(("Follow my petition", link)),
        ),
    }
}

/// To the petitioner (or someone following a merged petition): a step in the handling, with the
/// words addressed to them (an answer, a question), and the public status link. The subject says
/// only that there is news.
pub fn petition_update(
    language: Language,
    name: &str,
    tracking_code: &str,
    notice: &Notice,
    words: Option<&str>,
    link: &str,
) -> EmailContent {
    let what = notice.in_language(language);
    let mut paragraphs = vec![match language {
        Language::Vietnamese => format!("Đơn mã {tracking_code}: {what}."),
        Language::English => format!("Petition {tracking_code}: {what}."),
    }];
    if let Some(words) = words {
        paragraphs.push(words.to_string());
    }
    let (subject, label) = match language {
        Language::Vietnamese => ("Có tin mới về đơn của bạn", "Theo dõi đơn"),
        Language::English => ("News of your petition", "Follow the petition"),
    };
    compose(language, subject.into(), name, &paragraphs, Some((label, link)))
}

/// To agency staff: something needs their attention. Only the tracking code and the step, in the
/// body: the petition itself (and any identity) is read in the application, behind sign-in.
pub fn work_notice(language: Language, name: &str, tracking_code: &str, notice: &Notice, link: &str) -> EmailContent {
    let what = notice.in_language(language);
    let (subject, paragraph, label) = match language {
        Language::Vietnamese => {
            ("[pakn] Một đơn cần anh/chị xem", format!("Đơn mã {tracking_code}: {what}."), "Mở đơn")
        }
        Language::English => (
            "[pakn] A petition needs your attention",
            format!("Petition {tracking_code}: {what}."),
            "Open the petition",
        ),
    };
    compose(language, subject.into(), name, &[paragraph], Some((label, link)))
}
