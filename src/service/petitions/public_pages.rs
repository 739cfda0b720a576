//! The public pages this process rendered last, each kept beside what it was rendered from (its
//! stamp), so that a repeat read costs one small statement instead of the rows and their JSON: a
//! petition's status page (`db::petitions::public_stamp`) for a citizen refreshing or a news
//! story's readers, and the public lists (`service::reports::public_petitions::stamp`).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::NaiveDate;

use crate::domain::ids::PetitionId;
use crate::domain::tracking_code::TrackingCode;

/// How many status pages a process keeps: a thousand bytes or so each.
const MOST_PAGES: usize = 10_000;

/// What a kept page was rendered from: two reads with equal stamps show the same page.
pub trait PageStamp: Clone + PartialEq {
    /// Which page it is: one page per key is kept, the one of the newest stamp.
    type Key: Clone + Eq + Hash;
    /// How many pages of this kind a process keeps.
    const MOST: usize;
    fn key(&self) -> Self::Key;
}

/// Everything a public page depends on. Two lookups with equal stamps show the same page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicStamp {
    pub code: TrackingCode,
    pub petition_id: PetitionId,
    /// Moved by every change to the petition.
    pub version: i32,
    /// The sequence number of its newest timeline entry.
    pub newest_event: Option<i32>,
    /// The reference data's generation in this process (names, heads, deadline rules, holidays).
    pub reference: u64,
    /// The deadlines' working days left are counted from today.
    pub today: NaiveDate,
}

/// A page as sent: its JSON and the ETag that names those bytes.
#[derive(Debug)]
pub struct RenderedPage {
    pub body: Vec<u8>,
    pub etag: String,
}

impl PageStamp for PublicStamp {
    type Key = TrackingCode;
    const MOST: usize = MOST_PAGES;

    fn key(&self) -> TrackingCode {
        self.code.clone()
    }
}

/// Each page's newest rendering, by its key, with the stamp it was rendered from.
type Kept<S> = HashMap<<S as PageStamp>::Key, (S, Arc<RenderedPage>)>;

pub struct KeptPages<S: PageStamp> {
    pages: Mutex<Kept<S>>,
}

/// The petitions' public status pages.
pub type PublicPages = KeptPages<PublicStamp>;

impl<S: PageStamp> Default for KeptPages<S> {
    fn default() -> Self {
        KeptPages { pages: Mutex::new(HashMap::new()) }
    }
}

impl<S: PageStamp> KeptPages<S> {
    /// The page rendered from exactly this stamp, if this process kept one.
    pub fn get(&self, stamp: &S) -> Option<Arc<RenderedPage>> {
        let pages = self.lock();
        pages.get(&stamp.key()).filter(|(kept, _)| kept == stamp).map(|(_, page)| Arc::clone(page))
    }

    /// Keeps a page rendered after `stamp` was read. It may show a change made in between; the
    /// next lookup then reads a newer stamp and renders the page again, so no page outlives
    /// what it shows.
    pub fn keep(&self, stamp: S, page: RenderedPage) -> Arc<RenderedPage> {
        let (key, page) = (stamp.key(), Arc::new(page));
        let mut pages = self.lock();
        if pages.len() >= S::MOST && !pages.contains_key(&key) {
            // Any page makes room: a popular one comes back at its next lookup.
            if let Some(other) = pages.keys().next().cloned() {
                pages.remove(&other);
            }
        }
        pages.insert(key, (stamp, Arc::clone(&page)));
        page
    }

    /// The lock is never held across a database read or a rendering; a poisoned lock still
    /// guards whole maps.
    fn lock(&self) -> MutexGuard<'_, Kept<S>> {
        self.pages.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(code: &TrackingCode, version: i32) -> PublicStamp {
        PublicStamp {
            code: code.clone(),
            petition_id: PetitionId::from_stored("00000000-0000-4000-8000-000000000001".into()),
            version,
            newest_event: Some(3),
            reference: 1,
            today: NaiveDate::from_ymd_opt(2026, 12, 1).expect("a day"),
        }
    }

    fn page(text: &str) -> RenderedPage {
        RenderedPage { body: text.as_bytes().to_vec(), etag: format!("\"{text}\"") }
    }

    #[test]
    fn a_page_is_served_only_for_the_stamp_it_was_rendered_from() {
        let pages = PublicPages::default();
        let code = TrackingCode::from_random([7; crate::domain::tracking_code::DATA_SYMBOLS]);
        pages.keep(stamp(&code, 1), page("one"));
        assert_eq!(pages.get(&stamp(&code, 1)).map(|p| p.body.clone()), Some(b"one".to_vec()));
        assert!(pages.get(&stamp(&code, 2)).is_none(), "a newer version renders again");
        let tomorrow = PublicStamp { today: NaiveDate::from_ymd_opt(2026, 12, 2).expect("a day"), ..stamp(&code, 1) };
        assert!(pages.get(&tomorrow).is_none(), "the working days left change with the day");
        pages.keep(stamp(&code, 2), page("two"));
        assert!(pages.get(&stamp(&code, 1)).is_none(), "only the newest rendering is kept");
    }

    #[test]
    fn a_process_keeps_at_most_its_bound_of_pages_and_always_the_newest() {
        let pages = PublicPages::default();
        let code = |n: usize| {
            let mut bytes = [0u8; crate::domain::tracking_code::DATA_SYMBOLS];
            for (i, byte) in bytes.iter_mut().enumerate().take(4) {
                *byte = u8::try_from((n >> (5 * i)) & 31).expect("five bits");
            }
            TrackingCode::from_random(bytes)
        };
        for n in 0..=MOST_PAGES {
            pages.keep(stamp(&code(n), 1), page("a page"));
        }
        assert_eq!(pages.lock().len(), MOST_PAGES, "one page made room for the last");
        assert!(pages.get(&stamp(&code(MOST_PAGES), 1)).is_some(), "the page just kept is there");
        pages.keep(stamp(&code(MOST_PAGES), 2), page("again"));
        assert_eq!(pages.lock().len(), MOST_PAGES, "a page kept again takes its own place");
    }
}
