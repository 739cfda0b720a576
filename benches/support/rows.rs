//! The petitions the harnesses write row by row (not through the fill's `INSERT … SELECT`, not
//! through a filing): one builder of `NewPetitionRow`, so that each harness says only what its
//! petitions have of their own.
//!
//! ```ignore
//! let petition = rows::Petition { status: "closed", ..rows::Petition::new(category, title, description, at) };
//! pakn::db::petitions::insert_row(c, &petition.row())?;
//! // Columns the builder leaves empty, where a harness needs them:
//! let row = NewPetitionRow { petitioner_id: Some(id), ..petition.row() };
//! ```

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use pakn::db::petitions::NewPetitionRow;
use pakn::domain::tracking_code::{DATA_SYMBOLS, TrackingCode};
use rand::Rng;

/// The commune a petition is in unless a harness says otherwise (a ward of Huế).
pub const UNIT: (&str, &str) = ("19753", "46/19753/");

/// A petition's own values; `row` lends them to a `NewPetitionRow`.
pub struct Petition {
    pub id: String,
    pub code: TrackingCode,
    pub kind: &'static str,
    pub category: &'static str,
    pub title: String,
    pub description: String,
    /// The title and description folded, as pakn's filing stores them.
    pub search_text: String,
    /// The unit's code and path.
    pub unit: (&'static str, &'static str),
    pub status: &'static str,
    pub agency: Option<String>,
    pub received_at: NaiveDateTime,
    pub acceptance_due: NaiveDate,
    pub next_due: Option<NaiveDate>,
    pub next_sweep_on: Option<NaiveDate>,
}

impl Petition {
    /// A feedback petition received at `received_at` in `UNIT`, web, public, no agency yet, a
    /// fresh id and a random valid tracking code; acceptance due 3 days later (the next deadline),
    /// the sweep the day before.
    pub fn new(category: &'static str, title: String, description: String, received_at: NaiveDateTime) -> Self {
        let mut bytes = [0u8; DATA_SYMBOLS];
        rand::rng().fill_bytes(&mut bytes);
        let acceptance_due = received_at.date() + TimeDelta::days(3);
        Petition {
            id: uuid::Uuid::new_v4().to_string(),
            code: TrackingCode::from_random(bytes),
            kind: "feedback",
            category,
            search_text: pakn::domain::search::fold(&format!("{title} {description}")),
            title,
            description,
            unit: UNIT,
            status: "received",
            agency: None,
            received_at,
            acceptance_due,
            next_due: Some(acceptance_due),
            next_sweep_on: Some(acceptance_due - TimeDelta::days(1)),
        }
    }

    /// The row: created and updated when received, version 1, first round, Vietnamese, web; no
    /// address, position, petitioner, decision, respondent or routing.
    pub fn row(&self) -> NewPetitionRow<'_> {
        NewPetitionRow {
            id: &self.id,
            tracking_code: self.code.as_str(),
            kind: self.kind,
            category_code: self.category,
            title: &self.title,
            description: &self.description,
            search_text: &self.search_text,
            admin_unit_code: self.unit.0,
            admin_unit_path: self.unit.1,
            address: None,
            latitude: None,
            longitude: None,
            related_project: None,
            decision_reference: None,
            decision_date: None,
            confidential: false,
            language: "vi",
            channel: "web",
            status: self.status,
            petitioner_id: None,
            filed_by_id: None,
            assigned_agency_id: self.agency.as_deref(),
            received_at: self.received_at,
            acceptance_due: Some(self.acceptance_due),
            created_at: self.received_at,
            updated_at: self.received_at,
            version: 1,
            respondent_agency_id: None,
            denounced_agency_id: None,
            round: "first",
            appeal_of_id: None,
            next_due: self.next_due,
            next_sweep_on: self.next_sweep_on,
            denounced_position: None,
            routing_basis: None,
            reached_agency_at: None,
        }
    }
}
