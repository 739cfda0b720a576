//! Who must answer: the statutory routes for complaints and denunciations, and routing rules
//! (kind?, category, administrative unit subtree) → agency for feedback and proposals, the most
//! specific rule winning. Pure: the caller brings the rules and agencies valid at filing time.

use chrono::{NaiveDate, NaiveDateTime};

use super::admin_unit::{AdminUnitCode, UnitPath};
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

/// An agency as routing needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyLink {
    pub id: AgencyId,
    pub parent_id: Option<AgencyId>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoutingError {
    #[error("a complaint must name the agency whose decision or act it is about")]
    NoRespondent,
    #[error("a denunciation must name the agency of the person denounced")]
    NoDenouncedAgency,
    #[error("the named agency has no superior agency to take this")]
    NoSuperior,
}

/// The statutory route: a first-time complaint to the agency whose decision or act it is about;
/// a second-time complaint to that agency's superior; a denunciation to the superior of the
/// denounced person's agency, never to the denounced agency itself. None for feedback and
/// proposals, which follow the routing rules.
pub fn statutory_agency(
    kind: PetitionKind,
    round: Round,
    named: Option<&AgencyLink>,
) -> Result<Option<AgencyId>, RoutingError> {
    match (kind, round) {
        (PetitionKind::Complaint, Round::First) => named.map(|a| Some(a.id.clone())).ok_or(RoutingError::NoRespondent),
        (PetitionKind::Complaint, Round::Second) => {
            let respondent = named.ok_or(RoutingError::NoRespondent)?;
            respondent.parent_id.clone().map(Some).ok_or(RoutingError::NoSuperior)
        }
        (PetitionKind::Denunciation, _) => {
            let denounced = named.ok_or(RoutingError::NoDenouncedAgency)?;
            denounced.parent_id.clone().map(Some).ok_or(RoutingError::NoSuperior)
        }
        (PetitionKind::Feedback | PetitionKind::Proposal, _) => Ok(None),
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
        AgencyLink { id: id("ward"), parent_id: Some(id("city")) }
    }

    #[test]
    fn complaints_go_to_the_deciding_agency_then_to_its_superior() {
        assert_eq!(statutory_agency(PetitionKind::Complaint, Round::First, Some(&ward())), Ok(Some(id("ward"))));
        assert_eq!(statutory_agency(PetitionKind::Complaint, Round::Second, Some(&ward())), Ok(Some(id("city"))));
        assert_eq!(statutory_agency(PetitionKind::Complaint, Round::First, None), Err(RoutingError::NoRespondent));
    }

    #[test]
    fn a_denunciation_never_goes_to_the_denounced_agency() {
        assert_eq!(statutory_agency(PetitionKind::Denunciation, Round::First, Some(&ward())), Ok(Some(id("city"))));
        let city = AgencyLink { id: id("city"), parent_id: None };
        assert_eq!(
            statutory_agency(PetitionKind::Denunciation, Round::First, Some(&city)),
            Err(RoutingError::NoSuperior)
        );
    }

    #[test]
    fn feedback_and_proposals_follow_the_rules_instead() {
        assert_eq!(statutory_agency(PetitionKind::Feedback, Round::First, None), Ok(None));
        assert_eq!(statutory_agency(PetitionKind::Proposal, Round::First, Some(&ward())), Ok(None));
    }
}
