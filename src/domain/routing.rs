//! Who must answer, and why: the statutory routes for complaints and denunciations (each naming
//! its article), and routing rules (kind?, category, administrative unit subtree) → agency for
//! feedback, proposals and breaches in a managed field, the most specific rule winning. Pure: the
//! caller brings the rules and agencies valid at filing time.

use chrono::{NaiveDate, NaiveDateTime};

use super::admin_unit::{AdminUnitCode, UnitPath};
use super::agency::{Agency, AgencyKind};
use super::category::CategoryCode;
use super::deadline::Round;
use super::ids::{AgencyId, RoutingRuleId, UserId};
use super::petition::PetitionKind;

/// A routing rule: petitions of `category` (and `kind`, if set) filed in `unit_code` or anywhere
/// below it go to `agency_id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutingRule {
    pub kind: Option<PetitionKind>,
    pub category: CategoryCode,
    pub unit_code: AdminUnitCode,
    pub agency_id: AgencyId,
}

/// A rule as it is kept: in force from its first day until it is ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutingRuleRecord {
    pub id: RoutingRuleId,
    pub rule: RoutingRule,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
}

/// The most specific rule for a petition filed in the unit at `unit_path` ("46/19753/", root
/// first): the rule for the deepest unit of the path wins; at the same unit, a rule naming the
/// kind beats one for every kind. None: no rule matches (the triage queue takes it).
pub fn most_specific_rule<'a>(
    rules: &'a [RoutingRule],
    kind: PetitionKind,
    category: &CategoryCode,
    unit_path: &UnitPath,
) -> Option<&'a RoutingRule> {
    let units: Vec<&str> = unit_path.codes().collect();
    rules
        .iter()
        .filter(|rule| &rule.category == category && rule.kind.is_none_or(|k| k == kind))
        .filter_map(|rule| {
            units
                .iter()
                .position(|unit| *unit == rule.unit_code.as_str())
                .map(|depth| (depth, rule.kind.is_some(), rule))
        })
        .max_by_key(|(depth, names_kind, _)| (*depth, *names_kind))
        .map(|(_, _, rule)| rule)
}

crate::text_enum! {
    /// Who a denunciation is about, which decides who resolves it (Law on Denunciations 2018, Art. 12).
    pub enum DenouncedPosition {
        /// An official or public employee: the head of the agency that manages them (Art. 12(1)).
        Staff => "staff",
        /// The head of an agency or a deputy head: the head of the superior agency (Art. 12(1)).
        HeadOrDeputy => "head_or_deputy",
        /// The agency itself, in performing its duties: the head of its superior (Art. 12(6)).
        Agency => "agency",
    }
}

/// An agency as routing needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyLink {
    pub id: AgencyId,
    pub parent_id: Option<AgencyId>,
    pub kind: AgencyKind,
}

impl AgencyLink {
    pub fn of(agency: &Agency) -> Self {
        AgencyLink { id: agency.id.clone(), parent_id: agency.parent_id.clone(), kind: agency.kind }
    }
}

/// Why a petition goes where it goes, in the words of the article that says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteBasis {
    /// Law on Complaints 2011, Arts. 17–21: the one whose decision or act is complained about.
    FirstTimeComplaint,
    /// Law on Complaints 2011, Arts. 7(2), 18–21: the superior of the first-time resolver.
    SecondTimeComplaint,
    /// Law on Denunciations 2018, Art. 12(1), first paragraph.
    DenouncedStaff,
    /// Law on Denunciations 2018, Art. 12(1), second paragraph.
    DenouncedHeadOrDeputy,
    /// Law on Denunciations 2018, Art. 12(6).
    DenouncedAgency,
    /// Law on Denunciations 2018, Art. 41(1): a breach of the rules of a field the state manages.
    FieldManagement,
    /// A routing rule for the category and the area (feedback and proposals: local policy).
    RoutingRule,
    /// No agency could be found: the coordinating office routes it by hand.
    Triage,
}

impl RouteBasis {
    pub fn in_words(self) -> &'static str {
        match self {
            RouteBasis::FirstTimeComplaint => {
                "Law on Complaints 2011, Arts. 17-21: a first-time complaint is resolved by the head of the agency whose decision or act it is about"
            }
            RouteBasis::SecondTimeComplaint => {
                "Law on Complaints 2011, Arts. 7(2) and 18-21: a second-time complaint is resolved by the head of the superior agency"
            }
            RouteBasis::DenouncedStaff => {
                "Law on Denunciations 2018, Art. 12(1): a denunciation about an official or employee is resolved by the head of the agency that manages them"
            }
            RouteBasis::DenouncedHeadOrDeputy => {
                "Law on Denunciations 2018, Art. 12(1): a denunciation about the head or a deputy head of an agency is resolved by the head of its superior agency"
            }
            RouteBasis::DenouncedAgency => {
                "Law on Denunciations 2018, Art. 12(6): a denunciation about an agency is resolved by the head of its superior agency"
            }
            RouteBasis::FieldManagement => {
                "Law on Denunciations 2018, Art. 41(1): a breach of the rules of a field is resolved by the agency that manages the field (the routing rule for the category and area)"
            }
            RouteBasis::RoutingRule => "the routing rule for the category and the area (local policy)",
            RouteBasis::Triage => "no agency in force was found: the coordinating office routes it",
        }
    }
}

