//! The one place that decides what each role may do: a pure function of (actor, action).
//! Handlers never check roles themselves; they ask `authorize` and turn a denial into 403 or 404.

use super::account::Role;

/// The signed-in user, as much of them as permissions depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: String,
    pub role: Role,
    /// The agency an officer or head works in.
    pub agency_id: Option<String>,
    /// The administrative unit a monitor supervises (it and everything under it).
    pub scope_admin_unit: Option<String>,
}

/// Something an actor wants to do, with the facts about its target that permission depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action<'a> {
    /// Read or change one's own account (`/me`).
    ManageOwnAccount,
    /// Invite users, change roles, disable accounts, read any account.
    ManageUsers,
    /// Create and edit agencies, categories, administrative units and holidays.
    ManageReferenceData,
    /// List undelivered e-mails and retry them.
    ManageOutbox,
    /// List the staff of an agency (to delegate work to them).
    ListAgencyStaff { agency_id: &'a str },
}

/// Why not: `Forbidden` (403) when the actor may know the target exists, `Hidden` (404) when even
/// its existence must not leak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denial {
    Forbidden,
    Hidden,
}

pub fn authorize(actor: &Actor, action: &Action) -> Result<(), Denial> {
    let allowed = match action {
        Action::ManageOwnAccount => true,
        Action::ManageUsers | Action::ManageReferenceData | Action::ManageOutbox => actor.role == Role::Admin,
        Action::ListAgencyStaff { agency_id } => match actor.role {
            Role::Admin => true,
            Role::Officer | Role::Head => actor.agency_id.as_deref() == Some(*agency_id),
            Role::Citizen | Role::Monitor => false,
        },
    };
    if allowed { Ok(()) } else { Err(Denial::Forbidden) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, agency: Option<&str>) -> Actor {
        Actor {
            user_id: "u".into(),
            role,
            agency_id: agency.map(String::from),
            scope_admin_unit: (role == Role::Monitor).then(|| "46".to_string()),
        }
    }

    #[test]
    fn only_administrators_manage_users_reference_data_and_the_outbox() {
        for role in Role::ALL {
            let expected = *role == Role::Admin;
            let someone = actor(*role, Some("a1"));
            assert_eq!(authorize(&someone, &Action::ManageUsers).is_ok(), expected, "{role}");
            assert_eq!(authorize(&someone, &Action::ManageReferenceData).is_ok(), expected, "{role}");
            assert_eq!(authorize(&someone, &Action::ManageOutbox).is_ok(), expected, "{role}");
        }
    }

    #[test]
    fn everyone_signed_in_manages_their_own_account() {
        for role in Role::ALL {
            assert!(authorize(&actor(*role, None), &Action::ManageOwnAccount).is_ok());
        }
    }

    #[test]
    fn staff_see_only_their_own_agencys_staff() {
        let list = Action::ListAgencyStaff { agency_id: "a1" };
        assert!(authorize(&actor(Role::Officer, Some("a1")), &list).is_ok());
        assert!(authorize(&actor(Role::Head, Some("a1")), &list).is_ok());
        assert_eq!(authorize(&actor(Role::Officer, Some("a2")), &list), Err(Denial::Forbidden));
        assert_eq!(authorize(&actor(Role::Citizen, None), &list), Err(Denial::Forbidden));
        assert_eq!(authorize(&actor(Role::Monitor, None), &list), Err(Denial::Forbidden));
        assert!(authorize(&actor(Role::Admin, None), &list).is_ok());
    }
}
