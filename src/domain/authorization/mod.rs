//! The one place that decides what each role may do: a pure function of (actor, action).
//! Handlers never check roles themselves; they ask `authorize` and turn a denial into 403 or 404.
//!
//! Oversight has two bodies with the same powers over their scope: the Fatherland Front's
//! monitors, who supervise (giám sát), and the steering committees' inspectors, who inspect
//! (kiểm tra). Plan 115/KH-UBND has the committees inspect on their own schedule and "track the
//! plans that remedy shortcomings and the handling of the recommendations made after each
//! inspection", so an inspector, like a monitor, reads everything in scope but sealed identities,
//! records findings, draws closure checks (a sample checked against the facts is an inspection),
//! and issues, closes and escalates its own recommendations (its inspection conclusions); every
//! such record keeps the body that made it (`OversightBody`). Neither takes a workflow step: both
//! oversee the agencies that handle petitions and never handle one themselves.

use super::account::{OversightBody, Role};
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
    /// The administrative unit a monitor or an inspector oversees (it and everything under it).
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
    /// Read staff notes: the handling agency, monitors and inspectors in scope, administrators.
    ReadInternalNotes(PetitionFacts<'a>),
    /// An agency's figures: its own staff, monitors, inspectors and administrators.
    ReadAgencyDashboard { agency_id: &'a AgencyId },
    /// Move every open petition of a dissolved agency to its successor.
    ReassignPetitions,
    /// Publish the privacy notice, set retention, keep the register of requests and breaches.
    ProtectPersonalData,
    /// See who read a petition's personal data: monitors and inspectors in scope, administrators.
    SuperviseDataReads(PetitionFacts<'a>),
    /// Decide a petitioner's request to correct their details: the handling agency's staff, or
    /// for a sealed identity only its reception officers (who alone may see it).
    DecideCorrection { facts: PetitionFacts<'a>, sealed: bool },
    /// Verify the audit chain, publish an anchor, receive anchors by e-mail: monitors, inspectors
    /// and administrators.
    VerifyAuditChain,
    /// Read the six-month and annual reports: administrators (the Department of Home Affairs)
    /// for any unit, monitors and inspectors for the units in their scope (checked with `Supervise`).
    ReadPeriodicReport,
    /// Record findings, draw closure checks, issue, close and escalate recommendations about what
    /// lies in the unit at `unit_path` (an agency's unit, a petition's): monitors and inspectors
    /// whose scope includes it.
    Supervise { unit_path: &'a UnitPath },
    /// Close or escalate a recommendation, record a verdict in a closure check: monitors and
    /// inspectors whose scope includes the agency's unit, of the body that made it — each body
    /// concludes its own supervision or inspection, and follows up its own conclusions.
    FollowUp { unit_path: &'a UnitPath, body: OversightBody },
    /// Answer a recommendation and report its remedy: the head of the agency it is addressed to.
    AnswerRecommendation { agency_id: &'a AgencyId },
    /// Read a recommendation or a finding: monitors and inspectors whose scope includes the
    /// agency's unit, administrators, and the addressed agency's staff.
    ReadRecommendation { agency_id: &'a AgencyId, unit_path: &'a UnitPath },
    /// A petition's audit trail with the proof linking it to a published anchor: monitors and
    /// inspectors in scope, administrators.
    ProvePetitionHistory(PetitionFacts<'a>),
    /// Publish an agency's reception schedule, cancel and record its sessions, read who booked:
    /// its head and officers.
    KeepReceptionSchedule { agency_id: &'a AgencyId },
    /// Book a slot at a reception session: citizens.
    BookReception,
    /// An agency's reception sessions and how its head's months stand against the minimum: its
    /// staff, monitors and inspectors in scope, administrators.
    ReadReceptionRecord { agency_id: &'a AgencyId, unit_path: &'a UnitPath },
    /// Draft, publish, extend a consultation, moderate and answer its comments: the staff of the
    /// agency that publishes it, and administrators.
    ManageConsultation { agency_id: &'a AgencyId },
    /// Read a consultation before it is published, and its hidden comments with their reasons:
    /// its agency's staff, monitors and inspectors whose scope includes the agency's unit,
    /// administrators.
    ReadConsultation { agency_id: &'a AgencyId, unit_path: &'a UnitPath },
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
        oversees(actor, self.unit_path)
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

/// A monitor or an inspector whose scope includes the unit at `unit_path`.
fn oversees(actor: &Actor, unit_path: &UnitPath) -> bool {
    actor.role.oversees() && actor.scope_admin_unit.as_ref().is_some_and(|scope| unit_path.includes(scope.as_str()))
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
        Action::DecideCorrection { facts, sealed } => {
            let may_see_it = if *sealed {
                authorize(actor, &Action::UnsealIdentity(*facts)).is_ok()
            } else {
                facts.is_handled_by(actor)
            };
            return if may_see_it { Ok(()) } else { petition_visible(facts) };
        }
        Action::SuperviseDataReads(facts) | Action::ProvePetitionHistory(facts) => {
            return if actor.role == Role::Admin || facts.is_in_scope_of(actor) {
                Ok(())
            } else {
                petition_visible(facts)
            };
        }
        Action::VerifyAuditChain | Action::ReadPeriodicReport => actor.role == Role::Admin || actor.role.oversees(),
        Action::Supervise { unit_path } => oversees(actor, unit_path),
        Action::FollowUp { unit_path, body } => {
            oversees(actor, unit_path) && actor.role.oversight_body() == Some(*body)
        }
        Action::AnswerRecommendation { agency_id } => {
            actor.role == Role::Head && actor.agency_id.as_ref() == Some(*agency_id)
        }
        Action::ReadRecommendation { agency_id, unit_path } | Action::ReadReceptionRecord { agency_id, unit_path } => {
            actor.role == Role::Admin
                || oversees(actor, unit_path)
                || (matches!(actor.role, Role::Head | Role::Officer) && actor.agency_id.as_ref() == Some(*agency_id))
        }
        Action::ManageConsultation { agency_id } => {
            actor.role == Role::Admin
                || (matches!(actor.role, Role::Head | Role::Officer) && actor.agency_id.as_ref() == Some(*agency_id))
        }
        Action::ReadConsultation { agency_id, unit_path } => {
            actor.role == Role::Admin
                || oversees(actor, unit_path)
                || (matches!(actor.role, Role::Head | Role::Officer) && actor.agency_id.as_ref() == Some(*agency_id))
        }
        Action::ReadAgencyDashboard { agency_id } => match actor.role {
            Role::Admin | Role::Monitor | Role::Inspector => true,
            Role::Officer | Role::Head => actor.agency_id.as_ref() == Some(*agency_id),
            Role::Citizen => false,
        },
        Action::KeepReceptionSchedule { agency_id } => {
            matches!(actor.role, Role::Head | Role::Officer) && actor.agency_id.as_ref() == Some(*agency_id)
        }
        Action::BookReception => actor.role == Role::Citizen,
        Action::ReassignPetitions | Action::ProtectPersonalData => actor.role == Role::Admin,
        Action::ManageOwnAccount => true,
        Action::ManageUsers | Action::ManageReferenceData | Action::ManageOutbox => actor.role == Role::Admin,
        Action::ListAgencyStaff { agency_id } => match actor.role {
            Role::Admin => true,
            Role::Officer | Role::Head => actor.agency_id.as_ref() == Some(*agency_id),
            Role::Citizen | Role::Monitor | Role::Inspector => false,
        },
    };
    if allowed { Ok(()) } else { Err(Denial::Forbidden) }
}

#[cfg(test)]
mod tests;
