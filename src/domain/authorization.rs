//! The one place that decides what each role may do: a pure function of (actor, action).
//! Handlers never check roles themselves; they ask `authorize` and turn a denial into 403 or 404.

use super::account::Role;
use super::admin_unit::{AdminUnitCode, UnitPath};
use super::ids::{AgencyId, UserId};
use super::petition::Petition;
use super::workflow::{self, Standing, WorkflowAction};

/// The signed-in user, as much of them as permissions depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: UserId,
    pub role: Role,
    /// The agency an officer or head works in.
    pub agency_id: Option<AgencyId>,
    /// The administrative unit a monitor supervises (it and everything under it).
    pub scope_admin_unit: Option<AdminUnitCode>,
    /// An officer granted the reception officer's permission by an administrator.
    pub reception_officer: bool,
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
    ListAgencyStaff { agency_id: &'a AgencyId },
    /// File a petition: for oneself (citizens) or on someone's behalf (officers and heads).
    FilePetition,
    /// Read a petition in full (identities aside: see `UnsealIdentity`).
    ReadPetition(PetitionFacts<'a>),
    /// See a confidential petitioner's identity: the reception officers of the handling agency.
    UnsealIdentity(PetitionFacts<'a>),
    /// Add an evidence file: the petitioner, or the handling agency's staff.
    AttachEvidence(PetitionFacts<'a>),
    /// Take a step of the handling workflow (the table of `workflow::may_take`).
    Handle(WorkflowAction, PetitionFacts<'a>),
    /// Write to the petition's conversation: the petitioner, or the handling agency's staff.
    PostMessage(PetitionFacts<'a>),
    /// Write a note only staff read: the handling agency's staff.
    PostInternalNote(PetitionFacts<'a>),
    /// Read staff notes: the handling agency, monitors in scope and administrators.
    ReadInternalNotes(PetitionFacts<'a>),
    /// An agency's figures: its own staff, monitors and administrators.
    ReadAgencyDashboard { agency_id: &'a AgencyId },
    /// Move every open petition of a dissolved agency to its successor.
    ReassignPetitions,
    /// Publish the privacy notice, set retention, keep the register of requests and breaches.
    ProtectPersonalData,
    /// See who read a petition's personal data: monitors in scope and administrators.
    SuperviseDataReads(PetitionFacts<'a>),
}

/// The facts about a petition that permissions depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PetitionFacts<'a> {
    pub petitioner_id: Option<&'a UserId>,
    pub agency_id: Option<&'a AgencyId>,
    /// The petition's unit and its ancestors, root first: "46/19753/".
    pub unit_path: &'a UnitPath,
    /// A denunciation handled by the agency of the one denounced (Art. 12(1)): its officers may
    /// be the one denounced, so only the head, and the officer the head gives it to, handle it.
    pub handled_where_denounced: bool,
    pub assignee_id: Option<&'a UserId>,
}

impl<'a> PetitionFacts<'a> {
    pub fn of(petition: &'a Petition) -> Self {
        PetitionFacts {
            petitioner_id: petition.petitioner_id.as_ref(),
            agency_id: petition.assigned_agency_id.as_ref(),
            unit_path: &petition.unit_path,
            handled_where_denounced: petition.denounced_agency_id.is_some()
                && petition.denounced_agency_id == petition.assigned_agency_id,
            assignee_id: petition.assignee_id.as_ref(),
        }
    }
}

impl PetitionFacts<'_> {
    fn is_petitioner(&self, actor: &Actor) -> bool {
        self.petitioner_id == Some(&actor.user_id)
    }

    fn is_handled_by(&self, actor: &Actor) -> bool {
        let in_agency = matches!(actor.role, Role::Officer | Role::Head)
            && actor.agency_id.is_some()
            && actor.agency_id.as_ref() == self.agency_id;
        let trusted =
            !self.handled_where_denounced || actor.role == Role::Head || self.assignee_id == Some(&actor.user_id);
        in_agency && trusted
    }

    fn is_in_scope_of(&self, actor: &Actor) -> bool {
        actor.role == Role::Monitor
            && actor.scope_admin_unit.as_ref().is_some_and(|scope| self.unit_path.includes(scope.as_str()))
    }

    /// How the actor stands to the petition, for the workflow's table.
    pub fn standing_of(&self, actor: &Actor) -> Standing {
        if self.is_petitioner(actor) {
            Standing::Petitioner
        } else if self.is_handled_by(actor) {
            Standing::HandlingStaff
        } else {
            Standing::Other
        }
    }

    fn readable_by(&self, actor: &Actor) -> bool {
        actor.role == Role::Admin
            || self.is_petitioner(actor)
            || self.is_handled_by(actor)
            || self.is_in_scope_of(actor)
    }
}

/// Why not: `Forbidden` (403) when the actor may know the target exists, `Hidden` (404) when even
/// its existence must not leak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denial {
    Forbidden,
    Hidden,
}

pub fn authorize(actor: &Actor, action: &Action) -> Result<(), Denial> {
    // Whoever may not read a petition must not learn that it exists.
    let petition_visible =
        |facts: &PetitionFacts| if facts.readable_by(actor) { Err(Denial::Forbidden) } else { Err(Denial::Hidden) };
    let allowed = match action {
        Action::FilePetition => matches!(actor.role, Role::Citizen | Role::Officer | Role::Head),
        Action::ReadPetition(facts) => {
            return if facts.readable_by(actor) { Ok(()) } else { Err(Denial::Hidden) };
        }
        // The two sides of a petition: its petitioner and the agency handling it.
        Action::AttachEvidence(facts) | Action::PostMessage(facts) => {
            return if facts.is_petitioner(actor) || facts.is_handled_by(actor) {
                Ok(())
            } else {
                petition_visible(facts)
            };
        }
        Action::UnsealIdentity(facts) => {
            // Not every officer of the agency: only those an administrator made reception officers.
            let reception_officer =
                actor.role == Role::Officer && actor.reception_officer && facts.is_handled_by(actor);
            return if reception_officer { Ok(()) } else { petition_visible(facts) };
        }
        Action::Handle(step, facts) => {
            return if workflow::may_take(*step, actor.role, facts.standing_of(actor)) {
                Ok(())
            } else {
                petition_visible(facts)
            };
        }
        Action::PostInternalNote(facts) => {
            return if facts.is_handled_by(actor) { Ok(()) } else { petition_visible(facts) };
        }
        Action::ReadInternalNotes(facts) => {
            let oversight = actor.role == Role::Admin || facts.is_in_scope_of(actor);
            return if facts.is_handled_by(actor) || oversight { Ok(()) } else { petition_visible(facts) };
        }
        Action::SuperviseDataReads(facts) => {
            return if actor.role == Role::Admin || facts.is_in_scope_of(actor) {
                Ok(())
            } else {
                petition_visible(facts)
            };
        }
        Action::ReadAgencyDashboard { agency_id } => match actor.role {
            Role::Admin | Role::Monitor => true,
            Role::Officer | Role::Head => actor.agency_id.as_ref() == Some(*agency_id),
            Role::Citizen => false,
        },
        Action::ReassignPetitions | Action::ProtectPersonalData => actor.role == Role::Admin,
        Action::ManageOwnAccount => true,
        Action::ManageUsers | Action::ManageReferenceData | Action::ManageOutbox => actor.role == Role::Admin,
        Action::ListAgencyStaff { agency_id } => match actor.role {
            Role::Admin => true,
            Role::Officer | Role::Head => actor.agency_id.as_ref() == Some(*agency_id),
            Role::Citizen | Role::Monitor => false,
        },
    };
    if allowed { Ok(()) } else { Err(Denial::Forbidden) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> UserId {
        UserId::from_stored(text.into())
    }

    fn agency(text: &str) -> AgencyId {
        AgencyId::from_stored(text.into())
    }

    fn unit(code: &str) -> AdminUnitCode {
        AdminUnitCode::parse(code).unwrap()
    }

    fn actor(role: Role, agency_id: Option<&str>) -> Actor {
        Actor {
            user_id: id("u"),
            role,
            agency_id: agency_id.map(agency),
            scope_admin_unit: (role == Role::Monitor).then(|| unit("46")),
            reception_officer: false,
        }
    }

    fn reception_officer_of(agency_id: &str) -> Actor {
        Actor { reception_officer: true, ..actor(Role::Officer, Some(agency_id)) }
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

    /// A petition of citizen-1, handled by agency a1, in ward 19753 of Huế (46).
    struct Subject {
        petitioner: UserId,
        agency: AgencyId,
        path: UnitPath,
    }

    fn subject() -> Subject {
        Subject { petitioner: id("citizen-1"), agency: agency("a1"), path: UnitPath::from_codes(["46", "19753"]) }
    }

    impl Subject {
        fn facts(&self) -> PetitionFacts<'_> {
            PetitionFacts {
                petitioner_id: Some(&self.petitioner),
                agency_id: Some(&self.agency),
                unit_path: &self.path,
                handled_where_denounced: false,
                assignee_id: None,
            }
        }
    }

    fn citizen(user: &str) -> Actor {
        Actor {
            user_id: id(user),
            role: Role::Citizen,
            agency_id: None,
            scope_admin_unit: None,
            reception_officer: false,
        }
    }

    fn monitor_of(code: &str) -> Actor {
        Actor {
            user_id: id("m"),
            role: Role::Monitor,
            agency_id: None,
            scope_admin_unit: Some(unit(code)),
            reception_officer: false,
        }
    }

    #[test]
    fn a_petition_is_read_by_its_petitioner_its_agency_monitors_in_scope_and_administrators() {
        let subject = subject();
        let facts = subject.facts();
        let read = Action::ReadPetition(facts);
        assert!(authorize(&citizen("citizen-1"), &read).is_ok());
        assert!(authorize(&actor(Role::Officer, Some("a1")), &read).is_ok());
        assert!(authorize(&actor(Role::Head, Some("a1")), &read).is_ok());
        assert!(authorize(&monitor_of("46"), &read).is_ok());
        assert!(authorize(&monitor_of("19753"), &read).is_ok());
        assert!(authorize(&actor(Role::Admin, None), &read).is_ok());
    }

    #[test]
    fn everyone_else_is_told_the_petition_does_not_exist() {
        let subject = subject();
        let facts = subject.facts();
        let read = Action::ReadPetition(facts);
        assert_eq!(authorize(&citizen("citizen-2"), &read), Err(Denial::Hidden));
        assert_eq!(authorize(&actor(Role::Officer, Some("a2")), &read), Err(Denial::Hidden));
        assert_eq!(authorize(&monitor_of("48"), &read), Err(Denial::Hidden));
        assert_eq!(authorize(&monitor_of("1975"), &read), Err(Denial::Hidden), "a prefix of a code is not the code");
    }

    #[test]
    fn only_the_petitioner_withdraws_and_only_reception_officers_unseal() {
        let subject = subject();
        let facts = subject.facts();
        let withdraw = Action::Handle(WorkflowAction::Withdraw, facts);
        assert!(authorize(&citizen("citizen-1"), &withdraw).is_ok());
        assert_eq!(authorize(&actor(Role::Head, Some("a1")), &withdraw), Err(Denial::Forbidden));
        assert_eq!(authorize(&citizen("citizen-2"), &withdraw), Err(Denial::Hidden));
        let unseal = Action::UnsealIdentity(facts);
        assert!(authorize(&reception_officer_of("a1"), &unseal).is_ok());
        assert_eq!(
            authorize(&actor(Role::Officer, Some("a1")), &unseal),
            Err(Denial::Forbidden),
            "an officer not made a reception officer"
        );
        assert_eq!(authorize(&reception_officer_of("a2"), &unseal), Err(Denial::Hidden), "another agency's");
        assert_eq!(authorize(&actor(Role::Head, Some("a1")), &unseal), Err(Denial::Forbidden), "heads see a pseudonym");
        assert_eq!(authorize(&monitor_of("46"), &unseal), Err(Denial::Forbidden));
        assert_eq!(authorize(&actor(Role::Admin, None), &unseal), Err(Denial::Forbidden));
    }

    #[test]
    fn a_denunciation_handled_where_the_denounced_works_is_kept_from_its_officers_but_the_one_assigned() {
        let subject = subject();
        let officer = reception_officer_of("a1");
        let facts = PetitionFacts { handled_where_denounced: true, ..subject.facts() };
        assert_eq!(authorize(&officer, &Action::ReadPetition(facts)), Err(Denial::Hidden));
        assert_eq!(authorize(&officer, &Action::UnsealIdentity(facts)), Err(Denial::Hidden));
        assert!(authorize(&actor(Role::Head, Some("a1")), &Action::Handle(WorkflowAction::Accept, facts)).is_ok());
        let assigned = PetitionFacts { assignee_id: Some(&officer.user_id), ..facts };
        assert!(authorize(&officer, &Action::ReadPetition(assigned)).is_ok());
        assert!(authorize(&officer, &Action::UnsealIdentity(assigned)).is_ok());
    }

    #[test]
    fn citizens_and_agency_staff_file_but_monitors_and_administrators_do_not() {
        for (role, allowed) in [
            (Role::Citizen, true),
            (Role::Officer, true),
            (Role::Head, true),
            (Role::Monitor, false),
            (Role::Admin, false),
        ] {
            assert_eq!(authorize(&actor(role, Some("a1")), &Action::FilePetition).is_ok(), allowed, "{role}");
        }
    }

    #[test]
    fn staff_see_only_their_own_agencys_staff() {
        let a1 = agency("a1");
        let list = Action::ListAgencyStaff { agency_id: &a1 };
        assert!(authorize(&actor(Role::Officer, Some("a1")), &list).is_ok());
        assert!(authorize(&actor(Role::Head, Some("a1")), &list).is_ok());
        assert_eq!(authorize(&actor(Role::Officer, Some("a2")), &list), Err(Denial::Forbidden));
        assert_eq!(authorize(&actor(Role::Citizen, None), &list), Err(Denial::Forbidden));
        assert_eq!(authorize(&actor(Role::Monitor, None), &list), Err(Denial::Forbidden));
        assert!(authorize(&actor(Role::Admin, None), &list).is_ok());
    }

    #[test]
    fn workflow_steps_follow_the_table_and_hide_the_petition_from_strangers() {
        let subject = subject();
        let facts = subject.facts();
        let officer = actor(Role::Officer, Some("a1"));
        let head = actor(Role::Head, Some("a1"));
        assert_eq!(authorize(&officer, &Action::Handle(WorkflowAction::Accept, facts)), Ok(()));
        assert_eq!(authorize(&officer, &Action::Handle(WorkflowAction::Resolve, facts)), Err(Denial::Forbidden));
        assert_eq!(authorize(&head, &Action::Handle(WorkflowAction::Resolve, facts)), Ok(()));
        assert_eq!(authorize(&citizen("citizen-1"), &Action::Handle(WorkflowAction::Rate, facts)), Ok(()));
        let stranger = actor(Role::Head, Some("a2"));
        assert_eq!(authorize(&stranger, &Action::Handle(WorkflowAction::Resolve, facts)), Err(Denial::Hidden));
        assert_eq!(authorize(&actor(Role::Admin, None), &Action::Handle(WorkflowAction::Transfer, facts)), Ok(()));
    }

    #[test]
    fn internal_notes_are_written_by_the_agency_and_never_read_by_the_petitioner() {
        let subject = subject();
        let facts = subject.facts();
        let petitioner = citizen("citizen-1");
        assert_eq!(authorize(&petitioner, &Action::PostMessage(facts)), Ok(()));
        assert_eq!(authorize(&petitioner, &Action::PostInternalNote(facts)), Err(Denial::Forbidden));
        assert_eq!(authorize(&petitioner, &Action::ReadInternalNotes(facts)), Err(Denial::Forbidden));
        assert_eq!(authorize(&actor(Role::Officer, Some("a1")), &Action::PostInternalNote(facts)), Ok(()));
        assert_eq!(authorize(&monitor_of("19753"), &Action::ReadInternalNotes(facts)), Ok(()));
        assert_eq!(authorize(&monitor_of("19753"), &Action::PostMessage(facts)), Err(Denial::Forbidden));
    }
}
