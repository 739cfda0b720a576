//! JSON shapes shared by every resource.

use serde::Serialize;

use crate::service::page::Page;

/// `{"items": [...], "next_cursor": "…" | null, "total": N}`: every listing answers this.
#[derive(Debug, Serialize)]
pub struct ListResponse<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
    pub total: i64,
}

impl<T> ListResponse<T> {
    pub fn from_page<R>(page: Page<R>, to_wire: impl FnMut(R) -> T) -> Self {
        let page = page.map(to_wire);
        ListResponse { items: page.items, next_cursor: page.next_cursor, total: page.total }
    }

    /// A listing short enough to come whole.
    pub fn complete(items: Vec<T>) -> Self {
        let total = items.len() as i64;
        ListResponse { items, next_cursor: None, total }
    }
}
