//! Minting tracking codes: random, checked against the codes already given out.

use rand::Rng;

use crate::db::{DbConnection, petitions};
use crate::domain::tracking_code::{self, TrackingCode};
use crate::service::{ServiceError, ServiceResult};

/// A code no petition has yet. Sixty random bits make a clash rare; eight tries make it moot.
pub fn mint(connection: &mut DbConnection) -> ServiceResult<TrackingCode> {
    for _ in 0..8 {
        let mut bytes = [0u8; tracking_code::DATA_SYMBOLS];
        rand::rng().fill_bytes(&mut bytes);
        let code = TrackingCode::from_random(bytes);
        if !petitions::tracking_code_taken(connection, &code)? {
            return Ok(code);
        }
    }
    Err(ServiceError::Internal(anyhow::anyhow!("no free tracking code after 8 tries")))
}
