//! Petitioners, kept apart from petitions: in clear, sealed, offline or not at all. Rows become
//! `KeptPetitioner` here.

use diesel::prelude::*;

use super::DbConnection;
use super::decode::Columns;
use super::schema::petitioner_identities;
use crate::domain::ids::PetitionId;
use crate::domain::petition::petitioner::{KeptPetitioner, Petitioner};

#[derive(Debug, Clone, Default, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = petitioner_identities, treat_none_as_null = true)]
struct PetitionerRow {
    petition_id: String,
    storage: String,
    pseudonym: String,
    full_name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    address: Option<String>,
    co_petitioners: Option<String>,
    sealed: Option<String>,
    offline_reference: Option<String>,
}

const COLUMNS: Columns = Columns("petitioner_identities");

impl PetitionerRow {
    fn of(petition_id: &PetitionId, kept: &KeptPetitioner) -> QueryResult<Self> {
        let mut row = PetitionerRow {
            petition_id: petition_id.to_string(),
            pseudonym: kept.pseudonym().to_string(),
            ..PetitionerRow::default()
        };
        match kept {
            KeptPetitioner::Anonymous { .. } => row.storage = "anonymous".into(),
            KeptPetitioner::Plain { petitioner, .. } => {
                row.storage = "plain".into();
                row.full_name = petitioner.full_name.clone();
                row.email = petitioner.email.clone();
                row.phone = petitioner.phone.clone();
                row.address = petitioner.address.clone();
                row.co_petitioners = Some(
                    serde_json::to_string(&petitioner.co_petitioners)
                        .map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))?,
                );
            }
            KeptPetitioner::Sealed { sealed, .. } => {
                row.storage = "sealed".into();
                row.sealed = Some(sealed.clone());
            }
            KeptPetitioner::Offline { register_reference, .. } => {
                row.storage = "offline".into();
                row.offline_reference = register_reference.clone();
            }
        }
        Ok(row)
    }

    fn into_kept(self) -> QueryResult<KeptPetitioner> {
        let pseudonym = self.pseudonym;
        Ok(match self.storage.as_str() {
            "anonymous" => KeptPetitioner::Anonymous { pseudonym },
            "plain" => {
                let co_petitioners = match self.co_petitioners.as_deref() {
                    Some(text) => {
                        serde_json::from_str(text).map_err(|e| COLUMNS.unreadable("co_petitioners", text, e))?
                    }
                    None => Vec::new(),
                };
                let petitioner = Petitioner {
                    full_name: self.full_name,
                    email: self.email,
                    phone: self.phone,
                    address: self.address,
                    co_petitioners,
                };
                KeptPetitioner::Plain { pseudonym, petitioner }
            }
            "sealed" => {
                let sealed = self
                    .sealed
                    .ok_or_else(|| COLUMNS.unreadable("sealed", "null", "a sealed identity needs its sealed text"))?;
                KeptPetitioner::Sealed { pseudonym, sealed }
            }
            "offline" => KeptPetitioner::Offline { pseudonym, register_reference: self.offline_reference },
            other => {
                return Err(COLUMNS.unreadable("storage", other, "must be one of: anonymous, plain, sealed, offline"));
            }
        })
    }
}

pub fn insert(connection: &mut DbConnection, petition_id: &PetitionId, kept: &KeptPetitioner) -> QueryResult<usize> {
    diesel::insert_into(petitioner_identities::table).values(PetitionerRow::of(petition_id, kept)?).execute(connection)
}

/// Replaces how a petition's petitioner is kept (a confirmed correction).
pub fn replace(connection: &mut DbConnection, petition_id: &PetitionId, kept: &KeptPetitioner) -> QueryResult<usize> {
    let row = PetitionerRow::of(petition_id, kept)?;
    diesel::update(petitioner_identities::table.find(petition_id.as_str())).set(&row).execute(connection)
}

pub fn find(connection: &mut DbConnection, petition_id: &PetitionId) -> QueryResult<Option<KeptPetitioner>> {
    let row = petitioner_identities::table
        .find(petition_id.as_str())
        .select(PetitionerRow::as_select())
        .get_result(connection)
        .optional()?;
    row.map(PetitionerRow::into_kept).transpose()
}
