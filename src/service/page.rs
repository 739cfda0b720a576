//! A page of a cursor-paginated listing, before it becomes JSON.

use crate::domain::pagination::{Cursor, PageSize};

#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
    pub total: i64,
}

impl<T> Page<T> {
    /// Builds a page from up to `size + 1` rows: the extra row only tells that another page exists.
    pub fn from_rows(mut rows: Vec<T>, size: PageSize, total: i64, key_of: impl Fn(&T) -> String) -> Self {
        let more = rows.len() as i64 > size.get();
        rows.truncate(size.get() as usize);
        let next_cursor = if more { rows.last().map(|last| Cursor::encode(&key_of(last))) } else { None };
        Page { items: rows, next_cursor, total }
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page { items: self.items.into_iter().map(f).collect(), next_cursor: self.next_cursor, total: self.total }
    }
}
