//! The handling workflow: which action may be taken from which status, by whom, and where it
//! leads (`steps` says what each one changes). Pure rules; `service::handling` applies them and
//! records each step as an event.

pub mod appeal;
pub mod steps;

use super::account::Role;
use super::petition::{Outcome, PetitionKind, PetitionStatus};

crate::text_enum! {
    /// What can be done to a petition, as `POST /api/v1/petitions/{id}/<action>`.
    pub enum WorkflowAction {
        Accept => "accept",
        Refuse => "refuse",
        Transfer => "transfer",
        Assign => "assign",
        RequestInformation => "request-information",
        RecordDialogue => "record-dialogue",
        Extend => "extend",
        Resolve => "resolve",
        Rate => "rate",
        Appeal => "appeal",
        Reopen => "reopen",
        /// The petitioner says an answered feedback or proposal was not fixed, within the window.
        NotFixed => "not-fixed",
        Merge => "merge",
        Withdraw => "withdraw",
        ExtendIntake => "extend-intake",
        Suspend => "suspend",
        Resume => "resume",
        WithdrawPart => "withdraw-part",
    }
}

/// How the actor stands to the petition, beyond their role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Filed it (or is its account holder).
    Petitioner,
    /// Works in the assigned agency.
    HandlingStaff,
    /// Anyone else with the role.
    Other,
}

use PetitionStatus as S;
use WorkflowAction as A;

/// The statuses an action may start from.
pub fn allowed_from(action: WorkflowAction) -> &'static [PetitionStatus] {
    match action {
        A::Accept | A::Refuse | A::ExtendIntake => &[S::Received, S::Transferred],
        A::Transfer => &[S::Received, S::Accepted, S::InProgress, S::Transferred],
        A::Assign | A::RequestInformation | A::RecordDialogue | A::Extend => &[S::Accepted, S::InProgress],
        A::Resolve => &[S::Accepted, S::InProgress],
        A::Rate | A::Appeal => &[S::Resolved, S::Closed],
        A::Reopen => &[S::Resolved, S::Closed, S::Refused],
        // Only while resolved: the window closes with the petition.
        A::NotFixed => &[S::Resolved],
        A::Merge => &[S::Received, S::Accepted, S::InProgress, S::Transferred],
        A::Withdraw | A::WithdrawPart => &[S::Received, S::Accepted, S::InProgress, S::Transferred, S::Suspended],
        A::Suspend => &[S::Accepted, S::InProgress],
        A::Resume => &[S::Suspended],
    }
}

/// Where an action leads (None: the status does not change).
pub fn leads_to(action: WorkflowAction, from: PetitionStatus) -> Option<PetitionStatus> {
    match action {
        A::Accept => Some(S::Accepted),
        A::Refuse => Some(S::Refused),
        A::Transfer => Some(S::Transferred),
        A::Assign | A::RequestInformation | A::RecordDialogue => (from == S::Accepted).then_some(S::InProgress),
        A::Extend | A::Rate | A::ExtendIntake | A::WithdrawPart => None,
        A::Suspend => Some(S::Suspended),
        A::Resume => Some(S::InProgress),
        // The first-time complaint ends there, decided or not: the superior agency takes it on.
        A::Appeal => (from != S::Closed).then_some(S::Closed),
        A::Resolve => Some(S::Resolved),
        A::Reopen | A::NotFixed => Some(S::InProgress),
        A::Merge => Some(S::Merged),
        A::Withdraw => Some(S::Withdrawn),
    }
}

/// Who may take an action (the table of issue #5): heads answer personally for `resolve`,
/// `extend`, `suspend` and `resume`; the petitioner alone rates, appeals and withdraws.
pub fn may_take(action: WorkflowAction, role: Role, standing: Standing) -> bool {
    let staff = standing == Standing::HandlingStaff && matches!(role, Role::Officer | Role::Head);
    let head = standing == Standing::HandlingStaff && role == Role::Head;
    let petitioner = standing == Standing::Petitioner;
    match action {
        A::Accept | A::Refuse | A::RequestInformation | A::RecordDialogue | A::ExtendIntake => staff,
        A::Transfer => staff || role == Role::Admin,
        A::Assign | A::Extend | A::Resolve | A::Suspend | A::Resume => head,
        A::Rate | A::Appeal | A::Withdraw | A::WithdrawPart | A::NotFixed => petitioner,
        A::Reopen => head || role == Role::Admin,
        A::Merge => standing == Standing::HandlingStaff && role == Role::Officer,
    }
}

