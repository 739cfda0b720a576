//! The petitioner: who filed a petition, and how that is kept apart from the petition — in clear,
//! sealed (confidential), in the agency's offline register only, or not at all (anonymous).

use serde::{Deserialize, Serialize};

use crate::domain::tracking_code::TrackingCode;

/// One of several people filing together (a multi-person complaint or denunciation).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CoPetitioner {
    pub full_name: String,
    pub contact: Option<String>,
    /// One of the representatives appointed by a multi-person petition.
    #[serde(default)]
    pub representative: bool,
}

/// What is known of the petitioner: the details a sealed identity holds, or a plain one shows.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Petitioner {
    pub full_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    #[serde(default)]
    pub co_petitioners: Vec<CoPetitioner>,
}

impl Petitioner {
    /// Nobody is named.
    pub fn is_nobody(&self) -> bool {
        self.full_name.is_none() && self.co_petitioners.is_empty()
    }
}

/// How a petition's petitioner is kept.
#[derive(Debug, Clone, PartialEq)]
pub enum KeptPetitioner {
    /// Nobody was named.
    Anonymous { pseudonym: String },
    /// Named, in clear: the petition is not confidential.
    Plain { pseudonym: String, petitioner: Petitioner },
    /// Confidential: the details are sealed with the identity key, opened only for the petitioner
    /// themselves, for e-mail to their own address, and for a reception officer who records why.
    Sealed { pseudonym: String, sealed: String },
    /// A denouncer whose identity is kept only in the agency's offline register.
    Offline { pseudonym: String, register_reference: Option<String> },
}

impl KeptPetitioner {
    /// How people who may not know the petitioner see them.
    pub fn pseudonym(&self) -> &str {
        match self {
            KeptPetitioner::Anonymous { pseudonym }
            | KeptPetitioner::Plain { pseudonym, .. }
            | KeptPetitioner::Sealed { pseudonym, .. }
            | KeptPetitioner::Offline { pseudonym, .. } => pseudonym,
        }
    }
}

/// "Người gửi đơn PA-7K3M": the pseudonym of a petition's petitioner (the code's first group).
pub fn pseudonym(code: &TrackingCode) -> String {
    let first_group: Vec<&str> = code.as_str().split('-').take(2).collect();
    format!("Người gửi đơn {}", first_group.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pseudonym_names_the_petition_not_the_person() {
        let code = TrackingCode::from_random([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        assert_eq!(pseudonym(&code), format!("Người gửi đơn {}", &code.as_str()[..7]));
        assert!(Petitioner::default().is_nobody());
    }
}
