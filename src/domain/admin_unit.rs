//! Administrative units: their official codes, levels and types, each unit's versions over time,
//! and the path from the root to a unit that scopes and routing match on.

use chrono::{NaiveDate, NaiveDateTime};

use super::ids::AdminUnitId;
use super::validity::Validity;

crate::text_enum! {
    /// The tier of government. Since 1 July 2025 there is no district level, but statutes and history
    /// still name it.
    pub enum AdminLevel {
        Province => "province",
        District => "district",
        Commune => "commune",
    }
}

crate::text_enum! {
    /// The legal type of a unit; wards and townships are commune-level types.
    pub enum UnitType {
        CentrallyRunCity => "centrally_run_city",
        Province => "province",
        ProvincialCity => "provincial_city",
        UrbanDistrict => "urban_district",
        RuralDistrict => "rural_district",
        Town => "town",
        Commune => "commune",
        Ward => "ward",
        Township => "township",
        SpecialZone => "special_zone",
    }
}

impl UnitType {
    /// The level a unit of this type sits at.
    pub fn level(self) -> AdminLevel {
        match self {
            UnitType::CentrallyRunCity | UnitType::Province => AdminLevel::Province,
            UnitType::ProvincialCity | UnitType::UrbanDistrict | UnitType::RuralDistrict | UnitType::Town => {
                AdminLevel::District
            }
            UnitType::Commune | UnitType::Ward | UnitType::Township | UnitType::SpecialZone => AdminLevel::Commune,
        }
    }
}

/// A General Statistics Office code: 2 digits for a province, 3 for a district, 5 for a commune.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AdminUnitCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("must be an official unit code of 2 to 5 digits")]
pub struct InvalidAdminUnitCode;

impl AdminUnitCode {
    pub fn parse(text: &str) -> Result<Self, InvalidAdminUnitCode> {
        let text = text.trim();
        if (2..=5).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) {
            Ok(AdminUnitCode(text.to_string()))
        } else {
            Err(InvalidAdminUnitCode)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for AdminUnitCode {
    type Err = InvalidAdminUnitCode;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        AdminUnitCode::parse(text)
    }
}

impl serde::Serialize for AdminUnitCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl std::fmt::Display for AdminUnitCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One version of a unit: a code keeps its versions when a reorganisation renames, merges or
/// re-parents it.
#[derive(Debug, Clone, PartialEq)]
pub struct AdminUnit {
    pub id: AdminUnitId,
    pub code: AdminUnitCode,
    pub name: String,
    pub level: AdminLevel,
    pub unit_type: UnitType,
    pub parent_code: Option<AdminUnitCode>,
    pub validity: Validity,
    pub source_note: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl AdminUnit {
    pub fn valid_from(&self) -> Option<NaiveDate> {
        self.validity.from
    }
}

/// The codes from the root down to a unit, as stored with each petition ("46/19753/"), so that a
/// monitor's scope or a routing rule's unit is a match on whole segments.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnitPath(String);

impl UnitPath {
    /// The path of the codes given root first.
    pub fn from_codes<'a>(codes: impl IntoIterator<Item = &'a str>) -> Self {
        UnitPath(codes.into_iter().map(|code| format!("{code}/")).collect())
    }

    /// A path read back from the database, where only paths built here are written.
    pub fn from_stored(text: String) -> Self {
        UnitPath(text)
    }

    /// The codes on the path, root first.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.0.split('/').filter(|code| !code.is_empty())
    }

    /// Whether the unit `code` is on the path (the unit itself or one of its ancestors).
    pub fn includes(&self, code: &str) -> bool {
        self.codes().any(|unit| unit == code)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The units a filter by one unit covers: the unit alone when no unit lies under it (every
/// commune since the 2025 reorganisation), else the unit and every unit under it. The first is
/// one path, which an index keeps in filing order; the second a range of paths, which it cannot.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum UnitArea {
    Alone(UnitPath),
    WithUnitsUnder(UnitPath),
}

impl UnitArea {
    pub fn of(path: UnitPath, has_units_under: bool) -> Self {
        if has_units_under { UnitArea::WithUnitsUnder(path) } else { UnitArea::Alone(path) }
    }

    pub fn path(&self) -> &UnitPath {
        match self {
            UnitArea::Alone(path) | UnitArea::WithUnitsUnder(path) => path,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_codes_are_two_to_five_digits() {
        assert_eq!(AdminUnitCode::parse("46").unwrap().as_str(), "46");
        assert_eq!(AdminUnitCode::parse(" 19753 ").unwrap().as_str(), "19753");
        for bad in ["4", "123456", "4a", "", "46; DROP TABLE", "٤٦"] {
            assert!(AdminUnitCode::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn a_path_matches_whole_codes_only() {
        let path = UnitPath::from_codes(["46", "19753"]);
        assert_eq!(path.as_str(), "46/19753/");
        assert!(path.includes("46") && path.includes("19753"));
        assert!(!path.includes("1975"), "a prefix of a code is not the code");
    }

    #[test]
    fn wards_and_townships_are_commune_level() {
        assert_eq!(UnitType::Ward.level(), AdminLevel::Commune);
        assert_eq!(UnitType::Township.level(), AdminLevel::Commune);
        assert_eq!(UnitType::Town.level(), AdminLevel::District);
        assert_eq!(UnitType::CentrallyRunCity.level(), AdminLevel::Province);
    }

    #[test]
    fn an_unknown_level_lists_the_allowed_ones() {
        let error = "hamlet".parse::<AdminLevel>().unwrap_err();
        assert_eq!(error.to_string(), "must be one of: province, district, commune");
    }
}
