//! `pakn seed --demo`: accounts for every role, so that a newcomer can try each side of pakn.
//! Adds nothing twice; never for production (the addresses are on the reserved .invalid domain).

use chrono::NaiveDateTime;
use serde_json::json;

use crate::db::{self, DbConnection, agencies, users};
use crate::domain::account::{Email, Language, PasswordHash, Role};
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::events::EventKind;
use crate::service::accounts::creation::{self, CreatedBy, Creation, NewAccount};
use crate::service::{ServiceError, ServiceResult};

/// The password of every demo account; printed by the command.
pub const DEMO_PASSWORD: &str = "pakn demo password 2026";

struct DemoAccount {
    email: &'static str,
    name: &'static str,
    role: Role,
    agency_code: Option<&'static str>,
    overseen_unit: Option<&'static str>,
}

const fn staff(email: &'static str, name: &'static str, role: Role, agency: Option<&'static str>) -> DemoAccount {
    DemoAccount { email, name, role, agency_code: agency, overseen_unit: None }
}

const RECEPTION_OFFICER: &str = "tiepdan@demo.pakn.invalid";

const ACCOUNTS: &[DemoAccount] = &[
    staff("admin@demo.pakn.invalid", "Quản trị viên Sở Nội vụ", Role::Admin, None),
    staff(RECEPTION_OFFICER, "Cán bộ Ban Tiếp công dân", Role::Officer, Some("hue-ban-tiep-cong-dan")),
    staff(
        "chutich.phuxuan@demo.pakn.invalid",
        "Chủ tịch UBND phường Phú Xuân",
        Role::Head,
        Some("ubnd-phuong-phu-xuan"),
    ),
    staff(
        "canbo.phuxuan@demo.pakn.invalid",
        "Cán bộ UBND phường Phú Xuân",
        Role::Officer,
        Some("ubnd-phuong-phu-xuan"),
    ),
    DemoAccount {
        email: "giamsat@demo.pakn.invalid",
        name: "Giám sát viên MTTQ thành phố",
        role: Role::Monitor,
        agency_code: None,
        overseen_unit: Some("46"),
    },
    DemoAccount {
        email: "kiemtra@demo.pakn.invalid",
        name: "Thành viên Ban chỉ đạo thực hiện Quy chế dân chủ ở cơ sở thành phố",
        role: Role::Inspector,
        agency_code: None,
        overseen_unit: Some("46"),
    },
    staff("congdan@demo.pakn.invalid", "Nguyễn Văn Dân", Role::Citizen, None),
];

/// Creates the demo accounts not there yet; returns the addresses created.
pub fn seed(
    connection: &mut DbConnection,
    password_hash: &PasswordHash,
    now: NaiveDateTime,
) -> ServiceResult<Vec<&'static str>> {
    db::transaction(connection, |c| {
        let mut created = Vec::new();
        for DemoAccount { email, name, role, agency_code, overseen_unit } in ACCOUNTS {
            if users::find_by_email(c, email)?.is_some() {
                continue;
            }
            let agency_id = match agency_code {
                Some(code) => Some(
                    agencies::find_by_code(c, code)?
                        .ok_or_else(|| ServiceError::NotFound(format!("the sample agency {code} is missing")))?
                        .id,
                ),
                None => None,
            };
            let account = NewAccount {
                email: Email::parse(email).map_err(|m| ServiceError::invalid("email", m))?,
                full_name: name.to_string(),
                phone: None,
                role: *role,
                agency_id,
                scope_admin_unit: overseen_unit.map(AdminUnitCode::parse).transpose().map_err(anyhow::Error::new)?,
                language: Language::Vietnamese,
                password_hash: Some(password_hash.clone()),
                email_verified_at: Some(now),
            };
            let seeded = Creation {
                created_by: CreatedBy::CommandLine,
                event: EventKind::UserCreatedFromCommandLine,
                data: json!({ "role": role.as_str(), "demo": true }),
            };
            let id = creation::create(c, &account, seeded, now)?;
            // The coordinating office's officer receives citizens: the one who may unseal.
            if *email == RECEPTION_OFFICER {
                users::set_reception_officer(c, &id, true, now)?;
            }
            created.push(*email);
        }
        Ok(created)
    })
}
