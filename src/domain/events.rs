//! What happened, as the event log keeps it: a closed set of kinds, each about one kind of
//! subject, and data in one canonical serialisation, so that the same event always hashes the same
//! (the audit chain relies on both).

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::Value;

use super::admin_unit::AdminUnitCode;
use super::category::CategoryCode;
use super::deadline::Round;
use super::ids::{
    AgencyId, BreachId, ClosureCheckId, ConsultationId, EventId, FindingId, PetitionId, ReceptionRuleId,
    ReceptionSessionId, RecommendationId, RoutingRuleId, UserId,
};
use super::personal_data::rules::RuleName;
use super::petition::PetitionKind;
use super::reports::periods::PeriodKind;

crate::text_enum! {
    /// Every kind of event pakn records. The text before the dot names the subject it is about.
    pub enum EventKind {
        PetitionFiled => "petition.filed",
        PetitionAccepted => "petition.accepted",
        PetitionRefused => "petition.refused",
        PetitionTransferred => "petition.transferred",
        PetitionAssigned => "petition.assigned",
        PetitionInformationRequested => "petition.information_requested",
        PetitionDialogueRecorded => "petition.dialogue_recorded",
        PetitionExtended => "petition.extended",
        PetitionResolved => "petition.resolved",
        PetitionRated => "petition.rated",
        PetitionAppealed => "petition.appealed",
        PetitionReopened => "petition.reopened",
        PetitionMerged => "petition.merged",
        PetitionWithdrawn => "petition.withdrawn",
        PetitionPartlyWithdrawn => "petition.partly_withdrawn",
        PetitionIntakeExtended => "petition.intake_extended",
        PetitionSuspended => "petition.suspended",
        PetitionResumed => "petition.resumed",
        PetitionClosed => "petition.closed",
        PetitionOverdue => "petition.overdue",
        PetitionDeadlineNear => "petition.deadline_near",
        PetitionIdentityUnsealed => "petition.identity_unsealed",
        PetitionEvidenceAdded => "petition.evidence_added",
        PetitionPetitionerWrote => "petition.petitioner_wrote",
        PetitionReassigned => "petition.reassigned",
        PetitionUnitReassigned => "petition.unit_reassigned",
        PetitionCorrectionRequested => "petition.correction_requested",
        PetitionPetitionerCorrected => "petition.petitioner_corrected",
        PetitionCorrectionRefused => "petition.correction_refused",
        UserRegistered => "user.registered",
        UserEmailVerified => "user.email_verified",
        UserVerifyEmailLinkSent => "user.verify_email_link_sent",
        UserPasswordResetLinkSent => "user.password_reset_link_sent",
        UserInvited => "user.invited",
        UserInvitationAccepted => "user.invitation_accepted",
        UserProfileUpdated => "user.profile_updated",
        UserPasswordChanged => "user.password_changed",
        UserPasswordReset => "user.password_reset",
        UserPlacementChanged => "user.placement_changed",
        UserReceptionOfficerGranted => "user.reception_officer_granted",
        UserReceptionOfficerRevoked => "user.reception_officer_revoked",
        UserDisabled => "user.disabled",
        UserEnabled => "user.enabled",
        UserCreatedFromCommandLine => "user.created_from_command_line",
        UserDataExported => "user.data_exported",
        UserErased => "user.erased",
        AgencyCreated => "agency.created",
        AgencyUpdated => "agency.updated",
        AgencyHeadAppointed => "agency.head_appointed",
        AgencyHeadTermEnded => "agency.head_term_ended",
        AgencyPetitionsMoved => "agency.petitions_moved",
        /// A month in which the agency's head received citizens on fewer days than the minimum.
        AgencyReceptionShort => "agency.reception_short",
        AdminUnitPetitionsMoved => "admin_unit.petitions_moved",
        CategoryCreated => "category.created",
        CategoryUpdated => "category.updated",
        CalendarDayListed => "calendar.day_listed",
        CalendarDayRemoved => "calendar.day_removed",
        CalendarYearSet => "calendar_year.set",
        DeadlineRuleReplaced => "deadline_rule.replaced",
        RoutingRuleCreated => "routing_rule.created",
        RoutingRuleEnded => "routing_rule.ended",
        PrivacyNoticePublished => "privacy_notice.published",
        DataProtectionRuleChanged => "data_protection_rule.changed",
        /// What a retention rule removed: a count, never the content.
        DataProtectionRulePurged => "data_protection_rule.purged",
        BreachRecorded => "breach.recorded",
        BreachAuthorityNotified => "breach.authority_notified",
        BreachPeopleNotified => "breach.people_notified",
        FindingRecorded => "finding.recorded",
        /// A file added to a finding or a recommendation, named by its content hash: the chain
        /// then vouches for the file's bytes too.
        FindingEvidenceAdded => "finding.evidence_added",
        RecommendationEvidenceAdded => "recommendation.evidence_added",
        RecommendationIssued => "recommendation.issued",
        RecommendationResponded => "recommendation.responded",
        RecommendationProgressReported => "recommendation.progress_reported",
        RecommendationClosed => "recommendation.closed",
        RecommendationEscalated => "recommendation.escalated",
        RecommendationReminded => "recommendation.reminded",
        RecommendationOverdue => "recommendation.overdue",
        SupervisionRuleChanged => "supervision_rule.changed",
        ClosureCheckDrawn => "closure_check.drawn",
        ClosureCheckVerdictRecorded => "closure_check.verdict_recorded",
        ReportPeriodChanged => "report_period.changed",
        ReceptionSessionScheduled => "reception_session.scheduled",
        ReceptionSessionBooked => "reception_session.booked",
        ReceptionSessionCancelled => "reception_session.cancelled",
        ReceptionSessionRecorded => "reception_session.recorded",
        ReceptionRuleAdded => "reception_rule.added",
        ConsultationDrafted => "consultation.drafted",
        ConsultationEdited => "consultation.edited",
        ConsultationPublished => "consultation.published",
        ConsultationExtended => "consultation.extended",
        /// A comment made: its id and section, never its words or its author's name.
        ConsultationCommented => "consultation.commented",
        ConsultationCommentSupported => "consultation.comment_supported",
        ConsultationCommentHidden => "consultation.comment_hidden",
        ConsultationAnswered => "consultation.answered",
        ConsultationConcluded => "consultation.concluded",
        /// The sweep found its synthesis overdue and told the agency: the days, never a name.
        ConsultationSynthesisOverdue => "consultation.synthesis_overdue",
        ConsultationMeetingScheduled => "consultation.meeting_scheduled",
        /// A document added, named by its content hash: the chain vouches for its bytes too.
        ConsultationDocumentAdded => "consultation.document_added",
        ConsultationMinutesRecorded => "consultation.minutes_recorded",
        ConsultationRuleChanged => "consultation_rule.changed",
        /// The units someone follows for new consultations: unit codes only.
        UserConsultationSubscriptionsChanged => "user.consultation_subscriptions_changed",
    }
}

