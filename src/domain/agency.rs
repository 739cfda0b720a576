//! Agencies: the bodies petitions are routed to, each answered for by its head.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_kinds_read_back_from_their_text() {
        for kind in AgencyKind::ALL {
            assert_eq!(kind.as_str().parse::<AgencyKind>(), Ok(*kind));
        }
    }
}
