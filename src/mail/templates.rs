//! The words of every e-mail pakn sends, in Vietnamese (the default) and English, as plain text
//! and HTML. Templates receive only what the recipient may see: never anyone else's identity.

use crate::domain::account::{Language, Role};
use crate::domain::notice::Notice;

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

/// How a message greets someone at an address nobody has proved yet: not by the name typed at
/// registration, which could be anyone's words sent to anyone's mailbox.
pub fn unproved_name(language: Language) -> &'static str {
    match language {
        Language::Vietnamese => "quý vị",
        Language::English => "user",
    }
}

pub fn verify_email(language: Language, name: &str, link: &str) -> EmailContent {
    match language {
        Language::Vietnamese => compose(
            language,
            "Xác nhận địa chỉ thư điện tử của bạn".into(),
            name,
            &["Cảm ơn bạn đã đăng ký tài khoản để gửi phản ánh, kiến nghị. Vui lòng xác nhận địa chỉ thư điện tử trong vòng 24 giờ.".into()],
            Some(("Xác nhận địa chỉ thư điện tử", link)),
        ),
        Language::English => compose(
            language,
            "Confirm your e-mail address".into(),
            name,
            &["Thank you for registering to send feedback and petitions. Please confirm your e-mail address within 24 hours.".into()],
            Some(("Confirm my e-mail address", link)),
        ),
    }
}

fn role_name(language: Language, role: Role) -> &'static str {
    match (language, role) {
        (Language::Vietnamese, Role::Citizen) => "công dân",
        (Language::Vietnamese, Role::Officer) => "cán bộ tiếp nhận, xử lý",
        (Language::Vietnamese, Role::Head) => "người đứng đầu cơ quan",
        (Language::Vietnamese, Role::Monitor) => "giám sát viên Mặt trận Tổ quốc",
        (Language::Vietnamese, Role::Admin) => "quản trị viên",
        (Language::English, Role::Citizen) => "citizen",
        (Language::English, Role::Officer) => "officer",
        (Language::English, Role::Head) => "head of agency",
        (Language::English, Role::Monitor) => "Fatherland Front monitor",
        (Language::English, Role::Admin) => "administrator",
    }
}

/// `place` is the agency or administrative unit the role is for, when there is one.
pub fn invitation(language: Language, name: &str, role: Role, place: Option<&str>, link: &str) -> EmailContent {
    let role = role_name(language, role);
    match language {
        Language::Vietnamese => {
            let at = place.map(|p| format!(" tại {p}")).unwrap_or_default();
            compose(
                language,
                "Lời mời sử dụng hệ thống pakn".into(),
                name,
                &[
                    format!("Bạn được mời sử dụng hệ thống tiếp nhận phản ánh, kiến nghị với vai trò {role}{at}."),
                    "Vui lòng đặt mật khẩu trong vòng 24 giờ để kích hoạt tài khoản.".into(),
                ],
                Some(("Đặt mật khẩu", link)),
            )
        }
        Language::English => {
            let at = place.map(|p| format!(" at {p}")).unwrap_or_default();
            compose(
                language,
                "Your invitation to pakn".into(),
                name,
                &[
                    format!("You have been invited to the feedback and petition service as {role}{at}."),
                    "Please set your password within 24 hours to activate your account.".into(),
                ],
                Some(("Set my password", link)),
            )
        }
    }
}

pub fn password_reset(language: Language, name: &str, link: &str) -> EmailContent {
    match language {
        Language::Vietnamese => compose(
            language,
            "Đặt lại mật khẩu".into(),
            name,
            &[
                "Có yêu cầu đặt lại mật khẩu cho tài khoản của bạn. Liên kết dưới đây có hiệu lực trong 1 giờ và chỉ dùng được một lần.".into(),
                "Nếu bạn không yêu cầu, hãy bỏ qua thư này; mật khẩu của bạn không thay đổi.".into(),
            ],
            Some(("Đặt lại mật khẩu", link)),
        ),
        Language::English => compose(
            language,
            "Reset your password".into(),
            name,
            &[
                "Someone asked to reset the password of your account. The link below works once, within one hour.".into(),
                "If it was not you, ignore this message; your password has not changed.".into(),
            ],
            Some(("Reset my password", link)),
        ),
    }
}

