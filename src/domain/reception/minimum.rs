//! The legal minimum of reception days: for the heads of one kind of agency, so many distinct days
//! a week or a month, in force between two dates. The Law on Citizen Reception 2013 set one day a
//! week for commune-level chairs; Law 136/2025/QH15 made it two days a month from 1 July 2026 —
//! so each month is judged by the rule in force on its first day.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::agency::AgencyKind;
use crate::domain::ids::{ReceptionRuleId, UserId};

crate::text_enum! {
    /// The period the minimum is counted over.
    pub enum Per {
        Week => "week",
        Month => "month",
    }
}

/// One version of a minimum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceptionRule {
    pub id: ReceptionRuleId,
    pub agency_kind: AgencyKind,
    pub days: i32,
    pub per: Per,
    /// The article it comes from.
    pub basis: String,
    pub effective_from: NaiveDate,
    /// The last day it applies to; `None` while in force.
    pub effective_to: Option<NaiveDate>,
    /// The administrator who added it; `None` for the shipped rules.
    pub created_by: Option<UserId>,
    pub created_at: NaiveDateTime,
}

impl ReceptionRule {
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.effective_from <= day && self.effective_to.is_none_or(|to| day <= to)
    }
}

/// The rule for `kind` in force on `day`, if the law sets one for it.
pub fn in_force(rules: &[ReceptionRule], kind: AgencyKind, day: NaiveDate) -> Option<&ReceptionRule> {
    rules.iter().find(|rule| rule.agency_kind == kind && rule.in_force_on(day))
}

/// Why a new version cannot start on the day asked: it must start after every version of its
/// kind has started, so the versions follow one another without overlapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StartsTooEarly {
    pub latest_start: NaiveDate,
}

/// The version a new one supersedes (it ends the day before the new one starts), or none when
/// the kind had no rule in force then.
pub fn superseded(
    rules: &[ReceptionRule],
    kind: AgencyKind,
    from: NaiveDate,
) -> Result<Option<&ReceptionRule>, StartsTooEarly> {
    let of_kind = rules.iter().filter(|rule| rule.agency_kind == kind);
    if let Some(latest) = of_kind.clone().map(|rule| rule.effective_from).max().filter(|start| *start >= from) {
        return Err(StartsTooEarly { latest_start: latest });
    }
    Ok(of_kind.filter(|rule| rule.effective_to.is_none_or(|to| to >= from)).max_by_key(|rule| rule.effective_from))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(kind: AgencyKind, days: i32, per: Per, from: &str, to: Option<&str>) -> ReceptionRule {
        ReceptionRule {
            id: ReceptionRuleId::from(uuid::Uuid::new_v4()),
            agency_kind: kind,
            days,
            per,
            basis: "test".into(),
            effective_from: from.parse().unwrap(),
            effective_to: to.map(|to| to.parse().unwrap()),
            created_by: None,
            created_at: NaiveDateTime::default(),
        }
    }

    fn shipped() -> Vec<ReceptionRule> {
        vec![
            rule(AgencyKind::CommunePeoplesCommittee, 1, Per::Week, "2014-07-01", Some("2026-06-30")),
            rule(AgencyKind::CommunePeoplesCommittee, 2, Per::Month, "2026-07-01", None),
            rule(AgencyKind::ProvincialPeoplesCommittee, 1, Per::Month, "2014-07-01", None),
        ]
    }

    #[test]
    fn a_commune_chair_owes_a_day_a_week_until_july_2026_and_two_days_a_month_after() {
        let rules = shipped();
        let june = in_force(&rules, AgencyKind::CommunePeoplesCommittee, "2026-06-30".parse().unwrap()).unwrap();
        assert_eq!((june.days, june.per), (1, Per::Week));
        let july = in_force(&rules, AgencyKind::CommunePeoplesCommittee, "2026-07-01".parse().unwrap()).unwrap();
        assert_eq!((july.days, july.per), (2, Per::Month));
    }

    #[test]
    fn a_kind_the_law_sets_no_minimum_for_has_no_rule() {
        assert_eq!(in_force(&shipped(), AgencyKind::FatherlandFrontCommittee, "2026-07-01".parse().unwrap()), None);
    }

    #[test]
    fn a_new_version_ends_the_one_in_force_and_may_not_start_before_the_latest() {
        let rules = shipped();
        let from = "2027-01-01".parse().unwrap();
        let ended = superseded(&rules, AgencyKind::CommunePeoplesCommittee, from).unwrap().unwrap();
        assert_eq!(ended.per, Per::Month);
        let early = "2026-07-01".parse().unwrap();
        assert_eq!(
            superseded(&rules, AgencyKind::CommunePeoplesCommittee, early),
            Err(StartsTooEarly { latest_start: early })
        );
        assert_eq!(superseded(&rules, AgencyKind::Department, from), Ok(None));
    }
}
