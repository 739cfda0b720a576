//! Sealing: the events committed since the last round join the chain, in the order they were
//! queued, a batch per transaction, under the head's lock (so two processes never seal one event
//! twice, and a change never waits for the chain).

use chrono::NaiveDateTime;

use super::stored_hash;
use crate::db::{self, DbConnection, oversight::chain};
use crate::domain::oversight::audit::{ChainEntry, Walk};
use crate::service::ServiceResult;
use crate::service::shutdown::Shutdown;

/// Events sealed in one transaction.
const BATCH: i64 = 500;

/// Seals everything queued, or until a shutdown begins (the rest stays queued for the next
/// round); returns how many events it sealed.
pub fn seal_queued(connection: &mut DbConnection, now: NaiveDateTime, shutdown: &Shutdown) -> ServiceResult<usize> {
    let mut total = 0;
    loop {
        let sealed = db::transaction(connection, |c| seal_batch(c, now))?;
        total += sealed;
        if sealed < BATCH as usize || shutdown.has_begun() {
            return Ok(total);
        }
    }
}

fn seal_batch(connection: &mut DbConnection, now: NaiveDateTime) -> ServiceResult<usize> {
    let (position, hash) = chain::lock_head(connection)?;
    let mut head = Walk { position, hash: stored_hash(&hash)? };
    let queued = chain::queued(connection, BATCH)?;
    let mut entries = Vec::with_capacity(queued.len());
    for (_, event) in &queued {
        let digest = event.digest();
        head = Walk { position: head.position + 1, hash: head.hash.then(&digest) };
        entries.push(ChainEntry {
            position: head.position,
            event_id: event.id.clone(),
            digest: digest.to_string(),
            hash: head.hash.to_string(),
        });
    }
    let queue_ids: Vec<i64> = queued.iter().map(|(id, _)| *id).collect();
    chain::seal(connection, &entries, &queue_ids, now)?;
    Ok(entries.len())
}
