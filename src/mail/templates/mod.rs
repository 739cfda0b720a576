//! The words of every e-mail pakn sends, in Vietnamese (the default) and English, as plain text
//! and HTML. Templates receive only what the recipient may see: never anyone else's identity.

mod accounts;
mod consultations;
mod oversight;
mod personal_data;
mod petitions;
mod reception;

pub use accounts::*;
pub use consultations::*;
pub use oversight::*;
pub use personal_data::*;
pub use petitions::*;
pub use reception::*;

use crate::domain::account::Language;

/// A rendered message, ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailContent {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Escapes text for HTML bodies: names are typed by people.
pub fn escape_html(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '&' => "&amp;".to_string(),
            '"' => "&quot;".to_string(),
            '\'' => "&#39;".to_string(),
            other => other.to_string(),
        })
        .collect()
}

/// Greeting, paragraphs, an optional button link, and the footer, in both formats.
fn compose(
    language: Language,
    subject: String,
    name: &str,
    paragraphs: &[String],
    link: Option<(&str, &str)>,
) -> EmailContent {
    let (greeting, footer) = match language {
        Language::Vietnamese => (
            format!("Kính gửi {name},"),
            "Thư này được gửi tự động từ hệ thống tiếp nhận phản ánh, kiến nghị (pakn). Vui lòng không trả lời thư này.",
        ),
        Language::English => (
            format!("Dear {name},"),
            "This message was sent automatically by pakn, the feedback and petition service. Please do not reply.",
        ),
    };
    let mut text = format!("{greeting}\n\n");
    let mut html = format!("<p>{}</p>\n", escape_html(&greeting));
    for paragraph in paragraphs {
        text.push_str(paragraph);
        text.push_str("\n\n");
        html.push_str(&format!("<p>{}</p>\n", escape_html(paragraph)));
    }
    if let Some((label, url)) = link {
        text.push_str(&format!("{label}: {url}\n\n"));
        html.push_str(&format!("<p><a href=\"{}\">{}</a></p>\n", escape_html(url), escape_html(label)));
    }
    text.push_str(&format!("--\n{footer}\n"));
    html.push_str(&format!("<hr>\n<p><small>{}</small></p>\n", escape_html(footer)));
    EmailContent { subject, text, html }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::Role;
    use crate::domain::notice::Notice;

    #[test]
    fn a_message_carries_its_link_in_both_parts() {
        let content =
            verify_email(Language::Vietnamese, "Nguyễn Văn A", "https://pakn.hue.gov.vn/verify-email?token=abc");
        assert_eq!(content.subject, "Xác nhận địa chỉ thư điện tử của bạn");
        assert!(content.text.starts_with("Kính gửi Nguyễn Văn A,"));
        assert!(content.text.contains("https://pakn.hue.gov.vn/verify-email?token=abc"));
        assert!(content.html.contains("href=\"https://pakn.hue.gov.vn/verify-email?token=abc\""));
    }

    #[test]
    fn english_readers_get_english() {
        let content = password_reset(Language::English, "Jane", "https://x/reset?token=t");
        assert_eq!(content.subject, "Reset your password");
        assert!(content.text.starts_with("Dear Jane,"));
    }

    #[test]
    fn names_cannot_inject_html() {
        let content = password_changed(Language::English, "<script>alert(1)</script>");
        assert!(!content.html.contains("<script>"));
        assert!(content.html.contains("&lt;script&gt;"));
    }

    #[test]
    fn no_subject_about_a_petition_names_it() {
        let notice = Notice::new("đã được thụ lý", "was accepted");
        let due = chrono::NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
        let subjects = [
            petition_receipt(Language::Vietnamese, "A", "PA-7K3M-9QXD-2F4HC", Some("Đường hỏng"), due, "l").subject,
            petition_update(Language::English, "A", "PA-7K3M-9QXD-2F4HC", &notice, Some("words"), "l").subject,
            work_notice(Language::Vietnamese, "B", "PA-7K3M-9QXD-2F4HC", &notice, "l").subject,
        ];
        for subject in subjects {
            assert!(!subject.contains("PA-") && !subject.contains("Đường"), "{subject}");
        }
    }

    #[test]
    fn a_receipt_without_a_title_carries_no_word_the_filer_wrote() {
        let due = chrono::NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
        let content = petition_receipt(Language::English, "citizen", "PA-7K3M-9QXD-2F4HC", None, due, "l");
        assert!(content.text.contains("Your petition was received. Tracking code: PA-7K3M-9QXD-2F4HC."));
    }

    #[test]
    fn an_invitation_names_the_role_and_the_place() {
        let content = invitation(
            Language::Vietnamese,
            "B",
            Role::Head,
            Some("Ủy ban nhân dân phường Phú Xuân"),
            "https://x/i?token=t",
        );
        assert!(content.text.contains("người đứng đầu cơ quan tại Ủy ban nhân dân phường Phú Xuân"));
    }
}
