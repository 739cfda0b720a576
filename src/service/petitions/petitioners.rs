//! Keeping petitioners' identities: apart from petitions, in clear, sealed with AES-256-GCM,
//! offline (only the agency's register reference online) or not at all; and opening them again
//! for those allowed to see them.

use serde::{Deserialize, Serialize};

use crate::config::IdentityStorage;
use crate::db::identities::IdentityRow;
use crate::domain::petition::PetitionKind;
use crate::domain::tracking_code::TrackingCode;
use crate::service::{Context, ServiceResult};

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct CoPetitioner {
    pub full_name: String,
    pub contact: Option<String>,
    /// One of the representatives appointed by a multi-person petition.
    #[serde(default)]
    pub representative: bool,
}

/// What is sealed (or kept plain) about the petitioner.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Identity {
    pub full_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    #[serde(default)]
    pub co_petitioners: Vec<CoPetitioner>,
}

/// "Người gửi đơn PA-7K3M9": how people who may not know the petitioner see them.
pub fn pseudonym(code: &TrackingCode) -> String {
    format!("Người gửi đơn {}", &code.as_str()[..8])
}

/// How a new petition's petitioner is kept: offline (a denunciation, when so configured), not
/// at all (anonymous), sealed (confidential) or in clear.
pub fn to_store(
    context: &Context,
    petition_id: &str,
    code: &TrackingCode,
    kind: PetitionKind,
    confidential: bool,
    identity: &Identity,
    offline_reference: Option<&str>,
) -> ServiceResult<IdentityRow> {
    let mut row = IdentityRow {
        petition_id: petition_id.to_string(),
        storage: "anonymous".into(),
        pseudonym: pseudonym(code),
        full_name: None,
        email: None,
        phone: None,
        address: None,
        co_petitioners: None,
        sealed: None,
        offline_reference: None,
    };
    if let Some(reference) = offline_reference
        && kind == PetitionKind::Denunciation
        && context.settings.identity_storage == IdentityStorage::Offline
    {
        row.storage = "offline".into();
        row.offline_reference = Some(reference.to_string());
        return Ok(row);
    }
    if identity.full_name.is_none() && identity.co_petitioners.is_empty() {
        return Ok(row);
    }
    if confidential {
        let plaintext = serde_json::to_vec(identity).map_err(anyhow::Error::new)?;
        row.storage = "sealed".into();
        row.sealed = Some(context.sealer.seal(petition_id, &plaintext).map_err(anyhow::Error::new)?);
    } else {
        row.storage = "plain".into();
        row.full_name = identity.full_name.clone();
        row.email = identity.email.clone();
        row.phone = identity.phone.clone();
        row.address = identity.address.clone();
        row.co_petitioners = Some(serde_json::to_string(&identity.co_petitioners).map_err(anyhow::Error::new)?);
    }
    Ok(row)
}

/// Used by readers of a petition: the stored identity in clear, for those allowed to see it.
pub fn open(context: &Context, row: &IdentityRow) -> ServiceResult<Option<Identity>> {
    match row.storage.as_str() {
        "plain" => Ok(Some(Identity {
            full_name: row.full_name.clone(),
            email: row.email.clone(),
            phone: row.phone.clone(),
            address: row.address.clone(),
            co_petitioners: row
                .co_petitioners
                .as_deref()
                .and_then(|text| serde_json::from_str(text).ok())
                .unwrap_or_default(),
        })),
        "sealed" => {
            let sealed = row.sealed.as_deref().unwrap_or_default();
            let plaintext = context.sealer.open(&row.petition_id, sealed).map_err(anyhow::Error::new)?;
            Ok(Some(serde_json::from_slice(&plaintext).map_err(anyhow::Error::new)?))
        }
        _ => Ok(None),
    }
}
