//! `GET /api/v1/oversight/audit/verify`: the whole audit chain recomputed from the events as
//! stored now, checked against every published anchor — for monitors and administrators.

use actix_web::web;
use serde::Serialize;

use crate::domain::authorization::Action;
use crate::domain::oversight::audit::{Break, ChainHash};
use crate::error::ApiError;
use crate::http::signed_in::SignedIn;
use crate::service::Context;
use crate::service::oversight::audit::verify::{self, BrokenEntry, Verification};

#[derive(Debug, Serialize)]
pub struct VerificationResponse {
    /// Every entry matches its event and the one before it, every anchor matches the chain, and
    /// no event escaped the chain.
    intact: bool,
    /// Through the last entry found intact: its position and the hash recomputed there.
    verified: ChainPoint,
    anchors_checked: i64,
    events_logged: i64,
    awaiting_seal: i64,
    first_broken: Option<BrokenResponse>,
}

#[derive(Debug, Serialize)]
pub struct ChainPoint {
    position: i64,
    hash: ChainHash,
}

#[derive(Debug, Serialize)]
pub struct BrokenResponse {
    position: Option<i64>,
    event_id: Option<String>,
    problem: Break,
}

impl From<Verification> for VerificationResponse {
    fn from(v: Verification) -> Self {
        VerificationResponse {
            intact: v.first_broken.is_none(),
            verified: ChainPoint { position: v.verified.position, hash: v.verified.hash },
            anchors_checked: v.anchors_checked,
            events_logged: v.events_logged,
            awaiting_seal: v.awaiting_seal,
            first_broken: v.first_broken.map(|BrokenEntry { position, event_id, problem }| BrokenResponse {
                position,
                event_id,
                problem,
            }),
        }
    }
}

pub async fn verify_audit_chain(
    context: web::Data<Context>,
    signed_in: SignedIn,
) -> Result<web::Json<VerificationResponse>, ApiError> {
    signed_in.may(&Action::VerifyAuditChain)?;
    let verification = context.run(|c, _| verify::verify(c)).await?;
    Ok(web::Json(verification.into()))
}
