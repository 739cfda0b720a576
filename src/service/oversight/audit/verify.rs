//! Verification: the whole chain recomputed from the events as they are stored now, a batch at a
//! time (constant memory at any length), checked against every published anchor and the one the
//! verifier kept, if given; the first broken entry is named.

use super::stored_hash;
use crate::db::DbConnection;
use crate::db::oversight::{anchors, chain};
use crate::domain::oversight::audit::{Anchor, Break, KeptAnchor, Walk};
use crate::service::ServiceResult;

/// Entries read per query.
const BATCH: i64 = 2_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// Through the last entry found intact: its position and recomputed hash.
    pub verified: Walk,
    pub anchors_checked: i64,
    pub events_logged: i64,
    /// Committed, queued, not yet sealed: the sealer takes them within seconds.
    pub awaiting_seal: i64,
    pub first_broken: Option<BrokenEntry>,
}

/// The first thing found wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenEntry {
    /// None for an event that never entered the chain.
    pub position: Option<i64>,
    pub event_id: Option<String>,
    pub problem: Break,
}

pub fn verify(connection: &mut DbConnection, kept: Option<KeptAnchor>) -> ServiceResult<Verification> {
    let (events_logged, awaiting_seal, sealed) = chain::counts(connection)?;
    let (mut walk, mut anchors_checked) = (Walk::START, 0);
    let broken = |position, event_id, problem| Some(BrokenEntry { position: Some(position), event_id, problem });
    let first_broken = 'walk: loop {
        let batch = chain::entries_after(connection, walk.position, BATCH)?;
        let Some(last) = batch.last().map(|(entry, _)| entry.position) else { break None };
        let mut anchors = anchors::after(connection, walk.position, BATCH)?.into_iter().filter(|a| a.position <= last);
        let mut next_anchor = anchors.next();
        for (entry, event) in &batch {
            walk = match walk.step(entry, event.as_ref()) {
                Ok(next) => next,
                Err(problem) => break 'walk broken(entry.position, Some(entry.event_id.clone()), problem),
            };
            if let Some(kept) = kept.filter(|kept| kept.position == walk.position)
                && kept.hash != walk.hash
            {
                break 'walk broken(kept.position, Some(entry.event_id.clone()), Break::KeptAnchorMismatch);
            }
            if let Some(anchor) = next_anchor.take_if(|anchor| anchor.position == walk.position) {
                anchors_checked += 1;
                if stored_hash(&anchor.hash)? != walk.hash {
                    break 'walk broken(anchor.position, Some(entry.event_id.clone()), Break::AnchorMismatch);
                }
                next_anchor = anchors.next();
            }
        }
        if batch.len() < BATCH as usize {
            break None;
        }
    };
    let first_broken = match (first_broken, kept) {
        (Some(broken), _) => Some(broken),
        // The chain ends before the kept anchor: entries were removed from its tail.
        (None, Some(kept)) if kept.position > walk.position => {
            Some(BrokenEntry { position: Some(kept.position), event_id: None, problem: Break::KeptAnchorMismatch })
        }
        (None, _) => beyond_the_chain(connection, walk, (events_logged, awaiting_seal, sealed))?,
    };
    Ok(Verification { verified: walk, anchors_checked, events_logged, awaiting_seal, first_broken })
}

/// After an intact walk: an anchor past the chain's end (entries removed from its tail), or an
/// event that never entered it.
fn beyond_the_chain(
    connection: &mut DbConnection,
    walk: Walk,
    (logged, waiting, sealed): (i64, i64, i64),
) -> diesel::QueryResult<Option<BrokenEntry>> {
    if let Some(Anchor { position, .. }) = anchors::after(connection, walk.position, 1)?.pop() {
        return Ok(Some(BrokenEntry { position: Some(position), event_id: None, problem: Break::AnchorMismatch }));
    }
    if logged <= waiting + sealed {
        return Ok(None);
    }
    Ok(chain::first_outside_chain(connection)?.map(|event_id| BrokenEntry {
        position: None,
        event_id: Some(event_id),
        problem: Break::EventOutsideChain,
    }))
}
