//! The audit chain's arithmetic, pure so that anyone can redo it from what pakn publishes: an
//! event's canonical text, its digest, and how each entry's hash commits to the one before.
//!
//! - `text`   = the JSON array `["pakn-event-v1", id, occurred_at, actor_id, kind, subject_type,
//!   subject_id, seq, visibility, note, data]`, each column exactly as stored (`occurred_at` as
//!   `YYYY-MM-DDTHH:MM:SS.ffffffZ`, absent values as `null`, `data` as its stored text);
//! - `digest` = SHA-256(`text` as UTF-8);
//! - `hash`   = SHA-256(previous hash ‖ digest), as 64 bytes; before the first entry the previous
//!   hash is 32 zero bytes ([`ChainHash::GENESIS`]).

use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

/// A SHA-256 value of the chain, written as 64 lower-case hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChainHash([u8; 32]);

impl ChainHash {
    /// What entry 1 links to.
    pub const GENESIS: ChainHash = ChainHash([0; 32]);

    pub fn of(bytes: &[u8]) -> Self {
        ChainHash(Sha256::digest(bytes).into())
    }

    /// `hash` of the entry whose digest is `digest`, after the entry whose hash is `self`.
    pub fn then(&self, digest: &ChainHash) -> ChainHash {
        let mut both = [0u8; 64];
        both[..32].copy_from_slice(&self.0);
        both[32..].copy_from_slice(&digest.0);
        ChainHash::of(&both)
    }

    /// Reads 64 hex digits; `None` for anything else.
    pub fn parse(hex: &str) -> Option<Self> {
        let bytes = hex.as_bytes();
        if bytes.len() != 64 {
            return None;
        }
        let mut value = [0u8; 32];
        for (index, pair) in bytes.chunks(2).enumerate() {
            let digit = |b: u8| (b as char).to_digit(16);
            value[index] = u8::try_from(digit(pair[0])? * 16 + digit(pair[1])?).ok()?;
        }
        Some(ChainHash(value))
    }
}

impl std::fmt::Display for ChainHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl serde::Serialize for ChainHash {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// An event exactly as the log stores it: what the chain seals.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    pub id: String,
    pub occurred_at: NaiveDateTime,
    pub actor_id: Option<String>,
    pub kind: String,
    pub subject_type: String,
    pub subject_id: String,
    pub seq: i32,
    pub visibility: String,
    pub note: Option<String>,
    pub data: String,
}

impl StoredEvent {
    /// The one serialisation the chain hashes (see the module's documentation).
    pub fn canonical_text(&self) -> String {
        serde_json::json!([
            "pakn-event-v1",
            self.id,
            self.occurred_at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
            self.actor_id,
            self.kind,
            self.subject_type,
            self.subject_id,
            self.seq,
            self.visibility,
            self.note,
            self.data,
        ])
        .to_string()
    }

    pub fn digest(&self) -> ChainHash {
        ChainHash::of(self.canonical_text().as_bytes())
    }
}

/// One entry of the chain as stored: its place, its event, and the two values sealed then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainEntry {
    pub position: i64,
    pub event_id: String,
    pub digest: String,
    pub hash: String,
}

/// The head of the chain as published at a moment: anyone who keeps one can later check that
/// nothing up to `position` changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub position: i64,
    pub hash: String,
    pub published_at: NaiveDateTime,
}

/// An anchor someone kept (from the public list, an e-mail, a newspaper): the chain recomputed
/// from the events must give `hash` at `position`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeptAnchor {
    pub position: i64,
    pub hash: ChainHash,
}

impl KeptAnchor {
    /// `POSITION:HASH`, as the command line takes it.
    pub fn parse(text: &str) -> Option<Self> {
        let (position, hash) = text.trim().split_once(':')?;
        let position = position.parse().ok().filter(|p: &i64| *p > 0)?;
        Some(KeptAnchor { position, hash: ChainHash::parse(hash)? })
    }
}

/// What is wrong with an entry, the first one found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Break {
    /// The entries do not follow 1, 2, 3 …: one was removed or inserted.
    PositionGap,
    /// The event the entry sealed is no longer in the log.
    EventMissing,
    /// The event's stored columns no longer give the digest sealed.
    EventChanged,
    /// The entry's hash is not the hash of the one before and its digest: the chain was edited.
    HashMismatch,
    /// A published anchor does not match the chain at its position: the chain was rebuilt.
    AnchorMismatch,
    /// The anchor the verifier kept does not match the chain recomputed at its position (or the
    /// chain no longer reaches it): the history changed after it was published, even if the
    /// published anchors were rewritten with it.
    KeptAnchorMismatch,
    /// Events in the log that were never queued for sealing: written around pakn.
    EventOutsideChain,
}

