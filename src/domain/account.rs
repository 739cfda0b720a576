//! Accounts: who a user is (role, and where they work), and the rules their e-mail address, name
//! and password follow.

use chrono::NaiveDateTime;

use super::admin_unit::AdminUnitCode;
use super::authorization::Actor;
use super::ids::{AgencyId, HeadTermId, UserId};

crate::text_enum! {
    /// The six kinds of user (MISSION.md).
    pub enum Role {
        /// Files and follows their own petitions.
        Citizen => "citizen",
        /// Agency staff: receives, screens and handles the agency's petitions.
        Officer => "officer",
        /// The head of one agency, who answers personally.
        Head => "head",
        /// A Fatherland Front monitor: reads and supervises within an administrative unit.
        Monitor => "monitor",
        /// An inspector of a steering committee for the grassroots democracy regulation (Ban chỉ
        /// đạo thực hiện Quy chế dân chủ ở cơ sở): reads and inspects within an administrative unit,
        /// as a monitor does, for the committee rather than the Front.
        Inspector => "inspector",
        /// The Department of Home Affairs: users and reference data.
        Admin => "admin",
    }
}

crate::text_enum! {
    /// Who oversees the administration at the grassroots, and so which body a finding, a
    /// recommendation or a closure check comes from (Plan 115/KH-UBND: the Front supervises, the
    /// steering committees inspect and urge the remedies).
    pub enum OversightBody {
        /// Mặt trận Tổ quốc: supervision and social criticism (giám sát, phản biện xã hội).
        FatherlandFront => "fatherland_front",
        /// Ban chỉ đạo thực hiện Quy chế dân chủ ở cơ sở: inspection (kiểm tra) and follow-up.
        SteeringCommittee => "steering_committee",
    }
}

impl Role {
    /// The body a monitor or an inspector acts for; none for anyone else.
    pub fn oversight_body(self) -> Option<OversightBody> {
        match self {
            Role::Monitor => Some(OversightBody::FatherlandFront),
            Role::Inspector => Some(OversightBody::SteeringCommittee),
            Role::Citizen | Role::Officer | Role::Head | Role::Admin => None,
        }
    }

    /// Monitors and inspectors: they oversee an administrative unit and everything under it (their
    /// scope), read it all but sealed identities, and act on no petition.
    pub fn oversees(self) -> bool {
        self.oversight_body().is_some()
    }
}

crate::text_enum! {
    /// The language of a user's e-mails and messages.
    pub enum Language {
        Vietnamese => "vi",
        English => "en",
    }
}

