//! The public status pages this process rendered last, each kept beside what it was rendered
//! from, so that a repeat lookup — a citizen refreshing, a news story's readers — costs one small
//! indexed read (`db::petitions::public_stamp`) instead of the petition's row, its timeline and
//! their JSON.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::NaiveDate;

use crate::domain::ids::PetitionId;
use crate::domain::tracking_code::TrackingCode;

/// How many pages a process keeps: a thousand bytes or so each.
const MOST_PAGES: usize = 10_000;

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

#[derive(Default)]
pub struct PublicPages {
    pages: Mutex<HashMap<TrackingCode, (PublicStamp, Arc<RenderedPage>)>>,
}

impl PublicPages {
    /// The page rendered from exactly this stamp, if this process kept one.
    pub fn get(&self, stamp: &PublicStamp) -> Option<Arc<RenderedPage>> {
        let pages = self.lock();
        pages.get(&stamp.code).filter(|(kept, _)| kept == stamp).map(|(_, page)| Arc::clone(page))
    }

    /// Keeps a page rendered after `stamp` was read. It may show a change made in between; the
    /// next lookup then reads a newer stamp and renders the page again, so no page outlives
    /// what it shows.
    pub fn keep(&self, stamp: PublicStamp, page: RenderedPage) -> Arc<RenderedPage> {
        let page = Arc::new(page);
        let mut pages = self.lock();
        if pages.len() >= MOST_PAGES && !pages.contains_key(&stamp.code) {
            // Any page makes room: a popular one comes back at its next lookup.
            if let Some(code) = pages.keys().next().cloned() {
                pages.remove(&code);
            }
        }
        pages.insert(stamp.code.clone(), (stamp, Arc::clone(&page)));
        page
    }

    /// The lock is never held across a database read or a rendering; a poisoned lock still
    /// guards whole maps.
    fn lock(&self) -> MutexGuard<'_, HashMap<TrackingCode, (PublicStamp, Arc<RenderedPage>)>> {
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
