//! The e-mails about accounts: confirming an address, invitations, resets, warnings, and the
//! reception officer's permission told to the head.

use super::{EmailContent, compose};
use crate::domain::account::{Language, Role};

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
        (Language::Vietnamese, Role::Inspector) => {
            "thành viên kiểm tra của Ban chỉ đạo thực hiện Quy chế dân chủ ở cơ sở"
        }
        (Language::Vietnamese, Role::Admin) => "quản trị viên",
        (Language::English, Role::Citizen) => "citizen",
        (Language::English, Role::Officer) => "officer",
        (Language::English, Role::Head) => "head of agency",
        (Language::English, Role::Monitor) => "Fatherland Front monitor",
        (Language::English, Role::Inspector) => "inspector of the grassroots democracy steering committee",
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
