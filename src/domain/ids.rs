//! Typed identifiers: a petition's id cannot be passed where an agency's is expected. Each is a
//! UUID kept as its canonical lower-case text, the form both databases store.

/// Text that is not a UUID, where an id was expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("must be {0} id (a UUID)")]
pub struct NotAnId(pub &'static str);

macro_rules! uuid_id {
    ($($(#[$meta:meta])* $name:ident => $what:literal;)+) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// An id a client sent: any spelling of a UUID, kept in canonical form.
            pub fn parse(text: &str) -> Result<Self, NotAnId> {
                uuid::Uuid::parse_str(text).map(Self::from).map_err(|_| NotAnId($what))
            }

            /// An id read back from the database, where only canonical ids are ever written.
            pub fn from_stored(text: String) -> Self {
                $name(text)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = NotAnId;

            fn from_str(text: &str) -> Result<Self, NotAnId> {
                $name::parse(text)
            }
        }

        impl From<uuid::Uuid> for $name {
            fn from(uuid: uuid::Uuid) -> Self {
                $name(uuid.to_string())
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;

            fn deref(&self) -> &str {
                &self.0
            }
        }

        /// Compares with an id's text, as tests and stored references hold it.
        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    )+};
}

uuid_id! {
    /// A petition.
    PetitionId => "a petition";
    /// An agency.
    AgencyId => "an agency";
    /// A user account.
    UserId => "a user";
    /// One version of an administrative unit (a code may have several over time).
    AdminUnitId => "an administrative unit";
    /// An evidence file.
    AttachmentId => "an attachment";
    /// A message on a petition.
    MessageId => "a message";
    /// An e-mail in the outbox.
    EmailId => "an e-mail";
    /// A routing rule.
    RoutingRuleId => "a routing rule";
    /// One version of a deadline rule.
    DeadlineRuleId => "a deadline rule";
    /// A head's term at an agency.
    HeadTermId => "a head's term";
    /// A signed-in session.
    SessionId => "a session";
    /// An entry in the event log.
    EventId => "an event";
    /// A key issued to an Open311 client.
    Open311KeyId => "an Open311 key";
    /// A read of someone's personal data, in the access log.
    DataReadId => "a personal data read";
    /// A person's request over their data.
    DataRequestId => "a data request";
    /// A personal data breach.
    BreachId => "a breach";
    /// A monitor's finding.
    FindingId => "a finding";
    /// A recommendation after supervision.
    RecommendationId => "a recommendation";
    /// A sample of an agency's answered petitions a monitor checks against the facts.
    ClosureCheckId => "a closure check";
    /// A file kept as the evidence of a finding or of a recommendation's remedy.
    SupervisionFileId => "a supervision file";
    /// One version of a reception-day minimum.
    ReceptionRuleId => "a reception rule";
    /// A session of a head's citizen-reception schedule.
    ReceptionSessionId => "a reception session";
    /// A citizen's booked slot at a reception session.
    ReceptionBookingId => "a reception booking";
    /// A plan, project or draft an agency puts to public comment.
    ConsultationId => "a consultation";
    /// A citizen's comment on a consultation.
    ConsultationCommentId => "a consultation comment";
    /// An agency's answer to one or more comments on a consultation.
    ConsultationAnswerId => "a consultation answer";
    /// A dialogue meeting held about a consultation.
    ConsultationMeetingId => "a consultation meeting";
    /// A document of a consultation (the plan, a map, an annex).
    ConsultationDocumentId => "a consultation document";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_spelling_of_a_uuid_is_kept_in_canonical_form() {
        let id = PetitionId::parse("7F1C2A52-0000-4000-8000-000000000001").unwrap();
        assert_eq!(id.as_str(), "7f1c2a52-0000-4000-8000-000000000001");
        assert_eq!(PetitionId::parse("7f1c2a5200004000800000000000000 1").ok(), None);
    }

    #[test]
    fn text_that_is_no_uuid_says_what_id_was_expected() {
        assert_eq!(AgencyId::parse("hue-ban-tiep-cong-dan").unwrap_err().to_string(), "must be an agency id (a UUID)");
    }
}