/// An e-mail address as pakn keeps it: trimmed and lower-cased, one line, a plausible shape.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(text: &str) -> Result<Self, String> {
        let email = text.trim().to_lowercase();
        if email.len() > 254 {
            return Err("must be at most 254 characters".into());
        }
        // A newline or any control character could inject headers into an e-mail.
        if email.chars().any(char::is_whitespace) || super::text::has_forbidden_characters(&email, false) {
            return Err("must not contain spaces, line breaks, control or invisible characters".into());
        }
        let Some((local, domain)) = email.split_once('@') else {
            return Err("must be an e-mail address like name@example.vn".into());
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.contains('@')
            && !local.chars().any(|c| matches!(c, '<' | '>' | '(' | ')' | '[' | ']' | ',' | ';' | ':' | '\\' | '"'));
        if !local_ok || !domain_ok {
            return Err("must be an e-mail address like name@example.vn".into());
        }
        Ok(Email(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for Email {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Email::parse(text)
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A stored argon2id hash. Its `Debug` never shows it, so no log line or panic can leak it.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordHash(String);

impl PasswordHash {
    /// A hash as the hasher produced it (PHC string format).
    pub fn new(hash: String) -> Self {
        PasswordHash(hash)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for PasswordHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasswordHash(…)")
    }
}

/// A user account.
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: UserId,
    pub email: Email,
    pub full_name: String,
    pub phone: Option<String>,
    pub role: Role,
    /// The agency an officer or head works in.
    pub agency_id: Option<AgencyId>,
    /// The administrative unit a monitor supervises or an inspector inspects (it and everything
    /// under it).
    pub scope_admin_unit: Option<AdminUnitCode>,
    /// An officer an administrator made a reception officer: may unseal the confidential
    /// identities of petitions their agency handles.
    pub reception_officer: bool,
    pub language: Language,
    /// None until an invited user sets a password.
    pub password_hash: Option<PasswordHash>,
    pub email_verified_at: Option<NaiveDateTime>,
    pub disabled_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl User {
    /// The user as permissions see them.
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: self.id.clone(),
            role: self.role,
            agency_id: self.agency_id.clone(),
            scope_admin_unit: self.scope_admin_unit.clone(),
            reception_officer: self.reception_officer,
        }
    }

    pub fn is_active(&self) -> bool {
        self.disabled_at.is_none()
    }
}

/// A head's term at the head of an agency; the current one has no end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadTerm {
    pub id: HeadTermId,
    pub agency_id: AgencyId,
    pub user_id: UserId,
    pub started_at: NaiveDateTime,
    pub ended_at: Option<NaiveDateTime>,
}

/// A person's name as shown to staff: 1–200 characters, one line.
pub fn check_full_name(text: &str) -> Result<String, String> {
    // At most 200 characters as sent (the schema's maxLength), at least one once trimmed.
    let name = text.trim();
    if name.is_empty() || text.chars().count() > 200 {
        return Err("must be 1 to 200 characters".into());
    }
    if super::text::has_forbidden_characters(name, false) {
        return Err("must not contain line breaks, control characters or invisible formatting characters".into());
    }
    Ok(name.to_string())
}

/// A phone number: digits with an optional leading +, spaces, dots or dashes; 8–15 digits.
pub fn check_phone(text: &str) -> Result<String, String> {
    let phone = text.trim();
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-') || (c == '+' && i == 0));
    if allowed && (8..=15).contains(&digits) {
        Ok(phone.to_string())
    } else {
        Err("must be a phone number of 8 to 15 digits".into())
    }
}

pub const PASSWORD_MIN_CHARS: usize = 12;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// OWASP ASVS 2.1: 12 to 128 characters, any characters allowed, and not one of the passwords
/// attackers try first.
pub fn check_new_password(password: &str, email: Option<&Email>) -> Result<(), String> {
    let length = password.chars().count();
    if !(PASSWORD_MIN_CHARS..=PASSWORD_MAX_CHARS).contains(&length) {
        return Err(format!("must be {PASSWORD_MIN_CHARS} to {PASSWORD_MAX_CHARS} characters"));
    }
    let folded = password.to_lowercase();
    if super::common_passwords::is_common(&folded) {
        return Err("is one of the most common passwords; choose another".into());
    }
    if let Some(email) = email {
        let local = email.as_str().split('@').next().unwrap_or_default();
        if folded == email.as_str() || (local.len() >= 4 && folded.contains(local)) {
            return Err("must not contain your e-mail address".into());
        }
    }
    if password.chars().all(|c| c == password.chars().next().unwrap_or(c)) {
        return Err("must not be one character repeated".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monitors_act_for_the_front_and_inspectors_for_the_steering_committee() {
        assert_eq!(Role::Monitor.oversight_body(), Some(OversightBody::FatherlandFront));
        assert_eq!(Role::Inspector.oversight_body(), Some(OversightBody::SteeringCommittee));
        let overseers: Vec<_> = Role::ALL.iter().filter(|role| role.oversees()).collect();
        assert_eq!(overseers, [&Role::Monitor, &Role::Inspector]);
    }

    #[test]
    fn emails_are_kept_lower_case_and_trimmed() {
        assert_eq!(Email::parse("  Nguyen.Van.A@Hue.GOV.vn ").unwrap().as_str(), "nguyen.van.a@hue.gov.vn");
    }

    #[test]
    fn an_email_with_a_line_break_cannot_inject_a_header() {
        assert!(Email::parse("a@b.vn\r\nBcc: victim@example.com").is_err());
        assert!(Email::parse("a@b.vn\n").is_ok(), "a trailing newline is trimmed, not kept");
        assert!(Email::parse("a\u{0}@b.vn").is_err());
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in
            ["", "plain", "@hue.vn", "a@", "a@hue", "a@.vn", "a@hue..vn", "a b@hue.vn", "a@b@hue.vn", "<a>@hue.vn"]
        {
            assert!(Email::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn vietnamese_domains_are_accepted() {
        assert!(Email::parse("dân@huế.vn").is_ok());
    }

    #[test]
    fn passwords_must_be_twelve_to_a_hundred_and_twenty_eight_characters() {
        assert!(check_new_password("short pass", None).is_err());
        assert!(check_new_password(&"x".repeat(129), None).is_err());
        assert!(check_new_password("một mật khẩu dài", None).is_ok(), "Unicode counts by characters");
    }

    #[test]
    fn common_and_trivial_passwords_are_refused() {
        assert!(check_new_password("password1234", None).is_err());
        assert!(check_new_password("Qwertyuiop123", None).is_err());
        assert!(check_new_password("aaaaaaaaaaaaaa", None).is_err());
        let email = Email::parse("nguyenvana@hue.vn").unwrap();
        assert!(check_new_password("nguyenvana2026!", Some(&email)).is_err());
    }

    #[test]
    fn names_and_phones_are_one_line_and_bounded() {
        assert_eq!(check_full_name("  Nguyễn Văn A ").unwrap(), "Nguyễn Văn A");
        assert!(check_full_name("A\nB").is_err());
        assert!(check_full_name("Nguyễn\u{202e}A").is_err());
        assert!(check_full_name(&format!(" {}", "a".repeat(200))).is_err(), "201 characters as sent");
        assert!(check_full_name("").is_err());
        assert!(check_phone("+84 234 3822 000").is_ok());
        assert!(check_phone("0234-382-2000").is_ok());
        assert!(check_phone("call me").is_err());
        assert!(check_phone("12+345678").is_err());
    }
}
