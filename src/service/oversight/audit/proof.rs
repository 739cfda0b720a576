//! A petition's history with its proof: every sealed entry of the petition, and for each run of
//! them the digests of the entries between it and the first anchor after it, so that a monitor
//! can recompute the anchor's hash from the petition's own events — with nothing but SHA-256.

use crate::db::DbConnection;
use crate::db::oversight::{anchors, chain};
use crate::domain::authorization::{Action, Actor};
use crate::domain::ids::PetitionId;
use crate::domain::oversight::audit::{Anchor, ChainEntry, ChainHash, StoredEvent};
use crate::service::petitions::access;
use crate::service::{ServiceError, ServiceResult};

/// A sealed event of the petition.
#[derive(Debug, Clone)]
pub struct ProvenEntry {
    pub entry: ChainEntry,
    pub event: StoredEvent,
}

/// From the hash before `from_position`, fold in the digests in order (each of the petition's
/// own entries recomputed from its text): the result is the anchor's hash.
#[derive(Debug, Clone)]
pub struct Segment {
    pub from_position: i64,
    pub previous_hash: String,
    pub digests: Vec<String>,
    pub anchor: Anchor,
}

#[derive(Debug, Clone)]
pub struct PetitionTrail {
    pub entries: Vec<ProvenEntry>,
    pub segments: Vec<Segment>,
    /// The first entry no anchor covers yet (the next anchor will).
    pub unanchored_from: Option<i64>,
}

/// The longest run of digests one answer carries. Anchors are daily, so a run is at most a day's
/// events — except for a petition older than the first anchor on a log that was sealed as a
/// backlog, which an answer of this size cannot prove.
pub const MAX_DIGESTS: i64 = 200_000;

/// Monitors in the petition's scope and administrators; anyone else learns nothing (403 or 404).
pub fn of_petition(connection: &mut DbConnection, actor: &Actor, id: &PetitionId) -> ServiceResult<PetitionTrail> {
    let petition = access::load(connection, id)?;
    access::check(actor, &petition, Action::ProvePetitionHistory)?;
    let entries: Vec<ProvenEntry> = chain::entries_of_subject(connection, "petition", id.as_str())?
        .into_iter()
        .map(|(entry, event)| ProvenEntry { entry, event })
        .collect();
    let (mut segments, mut unanchored_from) = (Vec::new(), None);
    let mut next = entries.first().map(|e| e.entry.position);
    while let Some(from) = next {
        let Some(anchor) = anchors::first_covering(connection, from)? else {
            unanchored_from = Some(from);
            break;
        };
        let previous_hash = match from {
            1 => ChainHash::GENESIS.to_string(),
            _ => chain::hash_at(connection, from - 1)?.unwrap_or_default(),
        };
        if anchor.position - from >= MAX_DIGESTS {
            return Err(ServiceError::Conflict(format!(
                "the proof from entry {from} to the first anchor after it ({}) would carry more than {MAX_DIGESTS} digests; verify the whole chain instead",
                anchor.position
            )));
        }
        let digests = chain::digests(connection, from, anchor.position)?;
        next = entries.iter().map(|e| e.entry.position).find(|position| *position > anchor.position);
        segments.push(Segment { from_position: from, previous_hash, digests, anchor });
    }
    Ok(PetitionTrail { entries, segments, unanchored_from })
}