/// Where the verifier stands after the entries so far; fed one entry at a time, so that a chain
/// of any length is checked in constant memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Walk {
    pub position: i64,
    pub hash: ChainHash,
}

impl Walk {
    pub const START: Walk = Walk { position: 0, hash: ChainHash::GENESIS };

    /// Checks the next entry against its event (as stored now), and steps past it.
    pub fn step(&self, entry: &ChainEntry, event: Option<&StoredEvent>) -> Result<Walk, Break> {
        if entry.position != self.position + 1 {
            return Err(Break::PositionGap);
        }
        let event = event.ok_or(Break::EventMissing)?;
        let digest = event.digest();
        if ChainHash::parse(&entry.digest) != Some(digest) {
            return Err(Break::EventChanged);
        }
        let hash = self.hash.then(&digest);
        if ChainHash::parse(&entry.hash) != Some(hash) {
            return Err(Break::HashMismatch);
        }
        Ok(Walk { position: entry.position, hash })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(id: &str, data: &str) -> StoredEvent {
        StoredEvent {
            id: id.into(),
            occurred_at: NaiveDateTime::parse_from_str("2026-11-30 04:19:10.25", "%Y-%m-%d %H:%M:%S%.f").unwrap(),
            actor_id: None,
            kind: "petition.filed".into(),
            subject_type: "petition".into(),
            subject_id: "p1".into(),
            seq: 1,
            visibility: "public".into(),
            note: Some("Tiếp nhận".into()),
            data: data.into(),
        }
    }

    /// The chain a sealer would build over `events`, and its head.
    fn sealed(events: &[StoredEvent]) -> (Vec<ChainEntry>, Walk) {
        let (mut chain, mut head) = (Vec::new(), Walk::START);
        for event in events {
            let digest = event.digest();
            head = Walk { position: head.position + 1, hash: head.hash.then(&digest) };
            chain.push(ChainEntry {
                position: head.position,
                event_id: event.id.clone(),
                digest: digest.to_string(),
                hash: head.hash.to_string(),
            });
        }
        (chain, head)
    }

    #[test]
    fn the_canonical_text_names_every_column_in_a_fixed_order() {
        assert_eq!(
            event("e1", r#"{"a":1}"#).canonical_text(),
            r#"["pakn-event-v1","e1","2026-11-30T04:19:10.250000Z",null,"petition.filed","petition","p1",1,"public","Tiếp nhận","{\"a\":1}"]"#
        );
    }

    #[test]
    fn hashes_print_and_read_back_as_hex() {
        let hash = ChainHash::of(b"abc");
        assert_eq!(hash.to_string(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(ChainHash::parse(&hash.to_string()), Some(hash));
        assert_eq!(ChainHash::parse("xyz"), None);
        assert_eq!(ChainHash::parse(&"g".repeat(64)), None);
    }

    #[test]
    fn an_intact_chain_walks_to_its_end() {
        let events = [event("e1", "{}"), event("e2", "{}"), event("e3", "{}")];
        let (chain, head) = sealed(&events);
        let mut walk = Walk::START;
        for (entry, event) in chain.iter().zip(&events) {
            walk = walk.step(entry, Some(event)).unwrap();
        }
        assert_eq!(walk, head);
    }

    #[test]
    fn a_changed_event_a_missing_one_a_gap_and_an_edited_hash_are_each_named() {
        let events = [event("e1", "{}"), event("e2", "{}")];
        let (chain, _) = sealed(&events);
        let after_first = Walk::START.step(&chain[0], Some(&events[0])).unwrap();

        assert_eq!(after_first.step(&chain[1], Some(&event("e2", r#"{"x":1}"#))), Err(Break::EventChanged));
        assert_eq!(after_first.step(&chain[1], None), Err(Break::EventMissing));
        assert_eq!(Walk::START.step(&chain[1], Some(&events[1])), Err(Break::PositionGap));
        let mut edited = chain[1].clone();
        edited.hash = ChainHash::of(b"forged").to_string();
        assert_eq!(after_first.step(&edited, Some(&events[1])), Err(Break::HashMismatch));
    }

    #[test]
    fn a_kept_anchor_is_read_as_position_colon_hash_and_nothing_else() {
        let hash = ChainHash::of(b"head").to_string();
        assert_eq!(
            KeptAnchor::parse(&format!("42:{hash}")),
            Some(KeptAnchor { position: 42, hash: ChainHash::of(b"head") })
        );
        for bad in [format!("0:{hash}"), format!("-1:{hash}"), hash.clone(), "42:abc".into(), format!("x:{hash}")] {
            assert_eq!(KeptAnchor::parse(&bad), None, "{bad}");
        }
    }
}