impl EventKind {
    /// The kind of subject an event of this kind is about (`Subject::type_name`).
    pub fn subject_type(self) -> &'static str {
        match self.as_str().split('.').next().unwrap_or_default() {
            "petition" => "petition",
            "user" => "user",
            "agency" => "agency",
            "admin_unit" => "admin_unit",
            "category" => "category",
            "calendar" => "calendar_day",
            "calendar_year" => "calendar_year",
            "deadline_rule" => "deadline_rule",
            "privacy_notice" => "privacy_notice",
            "data_protection_rule" => "data_protection_rule",
            "breach" => "breach",
            "finding" => "finding",
            "recommendation" => "recommendation",
            "supervision_rule" => "supervision_rule",
            "closure_check" => "closure_check",
            "report_period" => "report_period",
            "reception_session" => "reception_session",
            "reception_rule" => "reception_rule",
            "consultation" => "consultation",
            "consultation_rule" => "consultation_rule",
            _ => "routing_rule",
        }
    }
}

/// What an event is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject<'a> {
    Petition(&'a PetitionId),
    User(&'a UserId),
    Agency(&'a AgencyId),
    AdminUnit(&'a AdminUnitCode),
    Category(&'a CategoryCode),
    CalendarDay(NaiveDate),
    CalendarYear(i32),
    DeadlineRule(PetitionKind, Round),
    RoutingRule(&'a RoutingRuleId),
    PrivacyNotice(i32),
    DataProtectionRule(RuleName),
    Breach(&'a BreachId),
    Finding(&'a FindingId),
    Recommendation(&'a RecommendationId),
    SupervisionRule(&'a str),
    ClosureCheck(&'a ClosureCheckId),
    ReportPeriod(PeriodKind),
    ReceptionSession(&'a ReceptionSessionId),
    ReceptionRule(&'a ReceptionRuleId),
    Consultation(&'a ConsultationId),
    ConsultationRule(&'a str),
}

impl Subject<'_> {
    pub fn type_name(&self) -> &'static str {
        match self {
            Subject::Petition(_) => "petition",
            Subject::User(_) => "user",
            Subject::Agency(_) => "agency",
            Subject::AdminUnit(_) => "admin_unit",
            Subject::Category(_) => "category",
            Subject::CalendarDay(_) => "calendar_day",
            Subject::CalendarYear(_) => "calendar_year",
            Subject::DeadlineRule(..) => "deadline_rule",
            Subject::RoutingRule(_) => "routing_rule",
            Subject::PrivacyNotice(_) => "privacy_notice",
            Subject::DataProtectionRule(_) => "data_protection_rule",
            Subject::Breach(_) => "breach",
            Subject::Finding(_) => "finding",
            Subject::Recommendation(_) => "recommendation",
            Subject::SupervisionRule(_) => "supervision_rule",
            Subject::ClosureCheck(_) => "closure_check",
            Subject::ReportPeriod(_) => "report_period",
            Subject::ReceptionSession(_) => "reception_session",
            Subject::ReceptionRule(_) => "reception_rule",
            Subject::Consultation(_) => "consultation",
            Subject::ConsultationRule(_) => "consultation_rule",
        }
    }

    /// The subject's id as the log stores it.
    pub fn id(&self) -> String {
        match self {
            Subject::Petition(id) => id.to_string(),
            Subject::User(id) => id.to_string(),
            Subject::Agency(id) => id.to_string(),
            Subject::AdminUnit(code) => code.to_string(),
            Subject::Category(code) => code.to_string(),
            Subject::CalendarDay(day) => day.to_string(),
            Subject::CalendarYear(year) => year.to_string(),
            Subject::DeadlineRule(kind, round) => format!("{kind}:{round}"),
            Subject::RoutingRule(id) => id.to_string(),
            Subject::PrivacyNotice(version) => version.to_string(),
            Subject::DataProtectionRule(rule) => rule.as_str().to_string(),
            Subject::Breach(id) => id.to_string(),
            Subject::Finding(id) => id.to_string(),
            Subject::Recommendation(id) => id.to_string(),
            Subject::SupervisionRule(rule) => rule.to_string(),
            Subject::ClosureCheck(id) => id.to_string(),
            Subject::ReportPeriod(kind) => kind.to_string(),
            Subject::ReceptionSession(id) => id.to_string(),
            Subject::ReceptionRule(id) => id.to_string(),
            Subject::Consultation(id) => id.to_string(),
            Subject::ConsultationRule(rule) => rule.to_string(),
        }
    }
}

crate::text_enum! {
    /// Who may read an entry of a petition's timeline: anyone (and the petitioner), or staff only.
    pub enum Visibility {
        Public => "public",
        Internal => "internal",
    }
}

/// An event's data: ids, codes and short facts, never personal details beyond what the subject's
/// own record holds. Its text is canonical: object keys sorted at every depth, no spaces.
#[derive(Debug, Clone, PartialEq)]
pub struct EventData(Value);

impl EventData {
    pub fn new(value: Value) -> Self {
        EventData(canonical(value))
    }

    pub fn value(&self) -> &Value {
        &self.0
    }

    /// The one serialisation of this data.
    pub fn canonical_text(&self) -> String {
        self.0.to_string()
    }
}

/// Rebuilds every object with its keys in sorted order, whichever map serde_json was built with.
fn canonical(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(key, value)| (key, canonical(value))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(canonical).collect()),
        other => other,
    }
}

/// An event as the log keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: EventId,
    /// Its place among its subject's events, from 1.
    pub seq: i32,
    pub occurred_at: NaiveDateTime,
    pub actor_id: Option<UserId>,
    pub kind: EventKind,
    pub subject_type: String,
    pub subject_id: String,
    pub data: EventData,
    pub visibility: Visibility,
    /// Words for a petition's timeline; never a confidential identity.
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_about_the_subject_its_name_begins_with() {
        for kind in EventKind::ALL {
            let prefix = kind.as_str().split('.').next().unwrap();
            let expected = if prefix == "calendar" { "calendar_day" } else { prefix };
            assert_eq!(kind.subject_type(), expected, "{kind}");
        }
    }

    #[test]
    fn event_data_reads_the_same_however_its_keys_were_written() {
        let one = EventData::new(
            serde_json::json!({ "to": "b", "from": "a", "nested": { "z": 1, "a": [ { "y": 2, "b": 3 } ] } }),
        );
        assert_eq!(one.canonical_text(), r#"{"from":"a","nested":{"a":[{"b":3,"y":2}],"z":1},"to":"b"}"#);
    }
}
