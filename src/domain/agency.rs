//! Agencies: the bodies petitions are routed to, each answered for by its head, and effective-dated
//! so that reorganisations keep their history.

use chrono::{NaiveDate, NaiveDateTime};

use super::admin_unit::AdminUnitCode;
use super::ids::AgencyId;
use super::validity::Validity;

crate::text_enum! {
    pub enum AgencyKind {
        /// Ủy ban nhân dân of a province or centrally-run city.
        ProvincialPeoplesCommittee => "provincial_peoples_committee",
        /// Ủy ban nhân dân of a former district-level unit (abolished 1 July 2025).
        DistrictPeoplesCommittee => "district_peoples_committee",
        /// Ủy ban nhân dân of a commune, ward or township.
        CommunePeoplesCommittee => "commune_peoples_committee",
        /// A specialised department (Sở) of the provincial level.
        Department => "department",
        /// Thanh tra: the inspectorate.
        Inspectorate => "inspectorate",
        /// Ban Tiếp công dân: receives citizens and triages what no rule routes.
        CitizenReceptionOffice => "citizen_reception_office",
        /// Ủy ban Mặt trận Tổ quốc: supervises, does not resolve.
        FatherlandFrontCommittee => "fatherland_front_committee",
        Other => "other",
    }
}

/// An agency's stable machine code: 2 to 64 lower-case letters, digits and hyphens.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AgencyCode(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("must be 2 to 64 lower-case letters, digits and hyphens")]
pub struct InvalidAgencyCode;

impl AgencyCode {
    pub fn parse(text: &str) -> Result<Self, InvalidAgencyCode> {
        let ok = (2..=64).contains(&text.len())
            && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !text.starts_with('-');
        if ok { Ok(AgencyCode(text.to_string())) } else { Err(InvalidAgencyCode) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for AgencyCode {
    type Err = InvalidAgencyCode;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        AgencyCode::parse(text)
    }
}

impl std::fmt::Display for AgencyCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An agency as it is kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Agency {
    pub id: AgencyId,
    pub code: AgencyCode,
    pub name: String,
    pub name_en: Option<String>,
    pub kind: AgencyKind,
    pub admin_unit_code: AdminUnitCode,
    pub parent_id: Option<AgencyId>,
    /// The title of the head who answers for the agency; never a personal contact.
    pub head_title: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub validity: Validity,
    /// The agency that took over its work when it was dissolved or merged.
    pub successor_id: Option<AgencyId>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl Agency {
    /// In force on `day`: begun (or undated) and not yet ended.
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.validity.contains(day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agency(valid_from: Option<&str>, valid_to: Option<&str>) -> Agency {
        let day = |text: Option<&str>| text.map(|t| t.parse::<NaiveDate>().expect("a date"));
        Agency {
            id: AgencyId::from_stored("a".into()),
            code: AgencyCode::parse("a1").unwrap(),
            name: "A".into(),
            name_en: None,
            kind: AgencyKind::Department,
            admin_unit_code: AdminUnitCode::parse("46").unwrap(),
            parent_id: None,
            head_title: "Giám đốc".into(),
            email: None,
            phone: None,
            address: None,
            validity: Validity { from: day(valid_from), to: day(valid_to) },
            successor_id: None,
            created_at: NaiveDateTime::default(),
            updated_at: NaiveDateTime::default(),
        }
    }

    #[test]
    fn an_agency_is_in_force_from_its_first_day_to_its_last() {
        let today: NaiveDate = "2026-11-26".parse().expect("a date");
        assert!(agency(None, None).in_force_on(today));
        assert!(agency(Some("2026-11-26"), Some("2026-11-26")).in_force_on(today));
        assert!(!agency(Some("2026-11-27"), None).in_force_on(today), "not begun");
        assert!(!agency(None, Some("2026-11-25")).in_force_on(today), "dissolved");
    }

    #[test]
    fn agency_codes_are_lower_case_letters_digits_and_hyphens() {
        assert!(AgencyCode::parse("ubnd-phuong-phu-xuan").is_ok());
        for bad in ["x", "UBND", "-ubnd", "ubnd phuong", "ủy-ban"] {
            assert!(AgencyCode::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn agency_kinds_read_back_from_their_text() {
        for kind in AgencyKind::ALL {
            assert_eq!(kind.as_str().parse::<AgencyKind>(), Ok(*kind));
        }
    }
}