/// The actions open from `status` to this actor, for the 409 that names them.
pub fn open_actions(status: PetitionStatus, role: Role, standing: Standing) -> Vec<WorkflowAction> {
    WorkflowAction::ALL
        .iter()
        .copied()
        .filter(|action| allowed_from(*action).contains(&status) && may_take(*action, role, standing))
        .collect()
}

/// Whether the law gives this kind of petition the action at all: only complaints and
/// denunciations are suspended or withdrawn in part, only a complaint is appealed.
pub fn applies_to(action: WorkflowAction, kind: PetitionKind) -> bool {
    match action {
        A::Suspend | A::Resume | A::WithdrawPart => {
            matches!(kind, PetitionKind::Complaint | PetitionKind::Denunciation)
        }
        A::Appeal => kind == PetitionKind::Complaint,
        A::NotFixed => steps::confirms_fix(kind),
        _ => true,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The role or standing does not allow the action at all.
    NotPermitted,
    /// Not from this status; `open` lists what this actor can do now.
    WrongStatus { status: PetitionStatus, open: Vec<WorkflowAction> },
}

/// Checks an action and returns the status it leads to.
pub fn check(
    action: WorkflowAction,
    status: PetitionStatus,
    role: Role,
    standing: Standing,
) -> Result<Option<PetitionStatus>, Refusal> {
    if !may_take(action, role, standing) {
        return Err(Refusal::NotPermitted);
    }
    if !allowed_from(action).contains(&status) {
        return Err(Refusal::WrongStatus { status, open: open_actions(status, role, standing) });
    }
    Ok(leads_to(action, status))
}

/// Complaints and denunciations are decided on (upheld, partly upheld, rejected); feedback and
/// proposals are answered.
pub fn outcome_fits(kind: PetitionKind, outcome: Outcome) -> bool {
    match kind {
        PetitionKind::Complaint | PetitionKind::Denunciation => outcome != Outcome::Answered,
        PetitionKind::Feedback | PetitionKind::Proposal => outcome == Outcome::Answered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_handling_staff_accept_a_received_petition() {
        assert_eq!(check(A::Accept, S::Received, Role::Officer, Standing::HandlingStaff), Ok(Some(S::Accepted)));
        assert_eq!(check(A::Accept, S::Received, Role::Head, Standing::HandlingStaff), Ok(Some(S::Accepted)));
        assert_eq!(check(A::Accept, S::Received, Role::Officer, Standing::Other), Err(Refusal::NotPermitted));
        assert_eq!(check(A::Accept, S::Received, Role::Citizen, Standing::Petitioner), Err(Refusal::NotPermitted));
    }

    #[test]
    fn only_the_head_resolves_and_extends() {
        assert_eq!(check(A::Resolve, S::InProgress, Role::Head, Standing::HandlingStaff), Ok(Some(S::Resolved)));
        assert_eq!(
            check(A::Resolve, S::InProgress, Role::Officer, Standing::HandlingStaff),
            Err(Refusal::NotPermitted)
        );
        assert_eq!(check(A::Extend, S::Accepted, Role::Head, Standing::HandlingStaff), Ok(None));
        assert_eq!(check(A::Extend, S::Accepted, Role::Admin, Standing::Other), Err(Refusal::NotPermitted));
    }

    #[test]
    fn an_action_from_the_wrong_status_names_the_status_and_what_is_open() {
        let refusal = check(A::Resolve, S::Received, Role::Head, Standing::HandlingStaff).unwrap_err();
        assert_eq!(
            refusal,
            Refusal::WrongStatus {
                status: S::Received,
                open: vec![A::Accept, A::Refuse, A::Transfer, A::ExtendIntake]
            }
        );
    }

    #[test]
    fn the_petitioner_rates_and_appeals_only_after_resolution_and_withdraws_only_before() {
        assert_eq!(check(A::Rate, S::Resolved, Role::Citizen, Standing::Petitioner), Ok(None));
        assert!(matches!(
            check(A::Rate, S::InProgress, Role::Citizen, Standing::Petitioner),
            Err(Refusal::WrongStatus { .. })
        ));
        assert_eq!(check(A::Appeal, S::Closed, Role::Citizen, Standing::Petitioner), Ok(None));
        assert_eq!(check(A::Withdraw, S::InProgress, Role::Citizen, Standing::Petitioner), Ok(Some(S::Withdrawn)));
        assert!(check(A::Withdraw, S::Resolved, Role::Citizen, Standing::Petitioner).is_err());
    }

    #[test]
    fn the_first_step_of_work_moves_an_accepted_petition_in_progress() {
        assert_eq!(check(A::Assign, S::Accepted, Role::Head, Standing::HandlingStaff), Ok(Some(S::InProgress)));
        assert_eq!(check(A::RecordDialogue, S::InProgress, Role::Officer, Standing::HandlingStaff), Ok(None));
    }

    #[test]
    fn only_the_head_suspends_resolution_and_resumes_it() {
        assert_eq!(check(A::Suspend, S::InProgress, Role::Head, Standing::HandlingStaff), Ok(Some(S::Suspended)));
        assert_eq!(
            check(A::Suspend, S::InProgress, Role::Officer, Standing::HandlingStaff),
            Err(Refusal::NotPermitted)
        );
        assert_eq!(check(A::Resume, S::Suspended, Role::Head, Standing::HandlingStaff), Ok(Some(S::InProgress)));
        let suspended = open_actions(S::Suspended, Role::Head, Standing::HandlingStaff);
        assert_eq!(suspended, [A::Resume], "nothing is decided while suspended");
        assert!(check(A::Resolve, S::Suspended, Role::Head, Standing::HandlingStaff).is_err());
    }

    #[test]
    fn the_petitioner_withdraws_all_or_part_until_the_decision_even_while_suspended() {
        for action in [A::Withdraw, A::WithdrawPart] {
            assert!(check(action, S::Suspended, Role::Citizen, Standing::Petitioner).is_ok());
            assert!(check(action, S::Resolved, Role::Citizen, Standing::Petitioner).is_err());
        }
        assert_eq!(check(A::WithdrawPart, S::InProgress, Role::Citizen, Standing::Petitioner), Ok(None));
    }

    #[test]
    fn intake_is_extended_by_the_handling_staff_before_acceptance() {
        assert_eq!(check(A::ExtendIntake, S::Received, Role::Officer, Standing::HandlingStaff), Ok(None));
        assert!(check(A::ExtendIntake, S::Accepted, Role::Officer, Standing::HandlingStaff).is_err());
    }

    #[test]
    fn administrators_transfer_and_reopen_but_do_not_decide() {
        assert_eq!(check(A::Transfer, S::Received, Role::Admin, Standing::Other), Ok(Some(S::Transferred)));
        assert_eq!(check(A::Reopen, S::Refused, Role::Admin, Standing::Other), Ok(Some(S::InProgress)));
        assert_eq!(check(A::Accept, S::Received, Role::Admin, Standing::Other), Err(Refusal::NotPermitted));
        assert_eq!(check(A::Resolve, S::InProgress, Role::Admin, Standing::Other), Err(Refusal::NotPermitted));
    }

    #[test]
    fn finished_petitions_are_final_except_for_rating_appeal_and_reopening() {
        for status in [S::Withdrawn, S::Merged] {
            for role in Role::ALL {
                for standing in [Standing::Petitioner, Standing::HandlingStaff, Standing::Other] {
                    assert!(open_actions(status, *role, standing).is_empty(), "{status} {role} {standing:?}");
                }
            }
        }
    }

    #[test]
    fn monitors_and_inspectors_never_act_on_petitions() {
        for role in [Role::Monitor, Role::Inspector] {
            for action in WorkflowAction::ALL {
                for standing in [Standing::Petitioner, Standing::HandlingStaff, Standing::Other] {
                    assert!(!may_take(*action, role, standing) || standing == Standing::Petitioner, "{role} {action}");
                }
            }
        }
    }

    #[test]
    fn decisions_fit_their_kind() {
        assert!(outcome_fits(PetitionKind::Complaint, Outcome::PartlyUpheld));
        assert!(!outcome_fits(PetitionKind::Denunciation, Outcome::Answered));
        assert!(outcome_fits(PetitionKind::Proposal, Outcome::Answered));
        assert!(!outcome_fits(PetitionKind::Feedback, Outcome::Upheld));
    }
}
