//! Administrative units: their official codes, levels and types.

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

impl std::fmt::Display for AdminUnitCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
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
