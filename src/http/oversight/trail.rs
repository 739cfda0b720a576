//! `GET /api/v1/oversight/audit/petitions/{id}`: a petition's sealed history with the proof that
//! links it to published anchors — for monitors in its scope and administrators.

use actix_web::web;
use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::anchors::AnchorResponse;
use crate::domain::ids::PetitionId;
use crate::error::ApiError;
use crate::http::extract::id_in_path;
use crate::http::signed_in::SignedIn;
use crate::http::wire::vietnam_time;
use crate::service::Context;
use crate::service::oversight::audit::proof::{self, PetitionTrail, ProvenEntry, Segment};

#[derive(Debug, Serialize)]
pub struct PetitionTrailResponse {
    petition_id: PetitionId,
    entries: Vec<TrailEntryResponse>,
    segments: Vec<SegmentResponse>,
    /// The first of the petition's entries that no anchor covers yet.
    unanchored_from: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct TrailEntryResponse {
    position: i64,
    event_id: String,
    kind: String,
    occurred_at: DateTime<FixedOffset>,
    /// The event's canonical text: its SHA-256 is `digest`.
    text: String,
    digest: String,
    hash: String,
}

#[derive(Debug, Serialize)]
pub struct SegmentResponse {
    from_position: i64,
    previous_hash: String,
    digests: Vec<String>,
    anchor: AnchorResponse,
}

impl From<ProvenEntry> for TrailEntryResponse {
    fn from(proven: ProvenEntry) -> Self {
        let ProvenEntry { entry, event } = proven;
        TrailEntryResponse {
            text: event.canonical_text(),
            position: entry.position,
            event_id: entry.event_id,
            kind: event.kind,
            occurred_at: vietnam_time(event.occurred_at),
            digest: entry.digest,
            hash: entry.hash,
        }
    }
}

impl From<Segment> for SegmentResponse {
    fn from(segment: Segment) -> Self {
        SegmentResponse {
            from_position: segment.from_position,
            previous_hash: segment.previous_hash,
            digests: segment.digests,
            anchor: segment.anchor.into(),
        }
    }
}

pub async fn get_petition_audit_trail(
    context: web::Data<Context>,
    signed_in: SignedIn,
    id: web::Path<String>,
) -> Result<web::Json<PetitionTrailResponse>, ApiError> {
    let id: PetitionId = id_in_path(&id, "petition")?;
    let actor = signed_in.actor().clone();
    let petition_id = id.clone();
    let PetitionTrail { entries, segments, unanchored_from } =
        context.run(move |c, _| proof::of_petition(c, &actor, &id)).await?;
    Ok(web::Json(PetitionTrailResponse {
        petition_id,
        entries: entries.into_iter().map(Into::into).collect(),
        segments: segments.into_iter().map(Into::into).collect(),
        unanchored_from,
    }))
}
