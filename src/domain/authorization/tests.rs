//! What each role may do, case by case.

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
        scope_admin_unit: role.oversees().then(|| unit("46")),
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
    Actor { user_id: id(user), role: Role::Citizen, agency_id: None, scope_admin_unit: None, reception_officer: false }
}

fn monitor_of(code: &str) -> Actor {
    overseer_of(Role::Monitor, code)
}

fn inspector_of(code: &str) -> Actor {
    overseer_of(Role::Inspector, code)
}

fn overseer_of(role: Role, code: &str) -> Actor {
    Actor { user_id: id("m"), role, agency_id: None, scope_admin_unit: Some(unit(code)), reception_officer: false }
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
        (Role::Inspector, false),
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

#[test]
fn only_monitors_in_scope_and_administrators_see_who_read_a_petitions_personal_data() {
    let s = subject();
    let facts = s.facts();
    let supervise = Action::SuperviseDataReads(facts);
    assert_eq!(authorize(&monitor_of("19753"), &supervise), Ok(()));
    assert_eq!(authorize(&actor(Role::Admin, None), &supervise), Ok(()));
    assert_eq!(authorize(&monitor_of("19900"), &supervise), Err(Denial::Hidden));
    assert_eq!(authorize(&actor(Role::Officer, Some("a1")), &supervise), Err(Denial::Forbidden));
    assert_eq!(authorize(&citizen("citizen-1"), &supervise), Err(Denial::Forbidden));
    for role in Role::ALL {
        let expected = *role == Role::Admin;
        assert_eq!(authorize(&actor(*role, Some("a1")), &Action::ProtectPersonalData).is_ok(), expected, "{role}");
    }
}

#[test]
fn monitors_and_administrators_verify_the_audit_chain_and_prove_a_petitions_history_in_scope() {
    let s = subject();
    let prove = Action::ProvePetitionHistory(s.facts());
    assert_eq!(authorize(&monitor_of("19753"), &prove), Ok(()));
    assert_eq!(authorize(&actor(Role::Admin, None), &prove), Ok(()));
    assert_eq!(authorize(&monitor_of("19900"), &prove), Err(Denial::Hidden));
    assert_eq!(authorize(&actor(Role::Head, Some("a1")), &prove), Err(Denial::Forbidden));
    for role in Role::ALL {
        let expected = matches!(role, Role::Admin | Role::Monitor | Role::Inspector);
        assert_eq!(authorize(&actor(*role, Some("a1")), &Action::VerifyAuditChain).is_ok(), expected, "{role}");
    }
}

#[test]
fn inspectors_read_and_oversee_their_scope_as_monitors_do() {
    let s = subject();
    let facts = s.facts();
    let a1 = agency("a1");
    let in_scope = Action::Supervise { unit_path: &s.path };
    let recommendation = Action::ReadRecommendation { agency_id: &a1, unit_path: &s.path };
    let reads = [
        Action::ReadPetition(facts),
        Action::ReadInternalNotes(facts),
        Action::SuperviseDataReads(facts),
        Action::ProvePetitionHistory(facts),
        in_scope.clone(),
        recommendation.clone(),
    ];
    for action in &reads {
        assert_eq!(authorize(&inspector_of("46"), action), Ok(()), "{action:?}");
        assert_eq!(authorize(&inspector_of("19753"), action), authorize(&monitor_of("19753"), action), "{action:?}");
    }
    for action in [Action::ReadAgencyDashboard { agency_id: &a1 }, Action::VerifyAuditChain, Action::ReadPeriodicReport]
    {
        assert_eq!(authorize(&inspector_of("19900"), &action), Ok(()), "{action:?}");
    }
}

#[test]
fn an_inspector_outside_the_scope_is_told_the_petition_does_not_exist() {
    let s = subject();
    let facts = s.facts();
    let elsewhere = inspector_of("19900");
    for action in [
        Action::ReadPetition(facts),
        Action::ReadInternalNotes(facts),
        Action::SuperviseDataReads(facts),
        Action::ProvePetitionHistory(facts),
    ] {
        assert_eq!(authorize(&elsewhere, &action), Err(Denial::Hidden), "{action:?}");
    }
    assert_eq!(authorize(&elsewhere, &Action::Supervise { unit_path: &s.path }), Err(Denial::Forbidden));
    let a1 = agency("a1");
    let recommendation = Action::ReadRecommendation { agency_id: &a1, unit_path: &s.path };
    assert_eq!(authorize(&elsewhere, &recommendation), Err(Denial::Forbidden));
}

#[test]
fn an_inspector_never_unseals_an_identity_nor_acts_on_a_petition() {
    let s = subject();
    let facts = s.facts();
    let inspector = inspector_of("46");
    assert_eq!(authorize(&inspector, &Action::UnsealIdentity(facts)), Err(Denial::Forbidden));
    assert_eq!(authorize(&inspector, &Action::PostMessage(facts)), Err(Denial::Forbidden));
    assert_eq!(authorize(&inspector, &Action::PostInternalNote(facts)), Err(Denial::Forbidden));
    assert_eq!(authorize(&inspector, &Action::AttachEvidence(facts)), Err(Denial::Forbidden));
    assert_eq!(authorize(&inspector, &Action::DecideCorrection { facts, sealed: false }), Err(Denial::Forbidden));
    for step in WorkflowAction::ALL {
        assert_eq!(authorize(&inspector, &Action::Handle(*step, facts)), Err(Denial::Forbidden), "{step}");
    }
    let a1 = agency("a1");
    assert_eq!(authorize(&inspector, &Action::AnswerRecommendation { agency_id: &a1 }), Err(Denial::Forbidden));
    assert_eq!(authorize(&inspector, &Action::ListAgencyStaff { agency_id: &a1 }), Err(Denial::Forbidden));
}

#[test]
fn each_body_follows_up_its_own_recommendations_and_closure_checks() {
    let s = subject();
    let front = Action::FollowUp { unit_path: &s.path, body: OversightBody::FatherlandFront };
    let committee = Action::FollowUp { unit_path: &s.path, body: OversightBody::SteeringCommittee };
    assert_eq!(authorize(&monitor_of("46"), &front), Ok(()));
    assert_eq!(authorize(&inspector_of("19753"), &committee), Ok(()));
    assert_eq!(authorize(&monitor_of("46"), &committee), Err(Denial::Forbidden), "the committee's own conclusion");
    assert_eq!(authorize(&inspector_of("46"), &front), Err(Denial::Forbidden), "the Front's own conclusion");
    assert_eq!(authorize(&inspector_of("19900"), &committee), Err(Denial::Forbidden), "outside the scope");
    assert_eq!(authorize(&actor(Role::Admin, None), &front), Err(Denial::Forbidden));
}

#[test]
fn a_consultation_is_managed_by_its_agencys_staff_and_its_drafts_read_by_overseers_in_scope() {
    let (a1, path) = (agency("a1"), UnitPath::from_codes(["46", "19753"]));
    let manage = Action::ManageConsultation { agency_id: &a1 };
    let read = Action::ReadConsultation { agency_id: &a1, unit_path: &path };
    for who in [actor(Role::Officer, Some("a1")), actor(Role::Head, Some("a1")), actor(Role::Admin, None)] {
        assert_eq!(authorize(&who, &manage), Ok(()), "{:?}", who.role);
        assert_eq!(authorize(&who, &read), Ok(()), "{:?}", who.role);
    }
    for who in [monitor_of("46"), inspector_of("19753")] {
        assert_eq!(authorize(&who, &read), Ok(()), "{:?}", who.role);
        assert_eq!(authorize(&who, &manage), Err(Denial::Forbidden), "overseers never publish");
    }
    for who in [actor(Role::Officer, Some("a2")), citizen("c"), monitor_of("19900")] {
        assert_eq!(authorize(&who, &manage), Err(Denial::Forbidden));
        assert_eq!(authorize(&who, &read), Err(Denial::Forbidden));
    }
}
