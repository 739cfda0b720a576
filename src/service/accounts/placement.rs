//! Where a user works: the agency of an officer or head, the unit a monitor supervises or an
//! inspector inspects, nothing for citizens and administrators. Checked whole, against the
//! agencies and units in force.

use chrono::NaiveDate;
use serde_json::json;

use crate::db::{DbConnection, admin_units, agencies};
use crate::domain::FieldError;
use crate::domain::account::Role;
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::ids::AgencyId;
use crate::service::{ServiceError, ServiceResult, reference};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub role: Role,
    pub agency_id: Option<AgencyId>,
    pub scope_admin_unit: Option<AdminUnitCode>,
}

impl Placement {
    /// Checks the combination, and that the agency or unit exists and is in force on `today`.
    pub fn check(
        connection: &mut DbConnection,
        role: Role,
        agency_id: Option<&str>,
        scope: Option<&str>,
        today: NaiveDate,
    ) -> ServiceResult<Self> {
        let mut errors = Vec::new();
        let needs_agency = matches!(role, Role::Officer | Role::Head);
        let agency_id = match (needs_agency, agency_id) {
            (true, Some(id)) => match reference::agencies::known(connection, id)? {
                Some(agency) if agency.in_force_on(today) => Some(agency.id),
                Some(_) => {
                    errors.push(FieldError::new("agency_id", "this agency has been dissolved"));
                    None
                }
                None => {
                    errors.push(FieldError::new("agency_id", "no agency has this id"));
                    None
                }
            },
            (true, None) => {
                errors.push(FieldError::new("agency_id", format!("is required for the role {role}")));
                None
            }
            (false, Some(_)) => {
                errors.push(FieldError::new("agency_id", format!("is only for officers and heads, not {role}")));
                None
            }
            (false, None) => None,
        };
        let scope = match (role.oversees(), scope) {
            (true, Some(code)) => match AdminUnitCode::parse(code) {
                Ok(code) if admin_units::find_valid_on(connection, code.as_str(), today)?.is_some() => Some(code),
                _ => {
                    errors.push(FieldError::new("scope_admin_unit", "is not an administrative unit in force today"));
                    None
                }
            },
            (true, None) => {
                errors.push(FieldError::new("scope_admin_unit", format!("is required for the role {role}")));
                None
            }
            (false, Some(_)) => {
                errors.push(FieldError::new(
                    "scope_admin_unit",
                    format!("is only for monitors and inspectors, not {role}"),
                ));
                None
            }
            (false, None) => None,
        };
        ServiceError::unless_valid(errors)?;
        Ok(Placement { role, agency_id, scope_admin_unit: scope })
    }

    /// The placement as event data.
    pub fn to_json(&self) -> serde_json::Value {
        json!({ "role": self.role.as_str(), "agency_id": self.agency_id, "scope_admin_unit": self.scope_admin_unit })
    }

    /// The name of the agency or unit, for the invitation's words.
    pub fn place_name(&self, connection: &mut DbConnection) -> ServiceResult<Option<String>> {
        if let Some(agency_id) = &self.agency_id {
            return Ok(agencies::find(connection, agency_id)?.map(|agency| agency.name));
        }
        if let Some(code) = &self.scope_admin_unit {
            return Ok(admin_units::versions_of(connection, code.as_str())?.pop().map(|unit| unit.name));
        }
        Ok(None)
    }
}
