//! `GET /api/v1/oversight/audit/verify`: the whole audit chain recomputed from the events as
//! stored now, checked against every published anchor and an anchor the caller kept — for
//! monitors and administrators.

use actix_web::web;
use serde::{Deserialize, Serialize};

use crate::domain::authorization::Action;
use crate::domain::oversight::audit::{Break, ChainHash, KeptAnchor};
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

/// An anchor the caller kept: both parts, or neither.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeptAnchorQuery {
    anchor_position: Option<i64>,
    anchor_hash: Option<String>,
}

impl KeptAnchorQuery {
    fn kept(self) -> Result<Option<KeptAnchor>, ApiError> {
        match (self.anchor_position, self.anchor_hash) {
            (None, None) => Ok(None),
            (Some(position), Some(hash)) => {
                if position < 1 {
                    return Err(ApiError::validation("anchor_position", "must be 1 or more"));
                }
                let hash = ChainHash::parse(&hash)
                    .ok_or_else(|| ApiError::validation("anchor_hash", "must be 64 hexadecimal digits"))?;
                Ok(Some(KeptAnchor { position, hash }))
            }
            _ => Err(ApiError::validation("anchor_hash", "give anchor_position and anchor_hash together")),
        }
    }
}

pub async fn verify_audit_chain(
    context: web::Data<Context>,
    signed_in: SignedIn,
    query: web::Query<KeptAnchorQuery>,
) -> Result<web::Json<VerificationResponse>, ApiError> {
    signed_in.may(&Action::VerifyAuditChain)?;
    let kept = query.into_inner().kept()?;
    let verification = context.run(move |c, _| verify::verify(c, kept)).await?;
    Ok(web::Json(verification.into()))
}
