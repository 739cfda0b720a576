//! The public pages this process rendered last, each kept beside what it was rendered from (its
//! stamp), so that a repeat read costs one small statement instead of the rows and their JSON: a
//! petition's status page (`db::petitions::public_stamp`) for a citizen refreshing or a news
//! story's readers, and the public lists (`service::reports::public_petitions::stamp`), which are
//! sent for a second after their stamp was read without reading it again.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

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
    /// For how long after its stamp was read a kept page is sent without reading the stamp again:
    /// zero for a page checked on every read.
    const SENT_UNCHECKED_FOR: Duration;
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
    // A citizen refreshing after a step sees it at once: the stamp is one indexed read.
    const SENT_UNCHECKED_FOR: Duration = Duration::ZERO;

    fn key(&self) -> TrackingCode {
        self.code.clone()
    }
}

/// A page's newest rendering, the stamp it was rendered from and when that stamp was last read.
struct KeptPage<S> {
    stamp: S,
    page: Arc<RenderedPage>,
    checked_at: Instant,
}

/// Each page's newest rendering, by its key.
type Kept<S> = HashMap<<S as PageStamp>::Key, KeptPage<S>>;

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
    /// The page kept under `key` if its stamp was read less than `S::SENT_UNCHECKED_FOR` before
    /// `now`: what it shows is at most that old.
    pub fn recent(&self, key: &S::Key, now: Instant) -> Option<Arc<RenderedPage>> {
        let pages = self.lock();
        let kept = pages.get(key)?;
        (now.saturating_duration_since(kept.checked_at) < S::SENT_UNCHECKED_FOR).then(|| Arc::clone(&kept.page))
    }

    /// Whether a page is kept under `key`, whatever its stamp.
    pub fn holds(&self, key: &S::Key) -> bool {
        self.lock().contains_key(key)
    }

    /// The page rendered from exactly this stamp, read at `now`, if this process kept one.
    pub fn get(&self, stamp: &S, now: Instant) -> Option<Arc<RenderedPage>> {
        let mut pages = self.lock();
        let kept = pages.get_mut(&stamp.key()).filter(|kept| kept.stamp == *stamp)?;
        kept.checked_at = kept.checked_at.max(now);
        Some(Arc::clone(&kept.page))
    }

    /// Keeps a page rendered after `stamp` was read at `now`. It may show a change made in
    /// between; the next lookup then reads a newer stamp and renders the page again, so no page
    /// outlives what it shows by more than `S::SENT_UNCHECKED_FOR`.
    pub fn keep(&self, stamp: S, page: RenderedPage, now: Instant) -> Arc<RenderedPage> {
        let (key, page) = (stamp.key(), Arc::new(page));
        let mut pages = self.lock();
        if pages.len() >= S::MOST && !pages.contains_key(&key) {
            // Any page makes room: a popular one comes back at its next lookup.
            if let Some(other) = pages.keys().next().cloned() {
                pages.remove(&other);
            }
        }
        pages.insert(key, KeptPage { stamp, page: Arc::clone(&page), checked_at: now });
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

    fn now() -> Instant {
        static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
        *START.get_or_init(Instant::now)
    }

    fn page(text: &str) -> RenderedPage {
        RenderedPage { body: text.as_bytes().to_vec(), etag: format!("\"{text}\"") }
    }

    #[test]
    fn a_page_is_served_only_for_the_stamp_it_was_rendered_from() {
        let pages = PublicPages::default();
        let code = TrackingCode::from_random([7; crate::domain::tracking_code::DATA_SYMBOLS]);
        pages.keep(stamp(&code, 1), page("one"), now());
        assert_eq!(pages.get(&stamp(&code, 1), now()).map(|p| p.body.clone()), Some(b"one".to_vec()));
        assert!(pages.get(&stamp(&code, 2), now()).is_none(), "a newer version renders again");
        let tomorrow = PublicStamp { today: NaiveDate::from_ymd_opt(2026, 12, 2).expect("a day"), ..stamp(&code, 1) };
        assert!(pages.get(&tomorrow, now()).is_none(), "the working days left change with the day");
        pages.keep(stamp(&code, 2), page("two"), now());
        assert!(pages.get(&stamp(&code, 1), now()).is_none(), "only the newest rendering is kept");
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
            pages.keep(stamp(&code(n), 1), page("a page"), now());
        }
        assert_eq!(pages.lock().len(), MOST_PAGES, "one page made room for the last");
        assert!(pages.get(&stamp(&code(MOST_PAGES), 1), now()).is_some(), "the page just kept is there");
        pages.keep(stamp(&code(MOST_PAGES), 2), page("again"), now());
        assert_eq!(pages.lock().len(), MOST_PAGES, "a page kept again takes its own place");
    }

    /// A kind of page sent unchecked for a second, like the public lists: (key, version).
    #[derive(Debug, Clone, PartialEq)]
    struct Listed(u32, i32);

    impl PageStamp for Listed {
        type Key = u32;
        const MOST: usize = 10;
        const SENT_UNCHECKED_FOR: Duration = Duration::from_secs(1);

        fn key(&self) -> u32 {
            self.0
        }
    }

    #[test]
    fn a_page_is_sent_unchecked_only_for_its_while_after_each_reading_of_its_stamp() {
        let pages = KeptPages::<Listed>::default();
        let later = |ms: u64| now() + Duration::from_millis(ms);
        pages.keep(Listed(1, 1), page("one"), now());
        assert!(pages.recent(&1, later(999)).is_some(), "within the second the stamp is not read");
        assert!(pages.recent(&1, later(1000)).is_none(), "after it, the stamp is read again");
        assert!(pages.recent(&2, now()).is_none(), "another page was never kept");
        assert!(pages.get(&Listed(1, 1), later(1000)).is_some(), "the same stamp: the same page");
        assert!(pages.recent(&1, later(1999)).is_some(), "a matching stamp starts another second");
        assert!(pages.get(&Listed(1, 2), later(2000)).is_none(), "a changed page is rendered again");

        let status_pages = PublicPages::default();
        let code = TrackingCode::from_random([7; crate::domain::tracking_code::DATA_SYMBOLS]);
        status_pages.keep(stamp(&code, 1), page("one"), now());
        assert!(status_pages.holds(&code));
        assert!(status_pages.recent(&code, now()).is_none(), "a status page is checked on every read");
    }
}