/// Where the law sends a complaint or a denunciation, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatutoryRoute {
    pub agency_id: AgencyId,
    pub basis: RouteBasis,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoutingError {
    #[error("a complaint must name the agency whose decision or act it is about")]
    NoRespondent,
    #[error("the named agency has no superior agency to take this")]
    NoSuperior,
    /// Law on Complaints 2011, Arts. 7(3) and 23(3): beyond the province, outside pakn.
    #[error(
        "a second-time complaint against a first-time decision of the provincial People's Committee chair goes to \
         the minister who manages the sector concerned (Law on Complaints 2011, Arts. 7(3) and 23(3)), or to the \
         administrative court; pakn does not reach ministries, so lodge it with the ministry"
    )]
    ToTheMinister,
}

/// The statutory route: a first-time complaint to the agency whose decision or act it is about,
/// a second-time complaint to that agency's superior; a denunciation by the position of the one
/// denounced (Art. 12). None when the law names no agency here: feedback and proposals, and a
/// denunciation that names no agency (a breach in a field: the routing rules find the agency that
/// manages it, Art. 41).
pub fn statutory_route(
    kind: PetitionKind,
    round: Round,
    named: Option<&AgencyLink>,
    position: Option<DenouncedPosition>,
) -> Result<Option<StatutoryRoute>, RoutingError> {
    let route = |agency_id: AgencyId, basis| Ok(Some(StatutoryRoute { agency_id, basis }));
    let superior_of = |agency: &AgencyLink| agency.parent_id.clone().ok_or(RoutingError::NoSuperior);
    match (kind, round, named) {
        (PetitionKind::Complaint, Round::First, Some(respondent)) => {
            route(respondent.id.clone(), RouteBasis::FirstTimeComplaint)
        }
        (PetitionKind::Complaint, Round::Second, Some(decided)) => match &decided.parent_id {
            Some(superior) => route(superior.clone(), RouteBasis::SecondTimeComplaint),
            None if decided.kind == AgencyKind::ProvincialPeoplesCommittee => Err(RoutingError::ToTheMinister),
            None => Err(RoutingError::NoSuperior),
        },
        (PetitionKind::Complaint, _, None) => Err(RoutingError::NoRespondent),
        (PetitionKind::Denunciation, _, Some(denounced)) => match position {
            Some(DenouncedPosition::Staff) => route(denounced.id.clone(), RouteBasis::DenouncedStaff),
            Some(DenouncedPosition::HeadOrDeputy) => route(superior_of(denounced)?, RouteBasis::DenouncedHeadOrDeputy),
            Some(DenouncedPosition::Agency) => route(superior_of(denounced)?, RouteBasis::DenouncedAgency),
            None => Ok(None),
        },
        (PetitionKind::Denunciation, _, None) | (PetitionKind::Feedback | PetitionKind::Proposal, ..) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(kind: Option<PetitionKind>, category: &str, unit: &str, agency: &str) -> RoutingRule {
        RoutingRule {
            kind,
            category: category.parse().unwrap(),
            unit_code: unit.parse().unwrap(),
            agency_id: id(agency),
        }
    }

    fn id(agency: &str) -> AgencyId {
        AgencyId::from_stored(agency.into())
    }

    fn code(category: &str) -> CategoryCode {
        category.parse().unwrap()
    }

    fn path(text: &str) -> UnitPath {
        UnitPath::from_stored(text.into())
    }

    fn rules() -> Vec<RoutingRule> {
        vec![
            rule(None, "environmental_pollution", "46", "department-of-environment"),
            rule(None, "environmental_pollution", "19753", "phu-xuan-ward"),
            rule(Some(PetitionKind::Proposal), "environmental_pollution", "19753", "phu-xuan-planning"),
            rule(None, "land", "46", "city-land-office"),
        ]
    }

    #[test]
    fn the_rule_for_the_deepest_unit_wins() {
        let rules = rules();
        let ward =
            most_specific_rule(&rules, PetitionKind::Feedback, &code("environmental_pollution"), &path("46/19753/"))
                .unwrap();
        assert_eq!(ward.agency_id, "phu-xuan-ward");
        let elsewhere =
            most_specific_rule(&rules, PetitionKind::Feedback, &code("environmental_pollution"), &path("46/19900/"))
                .unwrap();
        assert_eq!(elsewhere.agency_id, "department-of-environment", "a city-wide rule covers every ward");
    }

    #[test]
    fn at_the_same_unit_a_rule_naming_the_kind_wins() {
        let rules = rules();
        let proposal =
            most_specific_rule(&rules, PetitionKind::Proposal, &code("environmental_pollution"), &path("46/19753/"))
                .unwrap();
        assert_eq!(proposal.agency_id, "phu-xuan-planning");
    }

    #[test]
    fn no_matching_rule_leaves_the_petition_to_triage() {
        assert_eq!(
            most_specific_rule(
                &rules(),
                PetitionKind::Feedback,
                &code("administrative_procedures"),
                &path("46/19753/")
            ),
            None
        );
        assert_eq!(
            most_specific_rule(&rules(), PetitionKind::Feedback, &code("land"), &path("48/20194/")),
            None,
            "another province"
        );
    }

    #[test]
    fn a_unit_code_matches_whole_segments_only() {
        let rules = vec![rule(None, "land", "1975", "wrong")];
        assert_eq!(most_specific_rule(&rules, PetitionKind::Feedback, &code("land"), &path("46/19753/")), None);
    }

    fn ward() -> AgencyLink {
        AgencyLink { id: id("ward"), parent_id: Some(id("city")), kind: AgencyKind::CommunePeoplesCommittee }
    }

    fn city() -> AgencyLink {
        AgencyLink { id: id("city"), parent_id: None, kind: AgencyKind::ProvincialPeoplesCommittee }
    }

    fn routed(agency: &str, basis: RouteBasis) -> Result<Option<StatutoryRoute>, RoutingError> {
        Ok(Some(StatutoryRoute { agency_id: id(agency), basis }))
    }

    #[test]
    fn complaints_go_to_the_deciding_agency_then_to_its_superior() {
        let first = statutory_route(PetitionKind::Complaint, Round::First, Some(&ward()), None);
        assert_eq!(first, routed("ward", RouteBasis::FirstTimeComplaint));
        let second = statutory_route(PetitionKind::Complaint, Round::Second, Some(&ward()), None);
        assert_eq!(second, routed("city", RouteBasis::SecondTimeComplaint));
        assert_eq!(statutory_route(PetitionKind::Complaint, Round::First, None, None), Err(RoutingError::NoRespondent));
    }

    #[test]
    fn a_second_complaint_against_the_provincial_chair_goes_to_the_minister_outside_pakn() {
        let to_minister = statutory_route(PetitionKind::Complaint, Round::Second, Some(&city()), None);
        assert_eq!(to_minister, Err(RoutingError::ToTheMinister));
        assert!(RoutingError::ToTheMinister.to_string().contains("Arts. 7(3) and 23(3)"));
        let department = AgencyLink { kind: AgencyKind::Department, ..city() };
        assert_eq!(
            statutory_route(PetitionKind::Complaint, Round::Second, Some(&department), None),
            Err(RoutingError::NoSuperior)
        );
    }

    #[test]
    fn a_denunciation_about_an_official_goes_to_the_head_of_their_own_agency() {
        let staff =
            statutory_route(PetitionKind::Denunciation, Round::First, Some(&ward()), Some(DenouncedPosition::Staff));
        assert_eq!(staff, routed("ward", RouteBasis::DenouncedStaff));
    }

    #[test]
    fn a_denunciation_about_a_head_or_the_agency_itself_goes_to_the_superior() {
        let head = Some(DenouncedPosition::HeadOrDeputy);
        assert_eq!(
            statutory_route(PetitionKind::Denunciation, Round::First, Some(&ward()), head),
            routed("city", RouteBasis::DenouncedHeadOrDeputy)
        );
        let agency = Some(DenouncedPosition::Agency);
        assert_eq!(
            statutory_route(PetitionKind::Denunciation, Round::First, Some(&ward()), agency),
            routed("city", RouteBasis::DenouncedAgency)
        );
        assert_eq!(
            statutory_route(PetitionKind::Denunciation, Round::First, Some(&city()), head),
            Err(RoutingError::NoSuperior)
        );
    }

    #[test]
    fn a_denunciation_naming_no_agency_or_no_position_is_left_to_the_rules_or_triage() {
        assert_eq!(statutory_route(PetitionKind::Denunciation, Round::First, None, None), Ok(None));
        assert_eq!(statutory_route(PetitionKind::Denunciation, Round::First, Some(&ward()), None), Ok(None));
    }

    #[test]
    fn feedback_and_proposals_follow_the_rules_instead() {
        assert_eq!(statutory_route(PetitionKind::Feedback, Round::First, None, None), Ok(None));
        assert_eq!(statutory_route(PetitionKind::Proposal, Round::First, Some(&ward()), None), Ok(None));
    }
}