/// Sent when someone registers with an address that already has an account.
pub fn already_registered(language: Language, name: &str, reset_link: &str) -> EmailContent {
    match language {
        Language::Vietnamese => compose(
            language,
            "Địa chỉ thư điện tử này đã có tài khoản".into(),
            name,
            &["Có người vừa đăng ký tài khoản bằng địa chỉ thư điện tử của bạn, nhưng địa chỉ này đã có tài khoản. Nếu bạn quên mật khẩu, hãy đặt lại mật khẩu. Nếu không phải bạn, hãy bỏ qua thư này.".into()],
            Some(("Quên mật khẩu", reset_link)),
        ),
        Language::English => compose(
            language,
            "This address already has an account".into(),
            name,
            &["Someone just tried to register with your e-mail address, which already has an account. If you forgot your password, reset it. If it was not you, ignore this message.".into()],
            Some(("I forgot my password", reset_link)),
        ),
    }
}

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

/// To the head of an agency: one of its officers was granted (or lost) the permission to unseal
/// confidential identities. The head answers for who knows a denouncer's name: they hear of
/// every grant, and can object to one they did not ask for.
pub fn reception_officer_changed(
    language: Language,
    head_name: &str,
    officer: (&str, &str),
    granted: bool,
) -> EmailContent {
    let (officer_name, officer_email) = officer;
    match (language, granted) {
        (Language::Vietnamese, true) => compose(
            language,
            "[pakn] Cán bộ được giao quyền xem danh tính người tố cáo".into(),
            head_name,
            &[format!(
                "Quản trị viên vừa giao cho {officer_name} ({officer_email}) quyền của cán bộ tiếp công dân: xem danh tính được giữ bí mật của người gửi đơn mà cơ quan anh/chị giải quyết. Nếu anh/chị không đề nghị việc này, hãy báo ngay cho quản trị viên."
            )],
            None,
        ),
        (Language::Vietnamese, false) => compose(
            language,
            "[pakn] Cán bộ thôi quyền xem danh tính người tố cáo".into(),
            head_name,
            &[format!(
                "{officer_name} ({officer_email}) không còn quyền xem danh tính được giữ bí mật của người gửi đơn."
            )],
            None,
        ),
        (Language::English, true) => compose(
            language,
            "[pakn] An officer may now unseal confidential identities".into(),
            head_name,
            &[format!(
                "An administrator has just made {officer_name} ({officer_email}) a reception officer of your agency: they may see the confidential identities of the petitioners whose petitions your agency handles. If you did not ask for this, tell an administrator at once."
            )],
            None,
        ),
        (Language::English, false) => compose(
            language,
            "[pakn] An officer may no longer unseal confidential identities".into(),
            head_name,
            &[format!("{officer_name} ({officer_email}) may no longer see confidential identities.")],
            None,
        ),
    }
}

pub fn password_changed(language: Language, name: &str) -> EmailContent {
    match language {
        Language::Vietnamese => compose(
            language,
            "Mật khẩu của bạn đã được thay đổi".into(),
            name,
            &["Mật khẩu tài khoản của bạn vừa được thay đổi và các phiên đăng nhập khác đã kết thúc. Nếu không phải bạn, hãy đặt lại mật khẩu ngay và báo cho quản trị viên.".into()],
            None,
        ),
        Language::English => compose(
            language,
            "Your password was changed".into(),
            name,
            &["The password of your account was just changed and your other sessions were ended. If this was not you, reset your password at once and tell an administrator.".into()],
            None,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
