//! A petition's status as Open311 names it: `open` or `closed` (GeoReport v2), the detailed
//! status of the mySociety `servicerequestupdates` extension, and the words of `status_notes`.

use crate::domain::events::EventKind;
use crate::domain::petition::PetitionStatus;

/// The statuses of GeoReport v2 and of the mySociety extension that pakn's steps map to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StandardStatus {
    /// Reported, not yet taken up (received, or sent on to the competent agency).
    Open,
    /// Accepted: the agency is looking into it.
    Investigating,
    /// Being verified, or waiting on a step (assigned, information asked, a dialogue held).
    InProgress,
    /// Paused by a decision with its legal ground.
    ActionScheduled,
    /// Answered by the head of the agency.
    Fixed,
    /// Finished without an answer on the merits: withdrawn, or closed after the answer.
    Closed,
    /// Not accepted: not within the agency's competence.
    NotCouncilsResponsibility,
    /// Not accepted for another legal reason.
    NoFurtherAction,
    /// Joined to another petition on the same matter.
    Duplicate,
    /// Sent on to another agency.
    InternalReferral,
}

impl StandardStatus {
    pub const ALL: [StandardStatus; 10] = [
        StandardStatus::Open,
        StandardStatus::Investigating,
        StandardStatus::InProgress,
        StandardStatus::ActionScheduled,
        StandardStatus::Fixed,
        StandardStatus::Closed,
        StandardStatus::NotCouncilsResponsibility,
        StandardStatus::NoFurtherAction,
        StandardStatus::Duplicate,
        StandardStatus::InternalReferral,
    ];

    /// A status a client sent, in any case (FixMyStreet writes them in capitals).
    pub fn parse(text: &str) -> Option<Self> {
        StandardStatus::ALL.into_iter().find(|status| status.as_str().eq_ignore_ascii_case(text.trim()))
    }

    /// The status of a petition, in the extension's words.
    pub fn of(status: PetitionStatus, refused_as_not_competent: bool) -> Self {
        match status {
            PetitionStatus::Received => StandardStatus::Open,
            PetitionStatus::Transferred => StandardStatus::InternalReferral,
            PetitionStatus::Accepted => StandardStatus::Investigating,
            PetitionStatus::InProgress => StandardStatus::InProgress,
            PetitionStatus::Suspended => StandardStatus::ActionScheduled,
            PetitionStatus::Resolved => StandardStatus::Fixed,
            PetitionStatus::Closed | PetitionStatus::Withdrawn => StandardStatus::Closed,
            PetitionStatus::Refused if refused_as_not_competent => StandardStatus::NotCouncilsResponsibility,
            PetitionStatus::Refused => StandardStatus::NoFurtherAction,
            PetitionStatus::Merged => StandardStatus::Duplicate,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            StandardStatus::Open => "open",
            StandardStatus::Investigating => "investigating",
            StandardStatus::InProgress => "in_progress",
            StandardStatus::ActionScheduled => "action_scheduled",
            StandardStatus::Fixed => "fixed",
            StandardStatus::Closed => "closed",
            StandardStatus::NotCouncilsResponsibility => "not_councils_responsibility",
            StandardStatus::NoFurtherAction => "no_further_action",
            StandardStatus::Duplicate => "duplicate",
            StandardStatus::InternalReferral => "internal_referral",
        }
    }

    /// GeoReport v2's own two statuses: `closed` once nothing more will be done.
    pub fn open_or_closed(self) -> &'static str {
        match self {
            StandardStatus::Open
            | StandardStatus::Investigating
            | StandardStatus::InProgress
            | StandardStatus::ActionScheduled
            | StandardStatus::InternalReferral => "open",
            StandardStatus::Fixed
            | StandardStatus::Closed
            | StandardStatus::NotCouncilsResponsibility
            | StandardStatus::NoFurtherAction
            | StandardStatus::Duplicate => "closed",
        }
    }
}

/// The status a petition is in after a timeline entry, for mySociety's `servicerequestupdates`;
/// None for entries that are not a step of the petition's handling.
pub fn status_after(kind: EventKind, data: &serde_json::Value) -> Option<StandardStatus> {
    Some(match kind {
        EventKind::PetitionFiled => StandardStatus::Open,
        EventKind::PetitionAccepted => StandardStatus::Investigating,
        EventKind::PetitionAssigned
        | EventKind::PetitionInformationRequested
        | EventKind::PetitionDialogueRecorded
        | EventKind::PetitionExtended
        | EventKind::PetitionResumed
        | EventKind::PetitionReopened => StandardStatus::InProgress,
        EventKind::PetitionSuspended => StandardStatus::ActionScheduled,
        EventKind::PetitionTransferred => StandardStatus::InternalReferral,
        EventKind::PetitionResolved => StandardStatus::Fixed,
        EventKind::PetitionClosed | EventKind::PetitionWithdrawn => StandardStatus::Closed,
        EventKind::PetitionMerged => StandardStatus::Duplicate,
        EventKind::PetitionRefused if data["reason_code"] == "not_within_competence" => {
            StandardStatus::NotCouncilsResponsibility
        }
        EventKind::PetitionRefused => StandardStatus::NoFurtherAction,
        _ => return None,
    })
}

/// The timeline entries `status_after` names, as stored.
pub fn step_kinds() -> Vec<&'static str> {
    EventKind::ALL
        .iter()
        .filter(|kind| status_after(**kind, &serde_json::Value::Null).is_some())
        .map(|k| k.as_str())
        .collect()
}

/// `status_notes`: pakn's own status in words, for clients that show more than open/closed.
pub fn status_notes(status: PetitionStatus) -> &'static str {
    match status {
        PetitionStatus::Received => "Received; awaiting acceptance by the agency.",
        PetitionStatus::Accepted => "Accepted by the agency; being looked into.",
        PetitionStatus::InProgress => "Being verified by the agency.",
        PetitionStatus::Suspended => "Resolution suspended by a decision with its legal ground.",
        PetitionStatus::Transferred => "Sent on to the competent agency.",
        PetitionStatus::Resolved => "Answered by the head of the agency.",
        PetitionStatus::Closed => "Closed after the answer.",
        PetitionStatus::Refused => "Not accepted, for a legal reason.",
        PetitionStatus::Withdrawn => "Withdrawn by the petitioner.",
        PetitionStatus::Merged => "Joined to another petition on the same matter.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_is_finished_is_closed() {
        for status in PetitionStatus::ALL {
            let standard = StandardStatus::of(*status, false);
            let finished = matches!(
                status,
                PetitionStatus::Resolved
                    | PetitionStatus::Closed
                    | PetitionStatus::Refused
                    | PetitionStatus::Withdrawn
                    | PetitionStatus::Merged
            );
            assert_eq!(standard.open_or_closed() == "closed", finished, "{status}");
        }
        assert_eq!(StandardStatus::of(PetitionStatus::Refused, true).as_str(), "not_councils_responsibility");
    }
}
